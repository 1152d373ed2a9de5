import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { atomFeed, FEED_ENTRY_LIMIT, jsonFeed, renderFeed, rssFeed, siteFeed, type FeedSource } from './feeds.ts';
import { config, HOSTILE, hostile, incident, note, ongoing, ours, oursOutbound, refused, resolved, status, throttled } from './test-fixtures.ts';
import { xmlProblem } from '../core/testing/xml-problem.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, jpath) =>
    ['feed.link', 'feed.entry', 'feed.entry.link', 'feed.entry.category', 'rss.channel.atom:link', 'rss.channel.item', 'rss.channel.item.category'].includes(String(jpath)),
});

function parseXml(xml: string) {
  assert.equal(xmlProblem(xml), null, 'well-formed XML');
  return parser.parse(xml);
}

const source = (overrides: Partial<FeedSource> = {}): FeedSource => ({
  config,
  locale: 'en',
  incidents: [resolved, ongoing, ours],
  notes: new Map(),
  asOf: status.asOf,
  ...overrides,
});

/** What a reader sees once the XML is parsed: HOSTILE with the one character XML cannot carry replaced. */
const HOSTILE_IN_XML = HOSTILE.replaceAll('\u0001', '\uFFFD');

const MICROSOFT = 'https://status.example.net/en/incidents/2026-03-19-microsoft-tls-failure/';

