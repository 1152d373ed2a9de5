/**
 * A copy of `text` that does not keep its source alive. Fields sliced from a log line share the
 * line's memory, and lines share a whole 1 MB read chunk: anything kept beyond the line (a host
 * name in a series, a program name in the stats) must be detached, or memory grows with the logs.
 *
 * @example
 * hosts.set(detachString(client.name), …)
 */
export function detachString(text: string): string {
  // Concatenating makes a cons string; slicing it flattens a fresh copy of just these characters.
  return (` ${text}`).slice(1);
}
