/**
 * "Now" for the site build: the time a page is built decides whether the data looks stale.
 * MXSTATUS_NOW (ISO 8601) pins it, so that tests and reproducible builds give the same bytes.
 */
export function buildTime(): number {
  const pinned = process.env.MXSTATUS_NOW;
  return pinned ? Date.parse(pinned) : Date.now();
}
