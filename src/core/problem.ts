/**
 * Expected failures travel as values: a one-line message that names the problem and the fix,
 * and the exit code the CLI sets for it. Only the CLI layer prints them.
 */
export const exitCodes = {
  ok: 0,
  /** A bug: an exception nobody expected. */
  internal: 1,
  /** A wrong option or argument on the command line. */
  usage: 2,
  /** `content/site.yaml` or another file under `content/` is invalid. */
  config: 3,
  /** An input log file is missing or unreadable. */
  input: 4,
  /** An input `.gz` file is corrupt or truncated. */
  corruptInput: 5,
  /** Records, notes, the state or the site could not be written. */
  output: 6,
  /** Another run holds the lock on the same content directory. */
  locked: 7,
  /** The `--state` file is unreadable, of another version, or made with other settings. */
  state: 8,
  /** `--out` is not something mxstatus may replace: a folder it did not build, or one holding the content, the state or the checkout. */
  outRefused: 9,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/**
 * What each exit code means, in one line: `mxstatus --help` lists them from here. Keyed by the
 * names of `exitCodes`, so the compiler refuses a code without its meaning.
 */
export const exitCodeMeanings: Readonly<Record<keyof typeof exitCodes, string>> = {
  ok: 'done',
  internal: 'internal error (a bug: please report it)',
  usage: 'wrong option or argument',
  config: 'content/site.yaml or another file under content/ is invalid, mxstatus check found a problem, or Astro failed to build or serve the site',
  input: 'an input file is missing or unreadable, or the inputs come to no file at all',
  corruptInput: 'an input .gz is corrupt or truncated (its lines before the damage still count)',
  output: 'records, notes, the state or the site could not be written',
  locked: 'another run holds the lock on the same content directory (nothing was done)',
  state: 'the --state file is damaged, of another version, or made under other settings',
  outRefused: '--out was not replaced: a folder mxstatus did not build, or one holding the content, the state or the checkout',
};

export interface Problem {
  readonly exitCode: ExitCode;
  /** One line: what is wrong, where, and how to fix it. */
  readonly message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(exitCode: ExitCode, message: string): Result<T> {
  return { ok: false, problem: { exitCode, message } };
}
