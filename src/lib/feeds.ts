/**
 * Feeds of incidents with their updates, site-wide or for one sender, in one language: Atom 1.0
 * (RFC 4287), RSS 2.0 and JSON Feed 1.1. `siteFeed` decides what a feed says; `atomFeed`,
 * `rssFeed` and `jsonFeed` only serialize it, through an XML builder or `JSON.stringify`.
 *
 * An entry is a change of an incident's state (it began, staff posted an update, it is over),
 * each with its own stable id and date, as Statuspage's feeds have it: feed readers and chat
 * tools show an item once, when its id is new, and never show an old entry changed in place, so
 * an incident as one entry updated in place would never tell them it was resolved.
 */
import { Marked, type Token } from 'marked';
import type { IncidentRecord } from '../core/schemas/incident-record.ts';
import type { Locale, SiteConfig } from '../core/schemas/site-config.ts';
import { translate } from '../core/i18n/translate.ts';
import { escapeHtml } from './escape-html.ts';
import { formatCount, formatDateTime, formatPercent, formatSpan } from '../core/format-time.ts';
import { attributionText, incidentTitle } from './incident-text.ts';
import { incidentStory } from './incident-story.ts';
import { incidentUpdates, type IncidentUpdate } from './incident-updates.ts';
import { componentPath, feedPaths, localePath, type Direction } from '../core/routes.ts';
import { componentOf } from '../core/state/current-state.ts';
import { outboundComponent } from '../core/contract.ts';
import type { NoteEntry } from './site-data.ts';
import { stringifyJson } from './stringify-json.ts';
import { xmlDocument } from './xml-document.ts';

export type FeedFormat = 'atom' | 'rss' | 'json';

/** Enough for a reader to catch up; older changes stay on the site. */
export const FEED_ENTRY_LIMIT = 50;

export interface FeedSource {
  readonly config: Pick<SiteConfig, 'name' | 'site' | 'defaultLocale' | 'timeZone'>;
  readonly locale: Locale;
  readonly incidents: readonly IncidentRecord[];
  /** Notes of `locale` by incident id. */
  readonly notes: ReadonlyMap<string, NoteEntry>;
  /** The status record's `asOf`: when a feed without entries was last brought up to date. */
  readonly asOf: string | null;
  /**
   * A component's own feed holds only its incidents, as its page does: a sender's (or our own
   * servers'), or with direction `outbound` our delivery to a receiver (or our outgoing mail as a whole).
   */
  readonly sender?: { readonly id: string; readonly name: string; readonly direction?: Direction };
}

export interface FeedEntry {
  /**
   * The entry's id, guid and link, the same at every build: for the incident's beginning its
   * page's absolute URL (the id its one entry had before), for each later change that URL with
   * the change's item of the page's timeline (`#update-end`, `#update-note-20260323T1700Z`).
   */
  readonly url: string;
  /** What changed and the incident's headline: "Resolved: …". */
  readonly title: string;
  /** Plain text: the update's words, then the incident's period, figures and cause. */
  readonly summary: string;
  /** The update's words, then what the logs say and the note's words (or, with neither, the summary), and the timeline, as HTML. */
  readonly contentHtml: string;
  /**
   * When the change happened, UTC epoch milliseconds; `updated` is the same. The id and the dates
   * of an entry never change; its text is the incident's as it is now (a reader that fetches it
   * again sees the figures of today, one that does not keeps those of the day it came).
   */
  readonly published: number;
  readonly updated: number;
  readonly category: { readonly term: string; readonly label: string };
}

export interface SiteFeed {
  readonly language: Locale;
  readonly title: string;
  readonly description: string;
  /** The page the feed follows, and the feed's own URL in each format; all absolute. */
  readonly homeUrl: string;
  readonly feedUrls: { readonly atom: string; readonly rss: string; readonly json: string };
  readonly author: { readonly name: string; readonly url: string };
  readonly updated: number;
  /** Latest update first. */
  readonly entries: readonly FeedEntry[];
}

/**
 * What one feed says: the changes of its incidents (latest first), each with the note's words or a
 * generated summary and the timeline of updates, every URL absolute.
 *
 * @example
 * siteFeed({ config, locale: 'en', incidents, notes, asOf }).feedUrls.atom // 'https://status.example.net/en/feed.atom'
 */
