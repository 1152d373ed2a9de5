import { detachString } from '../../../src/core/detach-string.ts';

/**
 * Numbers for strings that repeat (host names, addresses, MX names, cipher suites), so that
 * 5-minute buckets store an int instead of an object. Strings are detached from their log line.
 */
export class StringTable {
  readonly #ids = new Map<string, number>();
  readonly #strings: string[] = [];

  id(text: string): number {
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.#strings.length;
      const copy = detachString(text);
      this.#strings.push(copy);
      this.#ids.set(copy, id);
    }
    return id;
  }

  text(id: number): string {
    return this.#strings[id] ?? '';
  }

  /** Every string, by id: for saving the table. */
  all(): readonly string[] {
    return this.#strings;
  }

  /** A table holding `strings` with their saved ids. */
  static from(strings: readonly string[]): StringTable {
    const table = new StringTable();
    for (const text of strings) {
      table.#ids.set(text, table.#strings.length);
      table.#strings.push(text);
    }
    return table;
  }
}
