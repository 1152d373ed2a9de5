/**
 * Every way `content/site.yaml` can be wrong, each with the one line mxstatus prints: the file, the
 * field, what is wrong, the value it got and the fix.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exitCodes } from '../problem.ts';
import { checkSiteConfig, loadSiteConfig, parseSiteConfig } from './load-site-config.ts';

const FILE = 'content/site.yaml';
const valid = 'name: Example Mail\nsite: https://status.example.net\n';
const sender = (fields: string) => `${valid}senders:\n  - id: partner\n    name: Partner\n${fields}`;
const FIELDS = 'name, site, locales, defaultLocale, timeZone, support, detection, staleAfterMinutes, incidentsPerPage, ownHosts, senders';

/** [case, site.yaml, the message]. */
const table: [string, string, string][] = [
  // The file as a whole.
  ['an empty file', '', 'content/site.yaml: empty; write at least name and site, e.g. name: Example Mail and site: https://status.example.net'],
  ['a file of comments only', '# to do\n', 'content/site.yaml: empty; write at least name and site, e.g. name: Example Mail and site: https://status.example.net'],
  ['a list instead of a mapping', '- name: Example Mail\n- site: x\n', 'content/site.yaml: (top level): a list, not a set of fields (got [{"name":"Example Mail"},{"site":"x"}]); write its fields one per line, e.g. name: Example Mail'],
  ['a single word', 'Example Mail\n', 'content/site.yaml: (top level): not a set of fields (got "Example Mail"); write its fields one per line, e.g. name: Example Mail'],
  ['an unknown field', `${valid}colour: blue\n`, `content/site.yaml: colour: unknown field (got "blue"); remove it; the fields here are ${FIELDS}`],
  ['a misspelt field', `${valid}timezone: Europe/Berlin\n`, 'content/site.yaml: timezone: unknown field (got "Europe/Berlin"); rename it to timeZone'],
  ['several problems', 'name: ""\nsite: x\nlocales: []\n', 'content/site.yaml: name: empty (got ""); fill it in, e.g. name: Example Mail (and 3 more)'],

  // YAML syntax, with the line.
  ['a list not closed', `${valid}locales: [de, en\n`, 'content/site.yaml:3: not valid YAML: a list in [ ] or a group in { } is not closed (got "locales: [de, en"); close every [ with ] and every { with }'],
  ['a quote not closed', 'name: "Example Mail\nsite: https://status.example.net\n', 'content/site.yaml:1: not valid YAML: a quote is not closed (got "name: \\"Example Mail"); close the quote where the value ends'],
  ['": " in a value', 'name: Example Mail: Status\nsite: https://status.example.net\n', 'content/site.yaml:1: not valid YAML: the value contains ": " (got "name: Example Mail: Status"); put it in quotes: name: "Example Mail: Status"'],
  ['a field indented below a value', 'name: Example Mail\n  site: https://status.example.net\n', 'content/site.yaml:1: not valid YAML: a field is indented below a line that has a value (got "name: Example Mail"); indent it like the line above, or move the value to its own field'],
  ['a duplicate key', `${valid}name: Other Mail\n`, 'content/site.yaml:3: not valid YAML: name is set twice (got "name: Other Mail"); keep one of the two name lines'],
  ['a tab in the indentation', `${valid}detection:\n\twindowMinutes: 30\n`, 'content/site.yaml:4: not valid YAML: tabs are not allowed as indentation (got "\\twindowMinutes: 30"); indent with spaces, not tabs'],

  // name
  ['name missing', 'site: https://status.example.net\n', 'content/site.yaml: name: missing; add it, e.g. name: Example Mail'],
  ['name empty', 'name: ""\nsite: https://status.example.net\n', 'content/site.yaml: name: empty (got ""); fill it in, e.g. name: Example Mail'],
  ['name without a value', 'name:\nsite: https://status.example.net\n', 'content/site.yaml: name: empty; write text, e.g. name: Example Mail'],
  ['name a number', 'name: 42\nsite: https://status.example.net\n', 'content/site.yaml: name: not text (got 42); put it in quotes: name: "42"'],
  ['name a boolean', 'name: true\nsite: https://status.example.net\n', 'content/site.yaml: name: not text (got true); put it in quotes: name: "true"'],

  // site
  ['site missing', 'name: Example Mail\n', 'content/site.yaml: site: missing; add it, e.g. site: https://status.example.net'],
  ['site without a scheme', 'name: Example Mail\nsite: status.example.net\n', 'content/site.yaml: site: not a full URL (got "status.example.net"); write it with https://, e.g. https://status.example.net'],
  ['site not a URL', 'name: Example Mail\nsite: my site\n', 'content/site.yaml: site: not a full URL (got "my site"); write a full address, e.g. site: https://status.example.net'],
  ['site not a web address', 'name: Example Mail\nsite: ftp://status.example.net\n', 'content/site.yaml: site: not a web address (got "ftp://status.example.net"); write an address that starts with https://'],

  // locales and defaultLocale
  ['a locale the site does not offer', `${valid}locales: [de, fr]\n`, 'content/site.yaml: locales[1]: not allowed (got "fr"); use de or en'],
  ['locales empty', `${valid}locales: []\n`, 'content/site.yaml: locales: an empty list (got []); list at least one, e.g. locales: [de, en] (and 1 more)'],
  ['locales not a list', `${valid}locales: de\n`, 'content/site.yaml: locales: not a list (got "de"); write it as a list: locales: [de]'],
  ['defaultLocale not offered', `${valid}defaultLocale: fr\n`, 'content/site.yaml: defaultLocale: not allowed (got "fr"); use de or en'],
  ['defaultLocale a misspelt locale', `${valid}defaultLocale: dee\n`, 'content/site.yaml: defaultLocale: not allowed (got "dee"); use de'],
  ['defaultLocale not in locales', `${valid}locales: [de]\ndefaultLocale: en\n`, 'content/site.yaml: defaultLocale: not one of locales (got "en"); add en to locales or set defaultLocale to de'],
  ['the default defaultLocale not in locales', `${valid}locales: [en]\n`, 'content/site.yaml: defaultLocale: not one of locales; add de to locales, or set defaultLocale to one of them (it is de unless you set it)'],

  // timeZone
  ['a city instead of a zone', `${valid}timeZone: Berlin\n`, 'content/site.yaml: timeZone: not an IANA time zone (got "Berlin"); use Europe/Berlin'],
  ['an unknown zone', `${valid}timeZone: Mars/Olympus\n`, 'content/site.yaml: timeZone: not an IANA time zone (got "Mars/Olympus"); use a name such as Europe/Berlin or UTC'],
  ['timeZone a number', `${valid}timeZone: 1\n`, 'content/site.yaml: timeZone: not text (got 1); put it in quotes: timeZone: "1"'],

  // support
  ['support.email not an address', `${valid}support:\n  email: support\n`, 'content/site.yaml: support.email: not an e-mail address (got "support"); write a full address, e.g. email: support@example.net'],
  ['support.url without a scheme', `${valid}support:\n  url: example.net/help\n`, 'content/site.yaml: support.url: not a full URL (got "example.net/help"); write it with https://, e.g. https://example.net/help'],
  ['support.url a script', `${valid}support:\n  url: "javascript:alert(1)"\n`, 'content/site.yaml: support.url: not a web address (got "javascript:alert(1)"); write an address that starts with https://'],
  ['support with an unknown field', `${valid}support:\n  phone: 123\n`, 'content/site.yaml: support.phone: unknown field (got 123); remove it; the fields here are email, url'],
  ['support a list', `${valid}support: [support@example.net]\n`, 'content/site.yaml: support: a list, not a set of fields (got ["support@example.net"]); write its fields one per line'],
  ['support without fields', `${valid}support:\n`, 'content/site.yaml: support: empty; indent its fields below it, or remove the line'],

  // detection
  ['a word for a number', `${valid}detection:\n  minFailures: ten\n`, 'content/site.yaml: detection.minFailures: not a number (got "ten"); write a number, e.g. minFailures: 10'],
  ['a number in quotes', `${valid}detection:\n  minFailures: "10"\n`, 'content/site.yaml: detection.minFailures: a number in quotes (got "10"); remove the quotes: minFailures: 10'],
  ['not a multiple of 5', `${valid}detection:\n  windowMinutes: 7\n`, 'content/site.yaml: detection.windowMinutes: not a multiple of 5 (got 7); use 5 or 10'],
  ['below the minimum', `${valid}detection:\n  windowMinutes: 2\n`, 'content/site.yaml: detection.windowMinutes: too small (got 2); use at least 5 (and 1 more)'],
  ['above the maximum', `${valid}detection:\n  windowMinutes: 2000\n`, 'content/site.yaml: detection.windowMinutes: too big (got 2000); use at most 1440'],
  ['not a whole number', `${valid}detection:\n  windowMinutes: 7.5\n`, 'content/site.yaml: detection.windowMinutes: not a whole number (got 7.5); use a whole number, e.g. 8'],
  ['a percentage for a share', `${valid}detection:\n  minFailureRatio: 25\n`, 'content/site.yaml: detection.minFailureRatio: too big (got 25); write a share between 0 and 1, e.g. 0.25 for 25%'],
  ['a negative share', `${valid}detection:\n  minFailureRatio: -0.1\n`, 'content/site.yaml: detection.minFailureRatio: too small (got -0.1); use at least 0'],
  ['a misspelt detection field', `${valid}detection:\n  windowMinute: 30\n`, 'content/site.yaml: detection.windowMinute: unknown field (got 30); rename it to windowMinutes'],
  ['an unknown impact level', `${valid}detection:\n  impact:\n    severe: 0.9\n`, 'content/site.yaml: detection.impact.severe: unknown field (got 0.9); remove it; the fields here are minor, major, critical, majorAfterMinutes, criticalAfterMinutes'],
  ['impact levels out of order', `${valid}detection:\n  impact:\n    minor: 0.5\n    major: 0.4\n`, 'content/site.yaml: detection.impact.major: lower than minor 0.5 (got 0.4); keep minor ≤ major ≤ critical, e.g. 0.1, 0.4, 0.8'],
  ['critical below major', `${valid}detection:\n  impact:\n    critical: 0.3\n`, 'content/site.yaml: detection.impact.critical: lower than major 0.4 (got 0.3); keep minor ≤ major ≤ critical, e.g. 0.1, 0.4, 0.8'],
  ['ours.minSenders below 2', `${valid}detection:\n  ours:\n    minSenders: 1\n`, 'content/site.yaml: detection.ours.minSenders: too small (got 1); use at least 2'],
  ['silence.factor below 1', `${valid}detection:\n  silence:\n    factor: 0.5\n`, 'content/site.yaml: detection.silence.factor: too small (got 0.5); use at least 1'],
  ['detection a list', `${valid}detection: [30]\n`, 'content/site.yaml: detection: a list, not a set of fields (got [30]); write its fields one per line'],

  // staleAfterMinutes and incidentsPerPage
  ['staleAfterMinutes 0', `${valid}staleAfterMinutes: 0\n`, 'content/site.yaml: staleAfterMinutes: too small (got 0); use at least 1'],
  ['staleAfterMinutes infinite', `${valid}staleAfterMinutes: .inf\n`, 'content/site.yaml: staleAfterMinutes: not a finite number (got Infinity); write a number, e.g. staleAfterMinutes: 60'],
  ['incidentsPerPage too big', `${valid}incidentsPerPage: 500\n`, 'content/site.yaml: incidentsPerPage: too big (got 500); use at most 200'],

  // ownHosts
  ['ownHosts with a space', `${valid}ownHosts: ["mx 1.example.net"]\n`, 'content/site.yaml: ownHosts[0]: not a host name or domain (got "mx 1.example.net"); write a host name or domain, e.g. mx1.example.net or example.net'],
  ['ownHosts with a URL', `${valid}ownHosts: [example.net, "https://mx1.example.net/"]\n`, 'content/site.yaml: ownHosts[1]: not a host name or domain (got "https://mx1.example.net/"); write only the host name: mx1.example.net'],
  ['ownHosts with an address', `${valid}ownHosts: [postmaster@example.net]\n`, 'content/site.yaml: ownHosts[0]: not a host name or domain (got "postmaster@example.net"); write only the domain: example.net'],
  ['ownHosts not a list', `${valid}ownHosts: example.net\n`, 'content/site.yaml: ownHosts: not a list (got "example.net"); write it as a list: ownHosts: [example.net]'],

  // senders
  ['a rule with a bad id', `${valid}senders:\n  - id: Partner Mail\n    name: Partner\n`, 'content/site.yaml: senders[0].id: not a valid id (got "Partner Mail"); use lower-case letters, digits and dashes, e.g. partner-mail'],
  ['a rule without a name', `${valid}senders:\n  - id: partner\n`, 'content/site.yaml: senders[0].name: missing; add it, e.g. name: Outlook.com'],
  ['a rule without an id', `${valid}senders:\n  - name: Partner\n`, 'content/site.yaml: senders[0].id: missing; add it, e.g. id: partner'],
  ['a rule with an unknown field', sender('    hostSuffix: [mail.partner.example]\n'), 'content/site.yaml: senders[0].hostSuffix: unknown field (got ["mail.partner.example"]); rename it to hostSuffixes'],
  ['a rule with a bad CIDR', sender('    ipRanges: [198.51.100.0/24, 40.107.0.0/33]\n'), 'content/site.yaml: senders[0].ipRanges[1]: not an IP range (got "40.107.0.0/33"); write it in CIDR notation, e.g. 40.107.0.0/16 or 2a01:111:f403::/48'],
  ['a rule with an octal range', sender('    ipRanges: [010.0.0.0/8]\n'), 'content/site.yaml: senders[0].ipRanges[0]: not an IP range (got "010.0.0.0/8"); write it in CIDR notation, e.g. 40.107.0.0/16 or 2a01:111:f403::/48'],
  ['a rule with an address for a range', sender('    ipRanges: [198.51.100.7]\n'), 'content/site.yaml: senders[0].ipRanges[0]: not an IP range (got "198.51.100.7"); add the prefix length, e.g. 198.51.100.7/32 for this one address'],
  ['a rule with a bad status page', sender('    statusPage: status.partner.example\n'), 'content/site.yaml: senders[0].statusPage: not a full URL (got "status.partner.example"); write it with https://, e.g. https://status.partner.example'],
  ['a rule with an empty host suffix', sender('    hostSuffixes: [""]\n'), 'content/site.yaml: senders[0].hostSuffixes[0]: empty (got ""); fill it in, e.g. outbound.protection.outlook.com'],
  ['two rules with one id', `${sender('')}  - id: partner\n    name: Partner 2\n`, 'content/site.yaml: senders[1].id: the same as senders[0].id (got "partner"); give each rule its own id'],
  ['a reserved id', `${valid}senders:\n  - id: ours\n    name: Us\n`, 'content/site.yaml: senders[0].id: reserved (got "ours"); choose another id: "ours" marks our own incidents and "other" counts the senders nobody named'],
  ['a rule as a mapping', `${valid}senders:\n  id: partner\n  name: Partner\n`, 'content/site.yaml: senders: not a list (got {"id":"partner","name":"Partner"}); write a list, e.g. senders: [{ id: partner, name: Partner, hostSuffixes: [mail.partner.example] }]'],
];

