import { compareIds } from '../shared/ids.js';

/** Deterministic orderings shared by the rules and the indicators (ids: src/shared/ids.ts). */

const SWEDISH = new Intl.Collator('sv');

/** Compares names in Swedish collation (å, ä, ö after z). */
export function compareSwedish(a: string, b: string): number {
  return SWEDISH.compare(a, b);
}

/** Sorted copy of `ids` (compareIds), without duplicates. */
export function sortedUniqueIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareIds);
}
