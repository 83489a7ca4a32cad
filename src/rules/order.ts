import { compareIds } from '../shared/ids.js';

/** Deterministic orderings shared by the rules and the indicators (ids: src/shared/ids.ts). */

const SWEDISH = new Intl.Collator('sv');

/** Compares names in Swedish collation (å, ä, ö after z). */
export function compareSwedish(a: string, b: string): number {
  return SWEDISH.compare(a, b);
}

/** Sorted copy of `ids` (compareIds), without duplicates. */
export function sortedUniqueIds(ids: Iterable<string>): string[] {
  const list = [...ids];
  // Usually already in order (the view's activities are sorted): then one pass proves it.
  for (let i = 1; i < list.length; i += 1) {
    if (compareIds(list[i - 1] ?? '', list[i] ?? '') >= 0) return [...new Set(list)].sort(compareIds);
  }
  return list;
}
