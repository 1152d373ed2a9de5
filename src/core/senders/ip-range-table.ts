import type { IpAddress, IpRange } from './ip-address.ts';

/** A range and who it belongs to (an index chosen by the caller, e.g. a rule's position). */
export interface OwnedRange {
  readonly range: IpRange;
  readonly owner: number;
}

/**
 * Finds the owner of an address among many ranges with one binary search. The ranges are cut at
 * build time into sorted, non-overlapping segments, each owned by the most specific range that
 * covers it; between equally specific ranges of different owners the higher owner index wins
 * (so a rule listed later, such as a site rule, beats an earlier one).
 *
 * @example
 * const table = new IpRangeTable([{ range: parseIpRange('40.107.0.0/16')!, owner: 0 }]);
 * table.ownerOf(parseIpAddress('40.107.22.71')!) // 0
 * table.ownerOf(parseIpAddress('192.0.2.1')!) // -1
 */
export class IpRangeTable {
  readonly #v4: Segments<number>;
  readonly #v6: Segments<bigint>;

  constructor(ranges: readonly OwnedRange[]) {
    const v4: Owned<number>[] = [];
    const v6: Owned<bigint>[] = [];
    for (const { range, owner } of ranges) {
      if (range.family === 4) v4.push({ start: range.start, end: range.end, prefix: range.prefix, owner });
      else v6.push({ start: range.start, end: range.end, prefix: range.prefix, owner });
    }
    this.#v4 = segment(v4);
    this.#v6 = segment(v6);
  }

  /** The owner of the most specific range that holds `address`, or -1. */
  ownerOf(address: IpAddress): number {
    return address.family === 4 ? find(this.#v4, address.value) : find(this.#v6, address.value);
  }

  get isEmpty(): boolean {
    return this.#v4.starts.length === 0 && this.#v6.starts.length === 0;
  }
}

interface Owned<V extends number | bigint> {
  readonly start: V;
  readonly end: V;
  readonly prefix: number;
  readonly owner: number;
}

interface Segments<V extends number | bigint> {
  readonly starts: V[];
  readonly ends: V[];
  readonly owners: number[];
}

function segment<V extends number | bigint>(ranges: readonly Owned<V>[]): Segments<V> {
  const cuts = [...new Set(ranges.flatMap((r) => [r.start, r.end]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Segments<V> = { starts: [], ends: [], owners: [] };
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    let best: Owned<V> | null = null;
    for (const r of ranges) {
      if (r.start > from || r.end < to) continue;
      if (!best || r.prefix > best.prefix || (r.prefix === best.prefix && r.owner > best.owner)) best = r;
    }
    if (!best) continue;
    const last = out.starts.length - 1;
    if (last >= 0 && out.ends[last] === from && out.owners[last] === best.owner) out.ends[last] = to;
    else {
      out.starts.push(from);
      out.ends.push(to);
      out.owners.push(best.owner);
    }
  }
  return out;
}

function find<V extends number | bigint>(segments: Segments<V>, value: V): number {
  const { starts, ends, owners } = segments;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= value) lo = mid + 1;
    else hi = mid - 1;
  }
  // hi is now the last segment starting at or before value.
  return hi >= 0 && value < ends[hi]! ? owners[hi]! : -1;
}
