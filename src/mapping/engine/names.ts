/** Small text helpers of the mapping engine: name comparison, id order, HTML to plain text. */

const NUMERIC = new Intl.Collator('en', { numeric: true });

/** Compares ids numerically where they are digits (`9` before `10`), never equal for different ids. */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path for the usual all-digit ids without leading zeros: shorter is smaller.
  if (DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length || (a < b ? -1 : 1);
  return NUMERIC.compare(a, b) || (a < b ? -1 : 1);
}

const DIGITS = /^[1-9]\d{0,14}$/;

/** Orders ISO 8601 UTC instants of one format (as `toISOString` writes them) by plain code units. */
export function compareInstants(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A name as compared with mapping names: trimmed, inner spaces collapsed, lower case (Swedish). */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('sv');
}