describe('site.yaml errors name the file, the field, the bad value and the fix', () => {
  for (const [name, yaml, message] of table) {
    test(name, () => {
      const result = parseSiteConfig(yaml, FILE);
      assert.ok(!result.ok, 'expected a problem');
      assert.equal(result.problem.message, message);
      assert.equal(result.problem.exitCode, exitCodes.config);
      assert.doesNotMatch(result.problem.message, /\n/);
    });
  }
});

describe('valid settings', () => {
  test('the repository’s own content/site.yaml passes', async () => {
    assert.ok((await loadSiteConfig('content')).ok);
  });

  test('name and site alone are enough; the rest has defaults', () => {
    const result = parseSiteConfig(valid, FILE);
    assert.ok(result.ok);
    assert.equal(result.value.timeZone, 'Europe/Berlin');
  });

  test('a rule may replace a built-in sender by using its id', () => {
    assert.ok(parseSiteConfig(`${valid}senders:\n  - id: microsoft\n    name: Microsoft\n`, FILE).ok);
  });
});

describe('every problem at once, for mxstatus check', () => {
  test('checkSiteConfig lists each problem on its own line', () => {
    assert.deepEqual(checkSiteConfig('name: ""\nsite: x\nlocales: []\nfoo: 1\n', FILE).problems, [
      'content/site.yaml: name: empty (got ""); fill it in, e.g. name: Example Mail',
      'content/site.yaml: site: not a full URL (got "x"); write a full address, e.g. site: https://status.example.net',
      'content/site.yaml: locales: an empty list (got []); list at least one, e.g. locales: [de, en]',
      `content/site.yaml: foo: unknown field (got 1); remove it; the fields here are ${FIELDS}`,
      'content/site.yaml: defaultLocale: not one of locales; add de to locales, or set defaultLocale to one of them (it is de unless you set it)',
    ]);
  });

  test('valid settings have no problems', () => {
    const checked = checkSiteConfig(valid, FILE);
    assert.deepEqual(checked.problems, []);
    assert.equal(checked.config?.name, 'Example Mail');
  });
});

describe('invalid input', () => {
  test('a missing file names the file and both ways out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mxstatus-config-'));
    try {
      const result = await loadSiteConfig(dir);
      assert.ok(!result.ok);
      assert.equal(result.problem.message, `${join(dir, 'site.yaml')}: cannot read it (ENOENT); create it (see README.md, "content/site.yaml") or pass --content DIR`);
      assert.equal(result.problem.exitCode, exitCodes.config);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
