import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { incidentStory } from './incident-story.ts';
import { incidentTitle } from './incident-text.ts';
import { incident, ongoing, ours, oursOutbound, refused, resolved, throttled } from './test-fixtures.ts';

const text = (record: Parameters<typeof incidentStory>[0], locale: 'de' | 'en') =>
  incidentStory(record, locale, 'Europe/Berlin')
    .flatMap((s) => [s.heading, ...s.paragraphs])
    .join('\n');

/** Words that say an incident is still going on: never on a resolved one. */
const ONGOING_WORDS = { de: /bisher|dauert an|andauernd|derzeit|zuletzt am|sobald die Störung vorbei/i, en: /so far|ongoing|still|the latest on|have been|once the incident is over/i };
/** Words of an incident that is over: never on an ongoing one. */
const OVER_WORDS = { de: /\bVom\b.*\bbis\b|brachen|endeten|kamen|hat uns keine|haben Sie bemerkt|angenommen wurden/, en: /\bFrom\b.*\bto\b|broke off|timed out|arrived late|did you notice|was accepted/ };

describe('incidentStory', () => {
  const silence = incident({ kind: 'silence', id: '2026-03-20-yahoo-silence', sender: { id: 'yahoo', name: 'Yahoo' }, failures: 0, connections: 0, failureRatio: 0, recovery: null });
  const cases = {
    'a resolved TLS failure': resolved,
    'an ongoing timeout wave': ongoing,
    'a fault on our side': ours,
    'an ongoing fault on our side': { ...ours, status: 'ongoing' as const },
    'a silence': silence,
    'an ongoing silence': { ...silence, status: 'ongoing' as const },
    'our mail throttled': throttled,
    'our mail throttled, still going on': { ...throttled, status: 'ongoing' as const },
    'our mail refused, mail lost': refused,
    'our mail refused, over': { ...refused, status: 'resolved' as const, outbound: { ...refused.outbound!, waiting: 0 } },
    'our relay reaching no one': oursOutbound,
    'our relay reaching no one, still going on': { ...oursOutbound, status: 'ongoing' as const },
  };
  for (const [name, record] of Object.entries(cases)) {
    for (const locale of ['de', 'en'] as const) {
      test(`${name} (${locale}) speaks in the tense of its state`, () => {
        const said = text(record, locale);
        if (record.status === 'resolved') assert.doesNotMatch(said, ONGOING_WORDS[locale]);
        else assert.doesNotMatch(said, OVER_WORDS[locale]);
        assert.doesNotMatch(said, /\{\w+\}/, 'every placeholder filled');
      });
    }
  }

  test('the figures are the record’s, as it is now', () => {
    assert.equal(
      incidentStory(resolved, 'de', 'Europe/Berlin')[0]!.paragraphs[0],
      'Vom 19. März 2026 um 09:11 Uhr MEZ bis zum 23. März 2026 um 17:43 Uhr MEZ brachen viele Verbindungen der Mailserver von Outlook.com zu uns ab, während die Verschlüsselung (TLS) ausgehandelt wurde: 13.138 von 16.888 Verbindungen in dieser Zeit (77,8\u00a0%).',
    );
    assert.match(text(ongoing, 'de'), /^Was ist passiert\?\nSeit dem 24\. März 2026 um 10:00 Uhr MEZ enden viele Verbindungen der Mailserver von Gmail zu uns mit einer Zeitüberschreitung: bisher [\d.]+ von [\d.]+ Verbindungen/);
    assert.match(text(ongoing, 'en'), /\nWhat do you notice\?\nEmail from people who use Gmail arrives late/);
  });

  test('our own fault blames no sender', () => {
    assert.doesNotMatch(text(ours, 'en'), /Example Mail's mail servers/);
    assert.match(text(ours, 'en'), /because of a fault on our side/);
  });

  describe('a fault of some of our MX hosts says which, in both languages and tenses', () => {
    const hosts = (affected: readonly string[]) =>
      ['mx1', 'mx2', 'mx3'].map((name) => ({ name, connections: 100, failures: affected.includes(name) ? 90 : 1, affected: affected.includes(name) }));
    const rows = [
      [{ ...ours, ourHosts: hosts(['mx2']) }, 'en', 'Only mx2 of our servers was affected; the others accepted mail as usual.'],
      [{ ...ours, ourHosts: hosts(['mx2']) }, 'de', 'Betroffen war nur unser Server mx2; die anderen haben E-Mails wie gewohnt angenommen.'],
      [{ ...ours, status: 'ongoing' as const, ourHosts: hosts(['mx2']) }, 'de', 'Betroffen ist nur unser Server mx2; die anderen nehmen E-Mails wie gewohnt an.'],
      [{ ...ours, ourHosts: hosts(['mx1', 'mx3']) }, 'en', 'Only our servers mx1 and mx3 were affected; the others accepted mail as usual.'],
      [{ ...ours, ourHosts: hosts(['mx1', 'mx3']) }, 'de', 'Betroffen waren nur unsere Server mx1 und mx3; die anderen haben E-Mails wie gewohnt angenommen.'],
    ] as const;
    for (const [record, locale, sentence] of rows) {
      test(sentence, () => assert.ok(text(record, locale).split('\n').includes(sentence), text(record, locale)));
    }

    test('all hosts affected, or a record of 0.2 without hosts: no such sentence', () => {
      assert.doesNotMatch(text({ ...ours, ourHosts: hosts(['mx1', 'mx2', 'mx3']) }, 'en'), /Only/);
      assert.doesNotMatch(text(ours, 'en'), /Only/);
    });
  });

  describe('our mail to others', () => {
    test('throttled, nothing lost: delayed, retried, no need to act — the figures of the record', () => {
      assert.equal(
        text(throttled, 'de'),
        [
          'Was ist passiert?',
          'Vom 23. März 2026 um 09:02 Uhr MEZ bis zum 23. März 2026 um 13:28 Uhr MEZ wurden E-Mails an Empfänger bei Outlook.com verzögert zugestellt: Outlook.com nahm sie nur gedrosselt an. In dieser Zeit hat Outlook.com 1.320 von 1.800 Zustellversuchen zurückgestellt oder abgewiesen (73,3\u00a0%).',
          'Es ging nichts verloren: Unser Server hat es automatisch weiter versucht, bis die E-Mails angenommen wurden. So lange waren die zurückgestellten E-Mails unterwegs: die Hälfte höchstens 40 min, 95 % höchstens 3 h 53 min, die längste 4 h 35 min.',
          'Was haben Sie bemerkt?',
          'E-Mails, die Sie an Empfänger bei Outlook.com gesendet haben, kamen verspätet an, teils um Stunden. Sie müssen nichts tun.',
        ].join('\n'),
      );
      assert.match(text({ ...throttled, status: 'ongoing' }, 'en'), /^What happened\?\nEmail to recipients at Outlook\.com is being delivered late: since 23 March 2026, 09:02 CET, Outlook\.com has been accepting it only at a throttled rate\./);
    });

    test('mail lost: never "nothing lost"; the count, the bounce, and resend only what bounced', () => {
      for (const locale of ['de', 'en'] as const) assert.doesNotMatch(text(refused, locale), /nichts verloren|nothing (?:has been|was) lost/i);
      assert.match(text(refused, 'en'), /So far 180 emails have not arrived: they were refused for good or given up after days of retrying, and their senders have received a bounce message\./);
      assert.match(text(refused, 'de'), /Haben Sie eine Unzustellbarkeitsnachricht erhalten, senden Sie diese E-Mail erneut, sobald die Störung vorbei ist/);
      assert.match(text({ ...refused, outbound: { ...refused.outbound!, lost: 1 } }, 'de'), /Bisher ist eine E-Mail nicht angekommen: Sie wurde endgültig abgewiesen/);
    });

    test('the delay is told by its figures, never "within seconds"; "by hours" only where it took hours', () => {
      const quick = { ...throttled, outbound: { ...throttled.outbound!, delay: { messages: 900, p50Seconds: 12, p95Seconds: 50, maxSeconds: 600 } } };
      for (const locale of ['de', 'en'] as const) {
        assert.doesNotMatch(text(quick, locale), /Sekunden|seconds|Stunden|hours/);
        assert.match(text(quick, locale), /12 s.*50 s.*10 min/);
      }
      assert.doesNotMatch(text({ ...throttled, outbound: { ...throttled.outbound!, delay: null } }, 'en'), /half at most/);
    });

    test('our own fault: the cause, the receivers it hit, and no receiver blamed', () => {
      const said = text(oursOutbound, 'en');
      assert.match(said, /because of a fault on our side: no connection to the recipients' mail servers\./);
      assert.match(said, /Among others, email to Gmail and Outlook\.com was affected\./);
      assert.match(said, /Email you sent to recipients at other providers arrived late\./);
      assert.doesNotMatch(said, /Example Mail/);
    });
  });

  describe('edge cases', () => {
    test('an incident no log shows has no story: its note is all there is', () => {
      assert.deepEqual(incidentStory({ ...resolved, kind: 'reported' }, 'en', 'Europe/Berlin'), []);
    });

    test('our delivery is "within seconds" only when its figures say so, and the longest is always named', () => {
      const quick = { messages: 4_000, p50Seconds: 0.3, p95Seconds: 0.8, maxSeconds: 3_407 };
      assert.match(text({ ...resolved, ourDelivery: quick }, 'de'), /meist innerhalb von Sekunden zugestellt: 95 % innerhalb von 0,8 s; am längsten dauerte es 56 min 47 s\./);
      assert.match(text({ ...resolved, ourDelivery: quick }, 'en'), /mostly delivered within seconds: 95% within 0\.8 s; the longest took 56 min 47 s\./);
      const slow = { messages: 4_000, p50Seconds: 20, p95Seconds: 400, maxSeconds: 3_407 };
      for (const locale of ['de', 'en'] as const) {
        const said = text({ ...resolved, ourDelivery: slow }, locale);
        assert.doesNotMatch(said, /Sekunden|seconds|sofort|at once/);
        assert.match(said, /6 min 40 s.*56 min 47 s/);
      }
    });

    test('"by hours" only for an incident that lasted hours', () => {
      const short = { ...resolved, startedAt: '2026-03-19T08:11:00.000Z', endedAt: '2026-03-19T08:51:00.000Z' };
      assert.doesNotMatch(text(short, 'de'), /Stunden/);
      assert.doesNotMatch(text(short, 'en'), /hours/);
      assert.match(text(resolved, 'de'), /kamen verspätet an, teils um Stunden\./);
    });

    test('without delivery figures, nothing is said about them', () => {
      assert.doesNotMatch(text({ ...resolved, ourDelivery: null }, 'en'), /95%/);
    });
  });
});

describe('incidentStory of our mail still waiting', () => {
  test('an incident over while mail it deferred still waits: the mail is told "so far", with how much waits', () => {
    const over = { ...throttled, outbound: { ...throttled.outbound!, waiting: 12 } };
    const [what] = incidentStory(over, 'de', 'Europe/Berlin');
    const text = what!.paragraphs.join(' ');
    assert.match(text, /Bisher ist nichts verloren gegangen/);
    assert.match(text, /Noch 12 E-Mails warten auf die Zustellung\./);
    assert.doesNotMatch(text, /bis die E-Mails angenommen wurden|So lange waren die zurückgestellten/);
    const [en] = incidentStory({ ...over, outbound: { ...over.outbound, waiting: 1 } }, 'en', 'Europe/Berlin');
    assert.match(en!.paragraphs.join(' '), /One email is still waiting to be delivered\./);
  });
});


describe('incidentStory of our mail refused, every attempt', () => {
  test('refused, every one: no word of "all other mail", and a title of refusal when the fault is ours', () => {
    const allRefused = { ...oursOutbound, kind: 'reputation' as const, outbound: { ...oursOutbound.outbound!, sent: 0, deferred: 0, bounced: 100, lost: 100, delay: null } };
    for (const locale of ['de', 'en'] as const) {
      const text = incidentStory(allRefused, locale, 'Europe/Berlin').flatMap((s) => s.paragraphs).join(' ');
      assert.doesNotMatch(text, /Alle anderen E-Mails|All other email/);
      assert.match(text, /100/);
    }
    assert.equal(incidentTitle(allRefused, undefined, 'de'), 'Andere Anbieter weisen E-Mails von uns ab');
  });
});