export function siteFeed(source: FeedSource): SiteFeed {
  const { config, locale, sender } = source;
  const absolute = (path: string) => new URL(path, config.site).href;
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
    translate(locale, key, { provider: config.name, ...params });
  const direction = sender?.direction ?? 'inbound';
  const paths = feedPaths(locale, config, sender?.id, direction);
  const component = sender && (direction === 'outbound' ? outboundComponent(sender.id) : sender.id);
  // Rank by the cheap keys first and build only the entries that make the cut: a site with
  // thousands of incidents would otherwise render every note for every feed.
  const changes = source.incidents
    .filter((record) => !component || componentOf(record) === component)
    .flatMap((record) => {
      const note = source.notes.get(record.id);
      const page = absolute(localePath(locale, `/incidents/${record.id}/`, config));
      return incidentUpdates(record, note?.data.updates ?? [], locale)
        .filter(isChangeOfState)
        .map((update) => ({ record, note, update, url: update.id === 'first' ? page : `${page}#update-${update.id}` }));
    })
    .sort((a, b) => b.update.at - a.update.at || a.url.localeCompare(b.url))
    .slice(0, FEED_ENTRY_LIMIT);
  // An incident's own part of its entries (what the logs say, the note, the timeline) is made once.
  const parts = new Map<string, IncidentParts>();
  const entries = changes.map(({ record, note, update, url }) => {
    let part = parts.get(record.id);
    if (!part) parts.set(record.id, (part = incidentParts(record, note, source)));
    return feedEntry(update, url, part, record, t);
  });
  const fallback = source.asOf ? Date.parse(source.asOf) : 0;
  return {
    language: locale,
    title: sender ? t('feed.title.sender', { sender: sender.name }) : t('site.title'),
    description: sender ? (direction === 'outbound' ? sender.name : t('sender.incidents', { sender: sender.name })) : t('site.description'),
    homeUrl: absolute(localePath(locale, sender ? componentPath(sender.id, direction) : '/', config)),
    feedUrls: { atom: absolute(paths.atom), rss: absolute(paths.rss), json: absolute(paths.json) },
    author: { name: config.name, url: absolute(localePath(locale, '/', config)) },
    updated: entries.reduce((latest, e) => Math.max(latest, e.updated), entries.length > 0 ? 0 : fallback),
    entries,
  };
}

/**
 * The updates that change an incident's state: its beginning, staff's updates, its end. The last
 * failure of an ongoing incident moves with every run, and the recovery is evidence after the end:
 * both stay in every entry's timeline, but are no entries of their own.
 */
const isChangeOfState = (update: IncidentUpdate) => update.id !== 'last' && update.id !== 'recovery';

/** What every entry of one incident carries: its headline, summary and HTML. */
interface IncidentParts {
  readonly title: string;
  readonly summary: string;
  /** The summary without the counts: for the end, whose own words already give them in full. */
  readonly summaryWithoutCounts: string;
  readonly html: string;
}

