/**
 * The word of `candidates` a misspelt `word` most likely meant, or null when none is close:
 * case is ignored, and one edit per four letters is allowed (at least one, at most two).
 *
 * @example
 * closestWord('windowMinute', ['windowMinutes', 'minFailures']) // 'windowMinutes'
 * closestWord('timezone', ['timeZone', 'locales']) // 'timeZone'
 * closestWord('titel', ['title', 'type']) // 'title'
 * closestWord('colour', ['name', 'site']) // null
 */
export function closestWord(word: string, candidates: Iterable<string>): string | null {
  const wanted = word.toLowerCase();
  const allowed = Math.min(2, Math.max(1, Math.floor(wanted.length / 4)));
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edits between two words: insertions, deletions, substitutions and swaps of neighbours ("titel"). */
function editDistance(a: string, b: string): number {
  const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1]!;
      let distance = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
