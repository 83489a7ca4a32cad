/**
 * The one order of Stratsys ids (department, scorecard, node, KPI ids are strings of digits): used
 * by the mapping engine, the rules, the report and the simulator alike.
 */

const NUMERIC = new Intl.Collator('en', { numeric: true });

/**
 * Compares ids numerically where they are digits (`9` before `10`), then by code units, so two
 * different ids never compare equal.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path for the usual all-digit ids without leading zeros: shorter is smaller.
  if (DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length || (a < b ? -1 : 1);
  return NUMERIC.compare(a, b) || (a < b ? -1 : 1);
}

const DIGITS = /^[1-9]\d{0,14}$/;