describe('siteFeed', () => {
  test('has one entry per change of state, latest first, with absolute URLs in the language', () => {
    const feed = siteFeed(source());
    assert.deepEqual(feed.entries.map((e) => e.url), [
      'https://status.example.net/en/incidents/2026-03-24-google-timeout/',
      `${MICROSOFT}#update-end`,
      MICROSOFT,
      'https://status.example.net/en/incidents/2026-03-10-ours-tls-failure/#update-end',
      'https://status.example.net/en/incidents/2026-03-10-ours-tls-failure/',
    ]);
    assert.deepEqual(feed.feedUrls, {
      atom: 'https://status.example.net/en/feed.atom',
      rss: 'https://status.example.net/en/feed.rss',
      json: 'https://status.example.net/en/feed.json',
    });
    assert.equal(feed.homeUrl, 'https://status.example.net/en/');
    assert.equal(feed.title, 'Example Mail delivery status');
  });

  test('the default language has no prefix', () => {
    const feed = siteFeed(source({ locale: 'de' }));
    assert.equal(feed.feedUrls.atom, 'https://status.example.net/feed.atom');
    assert.equal(feed.entries[1]!.url, 'https://status.example.net/incidents/2026-03-19-microsoft-tls-failure/#update-end');
    assert.equal(feed.entries[1]!.title, 'Behoben: Abbrüche beim Aufbau verschlüsselter Verbindungen bei Outlook.com');
    assert.equal(feed.title, 'Zustellstatus von Example Mail');
  });

  test('the beginning and the end are entries of their own, each published and updated when it happened, and titled by what changed', () => {
    const [end, first] = siteFeed(source()).entries.filter((e) => e.url.startsWith(MICROSOFT));
    assert.deepEqual([end!.title, new Date(end!.published).toISOString(), new Date(end!.updated).toISOString()], [
      'Resolved: Connections aborted during the TLS handshake at Outlook.com',
      resolved.endedAt,
      resolved.endedAt,
    ]);
    assert.deepEqual([first!.title, new Date(first!.published).toISOString(), new Date(first!.updated).toISOString()], [
      'New incident: Connections aborted during the TLS handshake at Outlook.com',
      resolved.startedAt,
      resolved.startedAt,
    ]);
    assert.match(end!.summary, /^Last failure; the incident is over\./);
    // The end's own words give the counts in full; its summary does not repeat them.
    assert.equal(end!.summary.match(/13,138 of 16,888/g)?.length, 1, end!.summary);
  });

  test('once an incident is resolved, its earlier entries stay as they were and one new entry says so', () => {
    const before = siteFeed(source({ incidents: [ongoing] })).entries;
    const over = { ...ongoing, status: 'resolved' as const, endedAt: '2026-03-24T12:30:00.000Z' };
    const after = siteFeed(source({ incidents: [over] })).entries;
    const seen = new Set(before.map((e) => e.url));
    const fresh = after.filter((e) => !seen.has(e.url));
    assert.deepEqual(fresh.map((e) => [e.url, e.title, new Date(e.published).toISOString()]), [
      ['https://status.example.net/en/incidents/2026-03-24-google-timeout/#update-end', 'Resolved: Timeouts at Gmail', over.endedAt],
    ]);
    assert.deepEqual(after.filter((e) => seen.has(e.url)).map((e) => [e.url, e.published]), before.map((e) => [e.url, e.published]));
  });

  test("staff's updates are entries of their own; the last failure so far and the recovery are not", () => {
    const notes = new Map([[ongoing.id, note({ title: 'Slow mail from Gmail', updates: [{ at: '2026-03-24T10:00:00Z', status: 'monitoring', text: 'Google is on it.' }] })]]);
    const entries = siteFeed(source({ incidents: [ongoing, resolved], notes })).entries;
    assert.deepEqual(entries.map((e) => e.url.replace(/^.*\/incidents\//, '')), [
      '2026-03-24-google-timeout/#update-note-20260324T1000Z',
      '2026-03-24-google-timeout/',
      '2026-03-19-microsoft-tls-failure/#update-end',
      '2026-03-19-microsoft-tls-failure/',
    ]);
    assert.equal(entries[0]!.title, 'Update: Slow mail from Gmail');
    assert.match(entries[0]!.contentHtml, /^<p>Google is on it\.<\/p>\n<h2>What happened\?<\/h2>/);
    assert.ok(resolved.recovery && entries[2]!.contentHtml.includes('Recovery: '), 'the recovery stays in the timeline');
  });

  test('without a note, the title and summary are generated and the content holds the update, what the logs say and the timeline', () => {
    const entry = siteFeed(source()).entries[2]!;
    assert.equal(entry.title, 'New incident: Connections aborted during the TLS handshake at Outlook.com');
    assert.equal(
      entry.summary,
      'First failure: Connections aborted during the TLS handshake (Outlook.com). From 19 March 2026, 09:11 CET to 23 March 2026, 17:43 CET (4 days, 8 hours and 32 minutes). 13,138 of 16,888 connections failed (77.8%). Affects email from Outlook.com.',
    );
    assert.ok(
      entry.contentHtml.startsWith(
        "<p>First failure: Connections aborted during the TLS handshake (Outlook.com).</p>\n<h2>What happened?</h2>\n<p>From 19 March 2026, 09:11 CET to 23 March 2026, 17:43 CET, many connections from Outlook.com&#39;s mail servers to us broke off during the TLS handshake: 13,138 of 16,888 connections in that time (77.8%).</p>\n",
      ),
      entry.contentHtml,
    );
    assert.match(entry.contentHtml, /<h2>What did you notice\?<\/h2>\n<p>Email from people who use Outlook\.com arrived late, in some cases by hours\.<\/p>\n<h2>Timeline<\/h2>\n<ol>\n<li><time datetime="2026-03-19T08:11:01\.000Z">19 March 2026, 09:11 CET<\/time>: First failure/);
    assert.match(entry.contentHtml, /<li><time datetime="2026-03-23T16:45:01\.652Z">23 March 2026, 17:45 CET<\/time>: Recovery: /);
  });

  test("with a note, its title, its Markdown as HTML and its updates; the note's links become absolute", () => {
    const notes = new Map([
      [resolved.id, note({ title: 'Late mail from Outlook', updates: [{ at: '2026-03-20T12:00:00Z', status: 'monitoring', text: 'Microsoft knows.' }] }, 'See **[our help](/hilfe/)** and ![chart](chart.png).\n')],
    ]);
    const entry = siteFeed(source({ notes })).entries.find((e) => e.url === MICROSOFT)!;
    assert.equal(entry.title, 'New incident: Late mail from Outlook');
    assert.match(entry.contentHtml, /^<p>First failure: [^<]+<\/p>\n<h2>What happened\?<\/h2>\n/);
    assert.match(entry.contentHtml, /\n<p>See <strong><a href="https:\/\/status\.example\.net\/hilfe\/">our help<\/a><\/strong> and <img src="https:\/\/status\.example\.net\/en\/incidents\/2026-03-19-microsoft-tls-failure\/chart\.png" alt="chart">\.<\/p>/);
    assert.match(entry.contentHtml, /20 March 2026, 13:00 CET<\/time>: Microsoft knows\.<\/li>/);
  });

  test('an ongoing incident speaks in the present, with its figures so far', () => {
    const entry = siteFeed(source()).entries.find((e) => e.url.endsWith(`/${ongoing.id}/`))!;
    assert.match(entry.contentHtml, /have been timing out: [\d,]+ of [\d,]+ connections so far/);
    assert.match(entry.contentHtml, /<h2>What do you notice\?<\/h2>\n<p>Email from people who use Gmail arrives late/);
    assert.doesNotMatch(entry.contentHtml, /arrived late|timed out:/);
  });

  test('a resolved incident never speaks of what is going on', () => {
    for (const entry of siteFeed(source()).entries.filter((e) => e.url.startsWith(MICROSOFT))) {
      assert.doesNotMatch(`${entry.summary} ${entry.contentHtml}`, /so far|ongoing|still/i);
    }
  });

  test("a sender's feed holds only that sender's incidents and follows its page", () => {
    const feed = siteFeed(source({ sender: { id: 'microsoft', name: 'Outlook.com' } }));
    assert.deepEqual(feed.entries.map((e) => e.category.term), ['microsoft', 'microsoft']);
    assert.equal(feed.homeUrl, 'https://status.example.net/en/senders/microsoft/');
    assert.equal(feed.feedUrls.json, 'https://status.example.net/en/senders/microsoft/feed.json');
    assert.equal(feed.title, 'Example Mail delivery status: Outlook.com');
  });

  test("a receiver's feed holds only our mail to it, never mail from it, and follows its delivery page", () => {
    const incidents = [resolved, throttled, refused, oursOutbound];
    const delivery = siteFeed(source({ incidents, sender: { id: 'microsoft', name: 'Delivery to Outlook.com', direction: 'outbound' } }));
    assert.deepEqual([...new Set(delivery.entries.map((e) => e.url.replace(/#.*/, '')))], ['https://status.example.net/en/incidents/2026-03-23-microsoft-rate-limit/']);
    assert.equal(delivery.homeUrl, 'https://status.example.net/en/delivery/microsoft/');
    assert.equal(delivery.feedUrls.atom, 'https://status.example.net/en/delivery/microsoft/feed.atom');
    assert.equal(delivery.title, 'Example Mail delivery status: Delivery to Outlook.com');
    const sender = siteFeed(source({ incidents, sender: { id: 'microsoft', name: 'Outlook.com' } }));
    assert.deepEqual([...new Set(sender.entries.map((e) => e.url.replace(/#.*/, '')))], [MICROSOFT]);
    const ourOutgoing = siteFeed(source({ incidents: [...incidents, ours], sender: { id: 'ours', name: 'All outgoing mail from Example Mail', direction: 'outbound' } }));
    assert.deepEqual([...new Set(ourOutgoing.entries.map((e) => e.url.replace(/#.*/, '')))], ['https://status.example.net/en/incidents/2026-03-12-ours-unreachable/']);
  });

  test('an outbound entry counts delivery attempts, names the receiver, and tells lost mail apart', () => {
    const [opened] = siteFeed(source({ incidents: [refused] })).entries;
    assert.equal(opened!.title, 'New incident: Gmail refuses email from us');
    assert.match(opened!.summary, /^First problem: Our mail refused \(Gmail\)\. Since .*; still ongoing\. 300 of 320 delivery attempts deferred or refused \(93\.8%\)\. Affects email to Gmail\.$/);
    assert.match(opened!.contentHtml, /So far 180 emails have not arrived/);
    const ended = siteFeed(source({ incidents: [throttled] })).entries[0]!;
    assert.match(ended.summary, /^Last problem; the incident is over\. In all, 1,320 of 1,800 delivery attempts deferred or refused/);
    assert.match(ended.contentHtml, /Recovery: our mail gets through again\./);
  });

  describe('edge cases', () => {
    test('a feed without entries was last updated as of the status record', () => {
      const feed = siteFeed(source({ sender: { id: 'yahoo', name: 'Yahoo' } }));
      assert.equal(feed.entries.length, 0);
      assert.equal(new Date(feed.updated).toISOString(), status.asOf);
      assert.equal(new Date(siteFeed(source({ incidents: [], asOf: null })).updated).toISOString(), '1970-01-01T00:00:00.000Z');
    });

    test(`at most ${FEED_ENTRY_LIMIT} entries, the latest`, () => {
      const many = Array.from({ length: FEED_ENTRY_LIMIT + 5 }, (_, i) =>
        incident({ id: `2026-01-${String(i + 1).padStart(2, '0')}-x-timeout`, startedAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(), endedAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000 + 60_000).toISOString(), recovery: null }),
      );
      const feed = siteFeed(source({ incidents: many }));
      assert.equal(feed.entries.length, FEED_ENTRY_LIMIT);
      // Two entries an incident: the 25 latest of 55 incidents (the 31st to the 55th), beginning and end.
      assert.match(feed.entries.at(-1)!.url, /2026-01-31-x-timeout\/$/);
    });

    test('the same records give the same bytes', () => {
      for (const format of ['atom', 'rss', 'json'] as const) assert.equal(renderFeed(format, source()), renderFeed(format, source()));
    });
  });
});

describe('atomFeed', () => {
  test('is Atom 1.0 with the elements RFC 4287 requires', () => {
    const { feed } = parseXml(atomFeed(siteFeed(source())));
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed['@_xml:lang'], 'en');
    assert.equal(feed.id, 'https://status.example.net/en/feed.atom');
    assert.equal(feed.updated, '2026-03-24T09:00:00.000Z');
    assert.equal(feed.author.name, 'Example Mail');
    assert.deepEqual(feed.link.map((l: Record<string, string>) => [l['@_rel'], l['@_href']]), [
      ['self', 'https://status.example.net/en/feed.atom'],
      ['alternate', 'https://status.example.net/en/'],
    ]);
    assert.equal(feed.entry.length, 5);
    for (const entry of feed.entry) {
      assert.match(entry.id, /^https:\/\/status\.example\.net\/en\/incidents\/[\w-]+\/(?:#update-[\w-]+)?$/);
      assert.equal(entry.link[0]['@_href'], entry.id);
      assert.ok(entry.title['#text']);
      assert.ok(!Number.isNaN(Date.parse(entry.updated)) && !Number.isNaN(Date.parse(entry.published)));
      assert.equal(entry.content['@_type'], 'html');
    }
  });
});

describe('rssFeed', () => {
  test('is RSS 2.0 with an atom:link to itself and permalink guids', () => {
    const { rss } = parseXml(rssFeed(siteFeed(source({ locale: 'de' }))));
    assert.equal(rss['@_version'], '2.0');
    assert.equal(rss['@_xmlns:atom'], 'http://www.w3.org/2005/Atom');
    const { channel } = rss;
    assert.equal(channel.link, 'https://status.example.net/');
    assert.equal(channel.language, 'de');
    assert.equal(channel.lastBuildDate, 'Tue, 24 Mar 2026 09:00:00 GMT');
    assert.deepEqual(channel['atom:link'][0], { '@_href': 'https://status.example.net/feed.rss', '@_rel': 'self', '@_type': 'application/rss+xml' });
    assert.equal(channel.item.length, 5);
    for (const item of channel.item) {
      assert.equal(item.guid['@_isPermaLink'], 'true');
      assert.equal(item.guid['#text'], item.link);
      assert.match(item.pubDate, /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
    }
  });
});

describe('jsonFeed', () => {
  test('is JSON Feed 1.1', () => {
    const feed = JSON.parse(jsonFeed(siteFeed(source())));
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.feed_url, 'https://status.example.net/en/feed.json');
    assert.equal(feed.home_page_url, 'https://status.example.net/en/');
    assert.equal(feed.language, 'en');
    assert.deepEqual(feed.authors, [{ name: 'Example Mail', url: 'https://status.example.net/en/' }]);
    assert.deepEqual(feed.items[1], {
      id: `${MICROSOFT}#update-end`,
      url: `${MICROSOFT}#update-end`,
      title: 'Resolved: Connections aborted during the TLS handshake at Outlook.com',
      summary: siteFeed(source()).entries[1]!.summary,
      content_html: siteFeed(source()).entries[1]!.contentHtml,
      date_published: '2026-03-23T16:43:27.000Z',
      date_modified: '2026-03-23T16:43:27.000Z',
      tags: ['Outlook.com'],
    });
  });
});

describe('as a feed reader sees them (@rowanmanning/feed-parser)', () => {
  // What readers and chat tools do: remember the ids they have shown, show what is new.
  const newItems = (before: string, after: string) => {
    const seen = new Set(parseFeed(before).items.map((i) => i.id));
    return parseFeed(after).items.filter((i) => !seen.has(i.id));
  };
  const over = { ...ongoing, status: 'resolved' as const, endedAt: '2026-03-24T12:30:00.000Z' };

  for (const [format, render] of [['Atom', atomFeed], ['RSS', rssFeed]] as const) {
    test(`${format}: a resolution is a new item, titled "Resolved", with its own date`, () => {
      const before = render(siteFeed(source({ incidents: [ongoing, resolved] })));
      const after = render(siteFeed(source({ incidents: [over, resolved] })));
      const fresh = newItems(before, after);
      assert.deepEqual(fresh.map((i) => [i.id, i.title, i.url, i.published?.toISOString()]), [
        [
          'https://status.example.net/en/incidents/2026-03-24-google-timeout/#update-end',
          'Resolved: Timeouts at Gmail',
          'https://status.example.net/en/incidents/2026-03-24-google-timeout/#update-end',
          over.endedAt,
        ],
      ]);
      assert.deepEqual(newItems(after, after), [], 'the same feed again holds nothing new');
    });
  }
});

describe('hostile text', () => {
  const notes = new Map([[resolved.id, note({ title: HOSTILE, updates: [{ at: '2026-03-20T12:00:00Z', text: HOSTILE }] })]]);
  const feed = siteFeed(source({ incidents: [hostile, resolved], notes }));
  // Latest first: the end of the resolved incident, the hostile one's beginning, staff's update, the beginning.
  const [end, fromRecord, staff] = [0, 1, 2];

  test('from a record is escaped as text in the HTML content, never markup', () => {
    const html = feed.entries[fromRecord]!.contentHtml;
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &quot;q&quot; &#39;s&#39; &amp; &amp;amp; 🎉 \u2028 x ]]&gt;'));
  });

  test('round-trips through Atom: titles, categories and content come back as written', () => {
    const { feed: atom } = parseXml(atomFeed(feed));
    assert.equal(atom.entry[fromRecord].category[0]['@_label'], HOSTILE_IN_XML);
    assert.equal(atom.entry[end].title['#text'], `Resolved: ${HOSTILE_IN_XML}`);
    assert.equal(atom.entry[fromRecord].content['#text'], feed.entries[fromRecord]!.contentHtml.replaceAll('\u0001', '\uFFFD').trim());
    assert.ok(atom.entry[staff].content['#text'].startsWith('<p>&lt;script&gt;'), 'the staff update is escaped HTML inside the content');
  });

  test('round-trips through RSS', () => {
    const { rss } = parseXml(rssFeed(feed));
    assert.equal(rss.channel.item[staff].title, `Update: ${HOSTILE_IN_XML}`);
    assert.equal(rss.channel.item[fromRecord].category[0], HOSTILE_IN_XML);
  });

  test('round-trips through JSON Feed, with U+2028 escaped', () => {
    const text = jsonFeed(feed);
    assert.ok(!text.includes('\u2028'));
    assert.ok(text.includes('\\u2028'));
    const parsed = JSON.parse(text);
    assert.equal(parsed.items[end].title, `Resolved: ${HOSTILE}`);
    assert.equal(parsed.items[fromRecord].tags[0], HOSTILE);
    assert.equal(parsed.items[fromRecord].content_html, feed.entries[fromRecord]!.contentHtml);
  });

  test('a CDATA end or a control character never makes the XML ill-formed', () => {
    for (const xml of [atomFeed(feed), rssFeed(feed)]) {
      assert.equal(xmlProblem(xml), null);
      assert.ok(!xml.includes('<![CDATA['));
      assert.ok(!xml.includes('\u0001'));
    }
  });
});
