import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exitCodes } from '../../src/core/problem.ts';
import { openRun } from './run-summarize.ts';

/** A scratch folder with `content/` holding the project's site.yaml, and two rotated logs. */
async function scratch(): Promise<{ dir: string; content: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mxstatus-open-run-'));
  const content = join(dir, 'content');
  await mkdir(content);
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  for (const name of ['mail.log', 'mail.log.1']) await writeFile(join(dir, name), '');
  return { dir, content };
}

describe('openRun', () => {
  test('reads the site\'s settings and expands the inputs, oldest rotation first; no state without --state', async () => {
    const { dir, content } = await scratch();
    const opened = await openRun({ contentDir: content, inputs: [join(dir, 'mail.log*')] });
    assert.ok(opened.ok);
    const { config, files, clock, rules, state } = opened.value;
    assert.deepEqual([config.name, files, clock.zone, state], ['Example Mail', [join(dir, 'mail.log.1'), join(dir, 'mail.log')], 'Europe/Berlin', null]);
    assert.ok(rules.some((rule) => rule.id === 'microsoft'), 'the built-in catalog');
  });

  test('--tz overrides the site\'s zone', async () => {
    const { dir, content } = await scratch();
    const opened = await openRun({ contentDir: content, inputs: [join(dir, 'mail.log')], timeZone: 'UTC' });
    assert.equal(opened.ok && opened.value.clock.zone, 'UTC');
  });

  test('the first run with --state: a state without anything saved', async () => {
    const { dir, content } = await scratch();
    const path = join(dir, 'mxstatus.state');
    const opened = await openRun({ contentDir: content, inputs: [join(dir, 'mail.log')], statePath: path });
    assert.ok(opened.ok);
    assert.deepEqual([opened.value.state?.path, opened.value.state?.saved, opened.value.state?.positions.list(0)], [path, null, []]);
    assert.match(opened.value.state?.settings ?? '', /^[0-9a-f]{32}$/);
  });

  describe('invalid input', () => {
    test('each failure stops the run with its exit code: site.yaml first, then the inputs, then the state', async () => {
      const { dir, content } = await scratch();
      const state = join(dir, 'mxstatus.state');
      await writeFile(state, 'not gzip');
      const broken = join(dir, 'broken');
      await mkdir(broken);
      await writeFile(join(broken, 'site.yaml'), 'name: [');
      const cases = [
        [{ contentDir: broken, inputs: [], statePath: state }, exitCodes.config],
        [{ contentDir: content, inputs: [], statePath: state }, exitCodes.usage],
        [{ contentDir: content, inputs: [join(dir, 'nothing*')], statePath: state }, exitCodes.input],
        [{ contentDir: content, inputs: [join(dir, 'mail.log')], statePath: state }, exitCodes.state],
      ] as const;
      for (const [options, exitCode] of cases) {
        const opened = await openRun(options);
        assert.equal(opened.ok ? 'ok' : opened.problem.exitCode, exitCode, JSON.stringify(options));
      }
    });
  });
});
