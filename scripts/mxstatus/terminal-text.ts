/**
 * Text from a log on its way to a terminal. A log line can carry escape sequences (`\x1b]0;…`,
 * `\x1b[2J`) that a terminal would obey, and a line that is no syslog line at all can put an
 * envelope address where the program name should be: what `--stats` prints of a log is either a
 * plain name or a placeholder, never the raw bytes.
 */

/** A program name as syslog writes one: `postfix/smtpd`, `postfix-in/cleanup`, `kernel`. */
const PROGRAM = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
/** A host name or address as syslog writes one. */
const HOST = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;

/**
 * The program name, or `(not a program name)` for anything else.
 *
 * @example
 * programForTerminal('postfix/smtpd') // 'postfix/smtpd'
 * programForTerminal('anna.schmidt@example.net') // '(not a program name)'
 */
export function programForTerminal(name: string): string {
  return PROGRAM.test(name) && !name.includes('@') ? name : '(not a program name)';
}

/**
 * The host name, or `(not a host name)` for anything else.
 *
 * @example
 * hostForTerminal('mx1') // 'mx1'
 * hostForTerminal('\x1b]0;owned\x07') // '(not a host name)'
 */
export function hostForTerminal(name: string): string {
  return HOST.test(name) ? name : '(not a host name)';
}

/**
 * Any other text with its control characters (C0, DEL, C1) and bidirectional overrides shown as
 * `\xNN` / `\u{NNNN}`, so that nothing in it acts on the terminal.
 *
 * @example
 * plainForTerminal('mail.log\x1b[2J') // 'mail.log\\x1b[2J'
 */
export function plainForTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
