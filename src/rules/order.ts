/** Deterministic orderings shared by the rules and the indicators. */

const SWEDISH = new Intl.Collator('sv');
const NUMERIC = new Intl.Collator('en', { numeric: true });

/** Compares names in Swedish collation (å, ä, ö after z). */
export function compareSwedish(a: string, b: string): number {
  return SWEDISH.compare(a, b);
}

/**
 * Compares ids numerically where they are digits (`9` before `10`), then by code units, so two
 * different ids never compare equal.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return NUMERIC.compare(a, b) || (a < b ? -1 : 1);
}

/** Sorted copy of `ids` (compareIds), without duplicates. */
export function sortedUniqueIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareIds);
}
