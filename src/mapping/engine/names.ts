/** Small text helpers of the mapping engine: name and instant comparison (ids: src/shared/ids.ts). */

/** Orders ISO 8601 UTC instants of one format (as `toISOString` writes them) by plain code units. */
export function compareInstants(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A name as compared with mapping names: trimmed, inner spaces collapsed, lower case (Swedish). */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('sv');
}
