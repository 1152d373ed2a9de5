import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { componentPath, feedPaths, shortId, shortPath } from './routes.ts';

const config = { defaultLocale: 'de' as const };

describe('routes', () => {
  test('a short id for every kind a log shows, inbound and outbound', () => {
    assert.equal(shortId('2026-03-19-microsoft-tls-failure'), '260319-microsoft-tls');
    assert.equal(shortId('2026-03-23-microsoft-rate-limit'), '260323-microsoft-rl');
    assert.equal(shortId('2026-03-24-google-reputation'), '260324-google-rp');
    assert.equal(shortId('2026-03-24-google-authentication-2'), '260324-google-au-2');
    assert.equal(shortId('2026-03-24-web-de-temporary'), '260324-web-de-tp');
    assert.equal(shortId('2026-03-12-ours-unreachable'), '260312-ours-ur');
    // An incident no log shows keeps its id.
    assert.equal(shortId('2026-03-21-webmail-login'), '2026-03-21-webmail-login');
    assert.equal(shortPath('en', '2026-03-23-microsoft-rate-limit', config), '/en/i/260323-microsoft-rl/');
  });

  test('a receiver has its page and feeds under /delivery/, a sender under /senders/', () => {
    assert.equal(componentPath('microsoft'), '/senders/microsoft/');
    assert.equal(componentPath('microsoft', 'outbound'), '/delivery/microsoft/');
    assert.equal(feedPaths('de', config).atom, '/feed.atom');
    assert.equal(feedPaths('de', config, 'ours').rss, '/senders/ours/feed.rss');
    assert.equal(feedPaths('en', config, 'ours', 'outbound').json, '/en/delivery/ours/feed.json');
  });
});
