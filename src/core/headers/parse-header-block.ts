/** One header field, unfolded: continuation lines are joined with a single space. */
export interface HeaderField {
  /** The name as written (`received`, `Received`, `RECEIVED` are all kept as pasted). */
  readonly name: string;
  /** The name in lower case, for lookups. */
  readonly key: string;
  readonly value: string;
}

export interface HeaderBlock {
  /** Fields in the order pasted: for Received, newest first. */
  readonly fields: readonly HeaderField[];
  /** Lines without a name or indentation, joined to the field above (indentation lost in pasting). */
  readonly rejoinedLines: number;
  /** Non-blank lines before the first field that could not belong to any field. */
  readonly strayLines: number;
  /** True when an mbox `From sender date` separator line was skipped. */
  readonly mboxFromLine: boolean;
}

// Real header names only: `10:00:00 +0000`, `(version=TLS1_2` or `fe80::1%4])` on a line that
// lost its indentation must not become a field.
const FIELD_START = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(?!:)/;

/**
 * Splits pasted mail headers into unfolded fields. Tolerates CRLF or CR line ends, a byte order
 * mark, leading blank lines, an mbox `From ` line and continuation lines that lost their
 * indentation; stops at the first blank line after a field (the body).
 *
 * @example
 * parseHeaderBlock('Received: from a.example.org\r\n\tby b.example.net; Mon, 1 Jan 2024 10:00:00 +0000\r\n').fields
 * // [{ name: 'Received', key: 'received', value: 'from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000' }]
 */
export function parseHeaderBlock(text: string): HeaderBlock {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const fields: { name: string; key: string; value: string }[] = [];
  let rejoinedLines = 0;
  let strayLines = 0;
  let mboxFromLine = false;
  for (const line of lines) {
    if (line.trim() === '') {
      if (fields.length > 0) break;
      continue;
    }
    if (fields.length === 0 && !mboxFromLine && strayLines === 0 && line.startsWith('From ')) {
      mboxFromLine = true;
      continue;
    }
    const last = fields.at(-1);
    const start = FIELD_START.exec(line);
    if (start) {
      const name = start[1]!;
      fields.push({ name, key: name.toLowerCase(), value: line.slice(start[0].length).trim() });
    } else if (last === undefined) {
      strayLines++;
    } else {
      if (line[0] !== ' ' && line[0] !== '\t') rejoinedLines++;
      last.value = last.value === '' ? line.trim() : `${last.value} ${line.trim()}`;
    }
  }
  return { fields, rejoinedLines, strayLines, mboxFromLine };
}
