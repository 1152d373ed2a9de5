/**
 * The median of some figures (of an even number, the mean of the two in the middle).
 *
 * @example
 * median([7.9, 7.4, 8.8]) // 7.9
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
