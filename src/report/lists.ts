/**
 * List helpers for tables of any size. Spreading a list into a call (`push(...rows)`,
 * `Math.max(...widths)`) passes every element as an argument and throws "Maximum call stack size
 * exceeded" once a table has some 100,000 rows (a tenant of 2,000 units); these loop instead.
 */

/** Appends every item to `target` and returns it. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `floor` when none is larger. */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}

/** The items grouped by key, groups in first-seen order and items in their order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * Characters per part when a document is written part by part: under V8's large-object size
 * (128 KB, at two bytes a character), so a written part dies young instead of waiting in
 * large-object space for a full collection (at 2,000 units, parts of megabytes doubled the
 * resident set while the report was written).
 */
export const PART_CHARS = 32_000;

/**
 * The pieces concatenated into parts of at most `size` characters, in order (a piece longer than
 * that is a part of its own). The parts joined are the pieces joined.
 */
export function* inParts(pieces: Iterable<string>, size = PART_CHARS): Generator<string> {
  let part = '';
  for (const piece of pieces) {
    if (part.length > 0 && part.length + piece.length > size) {
      yield part;
      part = '';
    }
    part += piece;
  }
  if (part.length > 0) yield part;
}