function incidentParts(record: IncidentRecord, note: NoteEntry | undefined, source: FeedSource): IncidentParts {
  const { config, locale } = source;
  const zone = config.timeZone;
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
    translate(locale, key, { provider: config.name, sender: record.sender.name, ...params });
  const url = new URL(localePath(locale, `/incidents/${record.id}/`, config), config.site).href;
  const updates = incidentUpdates(record, note?.data.updates ?? [], locale);
  const period =
    record.status === 'resolved'
      ? t('feed.summary.resolved', {
          start: formatDateTime(record.startedAt, locale, zone),
          end: formatDateTime(record.endedAt, locale, zone),
          duration: formatSpan(record.startedAt, record.endedAt, locale),
        })
      : t('feed.summary.ongoing', { start: formatDateTime(record.startedAt, locale, zone) });
  const counts =
    record.kind === 'silence' || record.kind === 'reported'
      ? null
      : `${t(record.direction === 'outbound' ? 'incident.countsOutbound' : 'incident.counts', { failures: formatCount(record.failures, locale), connections: formatCount(record.connections, locale), ratio: formatPercent(record.failureRatio, locale) })}.`;
  const attribution = `${attributionText(record, locale)}.`;
  const summary = [period, counts, attribution].filter((s) => s !== null).join(' ');
  // What the logs say, rendered from the record now, then the staff's words: as on the incident page.
  const story = incidentStory(record, locale, zone)
    .map((section) => `<h2>${escapeHtml(section.heading)}</h2>\n${section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>\n`).join('')}`)
    .join('');
  const words = note && note.body.trim() !== '' ? noteHtml(note.body, url) : '';
  const lead = story + words || `<p>${escapeHtml(summary)}</p>\n`;
  const timeline = updates
    .map((u) => {
      const iso = new Date(u.at).toISOString();
      return `<li><time datetime="${escapeHtml(iso)}">${escapeHtml(formatDateTime(u.at, locale, zone))}</time>: ${escapeHtml(u.text)}</li>`;
    })
    .join('\n');
  return {
    title: incidentTitle(record, note, locale),
    summary,
    summaryWithoutCounts: `${period} ${attribution}`,
    html: `${lead}<h2>${escapeHtml(t('incident.timeline'))}</h2>\n<ol>\n${timeline}\n</ol>\n`,
  };
}

type Translate = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string;

/** One change of an incident: what changed in its title and first words, the incident's own parts after. */
function feedEntry(update: IncidentUpdate, url: string, part: IncidentParts, record: IncidentRecord, t: Translate): FeedEntry {
  const change = update.id === 'first' ? 'feed.entry.opened' : update.id === 'end' ? 'feed.entry.resolved' : 'feed.entry.update';
  return {
    url,
    title: t(change, { title: part.title }),
    summary: `${update.text} ${update.id === 'end' ? part.summaryWithoutCounts : part.summary}`,
    contentHtml: `<p>${escapeHtml(update.text)}</p>\n${part.html}`,
    published: update.at,
    updated: update.at,
    category: { term: record.sender.id, label: record.sender.name },
  };
}

/** A note's Markdown as HTML, its links and images made absolute: a feed has no page to resolve them against. */
function noteHtml(markdown: string, base: string): string {
  const marked = new Marked({
    async: false,
    walkTokens(token: Token) {
      if (token.type === 'link' || token.type === 'image') token.href = absoluteUrl(token.href, base);
    },
  });
  return marked.parse(markdown, { async: false });
}

function absoluteUrl(href: string, base: string): string {
  return URL.canParse(href, base) ? new URL(href, base).href : href;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Atom 1.0 (RFC 4287): titles and summaries as text, content as escaped HTML. */
export function atomFeed(feed: SiteFeed): string {
  return xmlDocument({
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': feed.language,
      id: feed.feedUrls.atom,
      title: { '@_type': 'text', '#text': feed.title },
      subtitle: { '@_type': 'text', '#text': feed.description },
      updated: iso(feed.updated),
      author: { name: feed.author.name, uri: feed.author.url },
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': feed.feedUrls.atom },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': feed.homeUrl },
      ],
      entry: feed.entries.map((e) => ({
        id: e.url,
        title: { '@_type': 'text', '#text': e.title },
        updated: iso(e.updated),
        published: iso(e.published),
        link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': e.url },
        category: { '@_term': e.category.term, '@_label': e.category.label },
        summary: { '@_type': 'text', '#text': e.summary },
        content: { '@_type': 'html', '#text': e.contentHtml },
      })),
    },
  });
}

/** RSS 2.0 with an `atom:link rel="self"`; dates in RFC 822 form, the description as escaped HTML. */
export function rssFeed(feed: SiteFeed): string {
  return xmlDocument({
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      channel: {
        title: feed.title,
        link: feed.homeUrl,
        description: feed.description,
        language: feed.language,
        lastBuildDate: new Date(feed.updated).toUTCString(),
        docs: 'https://www.rssboard.org/rss-specification',
        'atom:link': { '@_href': feed.feedUrls.rss, '@_rel': 'self', '@_type': 'application/rss+xml' },
        item: feed.entries.map((e) => ({
          title: e.title,
          link: e.url,
          description: e.contentHtml,
          category: e.category.label,
          guid: { '@_isPermaLink': 'true', '#text': e.url },
          pubDate: new Date(e.published).toUTCString(),
        })),
      },
    },
  });
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function jsonFeed(feed: SiteFeed): string {
  return stringifyJson({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.author.name, url: feed.author.url }],
    items: feed.entries.map((e) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      summary: e.summary,
      content_html: e.contentHtml,
      date_published: iso(e.published),
      date_modified: iso(e.updated),
      tags: [e.category.label],
    })),
  });
}

/** One feed in one format. */
export function renderFeed(format: FeedFormat, source: FeedSource): string {
  const feed = siteFeed(source);
  return format === 'atom' ? atomFeed(feed) : format === 'rss' ? rssFeed(feed) : jsonFeed(feed);
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
