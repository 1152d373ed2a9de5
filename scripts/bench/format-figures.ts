/**
 * How the benchmark writes its figures: rates, ratios, seconds and megabytes (10^6 bytes).
 *
 * @example
 * formatRate(265_957) // '266 k/s'
 */

/** `266 k/s`, `11.1 M/s` */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(perSecond >= 1e7 ? 1 : 2)} M/s`;
  return `${Math.round(perSecond / 1e3)} k/s`;
}

/** `2.63×`, `0.018×` */
export function formatRatio(ratio: number): string {
  return `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

/** `7.52 s` */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `212 MB` (10^6 bytes) */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb >= 100 ? Math.round(mb) : mb.toFixed(mb >= 10 ? 1 : 2)} MB`;
}
