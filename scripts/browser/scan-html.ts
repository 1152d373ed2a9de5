/** One start tag of a built page, with its attributes decoded. */
export interface HtmlTag {
  /** Lower-case element name, e.g. `link`. */
  readonly name: string;
  /** Attributes by lower-case name; an attribute without a value is "". */
  readonly attrs: ReadonlyMap<string, string>;
  /** Offset of the `<` in the page. */
  readonly offset: number;
  /** The tag as written, cut to 160 characters, for messages. */
  readonly source: string;
  /** Whether the tag comes before `</head>`. */
  readonly inHead: boolean;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Elements whose content is text, not markup: a `<` inside them opens no tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/**
 * The start tags of an HTML document, in order, skipping comments and the content of raw-text
 * elements. Enough for Astro's output, which always quotes and closes what it writes.
 *
 * @example
 * scanHtml('<link rel="stylesheet" href="/_astro/a.css">')[0]?.attrs.get('href') // '/_astro/a.css'
 */
export function scanHtml(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let inHead = true;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('</head', lt)) inHead = false;
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (!match) {
      at = lt + 1;
      continue;
    }
    const name = match[1]!.toLowerCase();
    if (name === 'body') inHead = false;
    tags.push({ name, attrs: parseAttributes(match[2] ?? ''), offset: lt, source: match[0].slice(0, 160), inHead });
    at = TAG.lastIndex;
    if (RAW_TEXT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, at);
      at = close < 0 ? html.length : close;
    }
  }
  return tags;
}

/**
 * Where a page forwards to with `<meta http-equiv="refresh" content="0; url=…">`, or null.
 *
 * @example
 * metaRefreshTarget(scanHtml('<meta http-equiv="refresh" content="0; url=/incidents/x/">')) // '/incidents/x/'
 */
export function metaRefreshTarget(tags: readonly HtmlTag[]): string | null {
  const refresh = tags.find((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'refresh');
  return refresh ? (/url\s*=\s*['"]?([^'"]+)/i.exec(refresh.attrs.get('content') ?? '')?.[1]?.trim() ?? null) : null;
}

/** The text between `<name …>` and `</name>` of the first such element, entities decoded. */
export function elementText(html: string, name: string): string | null {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}\\s*>`, 'i').exec(html);
  return match ? decodeEntities(match[1]!.replace(/<[^>]*>/g, '')) : null;
}

function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references Astro and XML writers emit. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}
