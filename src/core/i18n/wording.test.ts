/**
 * The review of every string the site and the command line show, kept as a test: a table of
 * phrasings a native reader stumbled over (each with what to say instead), and every template
 * filled with real values the way the pages fill it, then read for the mistakes templates make
 * (a date after "Von" without its article, a placeholder left over, a doubled blank or stop).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatCount, formatDateTime, formatPercent, formatSeconds, formatSpan, zoneLabel } from '../format-time.ts';
import type { Locale } from '../schemas/site-config.ts';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { fillTemplate } from './fill-template.ts';

const catalogs: Record<Locale, Record<string, string>> = { de, en };

/** Phrasings found wrong in review, per language: the pattern, and what to write instead. */
const FORBIDDEN: Record<Locale, readonly (readonly [RegExp, string])[]> = {
  de: [
    [/(?<![\w-]|Apple )Mail(?![\w-])|(?<![\w-])Mail-(?!server)/, '„E-Mail“, nicht „Mail“ (Mailserver als ein Wort ist gebräuchlich)'],
    [/\bLogs?\b|\bLog-/, '„Protokolle“: „Logs“ ist Fachjargon'],
    [/\bVon \{/, '„Vom {start}“: vor einem Datum mit Artikel'],
    [/\bSeit \{/, '„Seit dem {start}“'],
    [/\b(?:bis|ab) \{(?:time|end|start)\}/, '„bis zum {end}“, „ab dem {time}“'],
    [/\{duration\}\./, 'eine Dauer kann auf „Std.“ oder „Min.“ enden: nicht ans Satzende, sonst steht dort „Min..“'],
    [/\bum \{(?:time|start|end|last|peakHour)\}/, '„am {time}“: ein Datum steht nach „am“, nicht nach „um“'],
    [/\bErholung\b/, 'wörtlich aus „recovery“; sagen, was besser wurde'],
    [/\bihre Kopfzeilen\b/, 'liest sich wie ein Tippfehler für „Ihre“'],
    [/Ist etwas verloren\?/, '„Ist etwas verloren gegangen?“'],
    [/War eine (?:E-)?Mail von Ihnen/, 'die Prüfung ist für E-Mails, die Sie erhalten haben'],
    [/\bMedian\b/, 'Statistik-Jargon: „die Hälfte in höchstens …“'],
    [/Ursache (?:lag|liegt|beim|bei)\b/, 'ein Urteil, das die Logs nicht tragen; sagen, was sie zeigen'],
    [/\bsofort zugestellt|wie gewohnt sofort/, 'nur sagen, was die Zahlen sagen'],
    [/\bZeitzone \{zone\}/, 'die Zeitzone mit Namen, nicht als IANA-Kennung'],
    [/Daten an \{days\} von 90 Tagen/, '„Daten für {days} der 90 Tage“'],
    [/Ein Balken führt zu den Zahlen seines Tages/, '„er führt zu den Zahlen dieses Tages“'],
    [/Durchgekommen sind die Verbindungen/, '„Als durchgekommen zählt eine Verbindung, die …“: erst sagen, was zählt'],
  ],
  en: [
    [/\b(?:a|this|that|each|every) mail\b(?! server)/i, '"an email": "mail" is uncountable'],
    [/\bmails\b/i, '"emails"'],
    [/\bthe cause was\b|\bcaused by\b/i, 'a verdict the logs do not carry; say what they show'],
    [/\bat once as usual\b/i, 'say what the figures say'],
    [/\bmedian\b/i, 'jargon: "half within …"'],
    [/\bWas a mail of yours\b/, 'the checker is for mail you received'],
    [/\bin the \{zone\} time zone\b/, 'the zone by its name, not its IANA id'],
    [/\bdata on \{days\} of 90 days\b/, '"data for {days} of the 90 days"'],
    [/\bA bar leads to the figures of its day\b/, '"it links to that day\'s figures"'],
    [/\bConnections that got through are those\b/, '"A connection got through if it …": say first what counts'],
  ],
};

/** Realistic values for every placeholder, formatted as the pages format them. */
function sampleValues(locale: Locale): Record<string, string> {
  const zone = 'Europe/Berlin';
  const at = (iso: string) => formatDateTime(iso, locale, zone);
  return {
    provider: 'Example Mail',
    sender: 'Outlook.com',
    time: at('2026-03-23T16:43:00Z'),
    start: at('2026-03-19T08:11:00Z'),
    end: at('2026-03-23T16:43:00Z'),
    last: at('2026-03-23T16:43:00Z'),
    date: formatDateTime('2026-03-19T08:11:00Z', locale, zone, 'date'),
    peakHour: at('2026-03-19T12:00:00Z'),
    duration: formatSpan('2026-03-19T08:11:00Z', '2026-03-23T16:43:00Z', locale),
    age: formatSpan('2026-03-23T16:43:00Z', '2026-03-23T19:10:00Z', locale, 2),
    zone: zoneLabel(locale, zone),
    failures: formatCount(13_138, locale),
    connections: formatCount(16_888, locale),
    count: formatCount(1_234, locale),
    recovered: formatCount(1_100, locale),
    messages: formatCount(48_212, locale),
    peak: formatCount(912, locale),
    peakFailures: formatCount(700, locale),
    peakConnections: formatCount(900, locale),
    hours: formatSpan(0, 36 * 3_600_000, locale),
    byHours: '',
    delivery: '',
    delay: '',
    lost: formatCount(180, locale),
    waiting: formatCount(40, locale),
    cause: locale === 'de' ? 'keine Verbindung zu den Mailservern der Empfänger' : 'no connection to the recipients\' mail servers',
    receivers: locale === 'de' ? 'Gmail und Outlook.com' : 'Gmail and Outlook.com',
    recipients: locale === 'de' ? 'Empfänger bei Outlook.com' : 'recipients at Outlook.com',
    ratio: formatPercent(0.778, locale),
    share: formatPercent(0.346, locale),
    days: '9',
    limit: '50',
    title: locale === 'de' ? 'Abbrüche beim Aufbau verschlüsselter Verbindungen bei Outlook.com' : 'Connections aborted during the TLS handshake at Outlook.com',
    paths: '/api/v2/ (Deutsch), /en/api/v2/ (English)',
    p50: formatSeconds(0.3, locale),
    p95: formatSeconds(0.8, locale),
    max: formatSeconds(3_407, locale),
    n: '2',
    total: '5',
    id: '2026-03-19-microsoft-tls-failure',
    host: 'mail-am6eur05on2045.outbound.protection.outlook.com',
    hosts: 'mx2',
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    kind: locale === 'de' ? 'Abbrüche beim Aufbau verschlüsselter Verbindungen' : 'Connections aborted during the TLS handshake',
    incident: locale === 'de' ? 'Abbrüche beim Aufbau verschlüsselter Verbindungen bei Outlook.com' : 'Connections aborted during the TLS handshake at Outlook.com',
    state: 'Normal',
    version: 'TLSv1.3',
    from: 'mail.example.org',
    by: 'mx1.example.net',
    contact: 'support@example.net',
    file: 'late-email.eml',
    spf: 'pass',
    dkim: 'pass',
    dmarc: 'pass',
  };
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the wording, as a native reader would read it aloud', () => {
  test('both languages have the same strings with the same placeholders', () => {
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
    const differ = Object.keys(de).filter((key) => placeholders(catalogs.de[key]!).join() !== placeholders(catalogs.en[key]!).join());
    assert.deepEqual(differ, []);
  });

  for (const locale of ['de', 'en'] as const) {
    test(`${locale}: no phrasing the review found wrong`, () => {
      const found = Object.entries(catalogs[locale]).flatMap(([key, text]) =>
        FORBIDDEN[locale].filter(([pattern]) => pattern.test(text)).map(([, instead]) => `${key}: "${text}" — ${instead}`),
      );
      assert.deepEqual(found, []);
    });

    test(`${locale}: every template reads right with real values filled in`, () => {
      const values = sampleValues(locale);
      const problems: string[] = [];
      for (const [key, template] of Object.entries(catalogs[locale])) {
        const missing = placeholders(template).filter((name) => !(name in values));
        if (missing.length > 0) problems.push(`${key}: no sample value for ${missing.join(', ')}`);
        const text = fillTemplate(template, values);
        const checks: (readonly [boolean, string])[] = [
          [/\{\w+\}/.test(text), 'a placeholder left over'],
          [/ {2}| [.,;:!?](?!\d)|\.\.(?!\.)|,,/.test(text), 'a doubled blank or stop, or a blank before a stop'],
          [/\S\(/.test(text.replace(/\b\w+\([^)]*\)/g, '')), 'no blank before "("'],
          [locale === 'de' && /\b(?:Von|Seit|ab|bis) \d/.test(text), 'a date after von/seit/ab/bis without its article'],
          [locale === 'de' && /\bum \d{1,2}\. [A-ZÄÖÜ]/.test(text), 'a date after "um"'],
          [locale === 'de' && /\d{4}, \d\d:\d\d/.test(text), 'a German time without "um … Uhr"'],
          [/Europe\/|America\/|Asia\//.test(text), 'an IANA zone id shown to people'],
          [/^[a-zäöü]/.test(text) && /[.?!]$/.test(text) && !/^\{/.test(template), 'a sentence that starts in lower case'],
        ];
        for (const [wrong, what] of checks) if (wrong) problems.push(`${key}: ${what}: "${text}"`);
      }
      assert.deepEqual(problems, []);
    });
  }

  describe('our mail to others: the words match what became of the mail', () => {
    const NOTHING_LOST = { de: /nichts verloren/i, en: /nothing (?:has been|was) lost/i };
    const BOUNCE = { de: /Unzustellbarkeitsnachricht/, en: /bounce message/ };
    const PAST = { de: /\b(?:wurden|wurde|kamen|nahm|wies|stellte|erreichten|konnten|waren|ging)\b/, en: /\b(?:was|were|did|accepted|refused|deferred|could|took|arrived|sent)\b/ };
    const SO_FAR = { de: /\bbisher\b|\bseit dem\b/i, en: /\bso far\b|\bsince\b/i };
    const outboundKeys = (locale: Locale) => Object.keys(catalogs[locale]).filter((key) => /^story\.(?:outbound|oursOutbound|what\.outbound|what\.oursOutbound|notice\.outbound)/.test(key));
    for (const locale of ['de', 'en'] as const) {
      test(`${locale}: mail lost is never "nothing lost", and is told with its bounce`, () => {
        const text = (key: string) => catalogs[locale][key]!;
        for (const tense of ['ongoing', 'resolved']) {
          assert.match(text(`story.outbound.kept.${tense}`), NOTHING_LOST[locale]);
          for (const fate of ['lost', 'lostOne']) {
            assert.doesNotMatch(text(`story.outbound.${fate}.${tense}`), NOTHING_LOST[locale]);
            assert.match(text(`story.outbound.${fate}.${tense}`), BOUNCE[locale]);
          }
          // Only what bounced is sent again; mail merely delayed is not.
          assert.match(text(`story.notice.outboundLost.${tense}`), BOUNCE[locale]);
          assert.match(text(`story.notice.outbound.${tense}`), locale === 'de' ? /Sie müssen nichts tun/ : /You do not need to do anything/);
          assert.doesNotMatch(text(`story.notice.outbound.${tense}`), BOUNCE[locale]);
        }
      });

      test(`${locale}: an ongoing incident of our mail is told in the present, a resolved one in the past`, () => {
        const keys = outboundKeys(locale);
        assert.ok(keys.length >= 30, 'the outbound story templates are found');
        const wrong = keys.flatMap((key) => {
          const text = catalogs[locale][key]!;
          if (key.endsWith('.resolved') && SO_FAR[locale].test(text)) return [`${key}: "${text}" says "so far" of what is over`];
          if (key.endsWith('.ongoing') && key.startsWith('story.what.') && PAST[locale].test(text)) return [`${key}: "${text}" is in the past`];
          return [];
        });
        assert.deepEqual(wrong, []);
      });

      test(`${locale}: a fault of ours blames no receiver`, () => {
        for (const tense of ['ongoing', 'resolved']) assert.match(catalogs[locale][`story.what.oursOutbound.${tense}`]!, locale === 'de' ? /Fehlers auf unserer Seite/ : /fault on our side/);
        assert.doesNotMatch(catalogs[locale]['story.recipients.ours']!, /\{sender\}/);
        for (const key of Object.keys(catalogs[locale]).filter((k) => k.startsWith('story.oursOutbound.'))) assert.doesNotMatch(catalogs[locale][key]!, /\{sender\}/, key);
      });
    }
  });

  test('a span reads as a list: "4 Tage, 8 Stunden und 32 Minuten"', () => {
    const span = (locale: Locale) => formatSpan('2026-03-19T08:11:00Z', '2026-03-23T16:43:00Z', locale);
    assert.equal(span('de'), '4 Tage, 8 Stunden und 32 Minuten');
    assert.equal(span('en'), '4 days, 8 hours and 32 minutes');
  });

  test('the zone is named as people know it', () => {
    assert.equal(zoneLabel('de', 'Europe/Berlin'), 'Mitteleuropäische Zeit (MEZ/MESZ)');
    assert.equal(zoneLabel('en', 'Europe/Berlin'), 'Central European Time (CET/CEST)');
    assert.equal(zoneLabel('en', 'UTC'), 'UTC');
  });
});
