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
  if (isPlainNumber(a) && isPlainNumber(b)) return a.length - b.length || (a < b ? -1 : 1);
  return NUMERIC.compare(a, b) || (a < b ? -1 : 1);
}

/**
 * Sorts `items` in place by two ids, `compareIds(first) || compareIds(second)`, and returns them.
 * Stable, and the same order as that comparator; when every id is a plain number (the usual
 * Stratsys ids) it compares the numbers, without a string comparison per step.
 */
export function sortByIds<T>(items: T[], first: (item: T) => string, second: (item: T) => string): T[] {
  const count = items.length;
  const a = new Float64Array(count);
  const b = new Float64Array(count);
  let isSorted = true;
  for (let i = 0; i < count; i += 1) {
    const item = items[i] as T;
    const x = first(item);
    const y = second(item);
    if (!isPlainNumber(x) || !isPlainNumber(y)) return items.sort((p, q) => compareIds(first(p), first(q)) || compareIds(second(p), second(q)));
    // Plain numbers of ≤ 15 digits are exact doubles, and compareIds orders them as numbers.
    const ax = Number(x);
    const by = Number(y);
    a[i] = ax;
    b[i] = by;
    if (i > 0 && isSorted) {
      const ap = a[i - 1] as number;
      isSorted = ap < ax || (ap === ax && (b[i - 1] as number) <= by);
    }
  }
  // Items usually come in order already (units and nodes are read in id order): nothing to move.
  if (isSorted) return items;
  // Positions sorted by the numbers (ties by position: stable), then the items put in that order.
  const order = Array.from({ length: count }, (_, i) => i).sort((i, j) => (a[i] as number) - (a[j] as number) || (b[i] as number) - (b[j] as number) || i - j);
  const before = items.slice();
  for (let i = 0; i < count; i += 1) items[i] = before[order[i] as number] as T;
  return items;
}

/** Whether `text` is 1–15 ASCII digits without a leading zero (`/^[1-9]\d{0,14}$/`), checked without a regex: sorts call it millions of times. */
function isPlainNumber(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 15) return false;
  const first = text.charCodeAt(0);
  if (first < 49 || first > 57) return false;
  for (let i = 1; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/*
 * Ids in names. Two helpers with different promises, so each caller says which it needs:
 * `safeIdPart` is lossy but always a legal piece of a job id, Redis key or file name; `idFileName`
 * is reversible, so two ids never share a file. (Ids in URLs are URL-encoded where the URL is built,
 * e.g. the Stratsys client's path segments: that is encoding for the wire, not naming.)
 */

/**
 * An id (or any text) as a piece of a BullMQ job id, a Redis key, a report id or an outbox file
 * name: every character outside `[A-Za-z0-9._-]` becomes `_`, so it never holds a colon (BullMQ
 * forbids `:` in custom job ids; Redis keys use it as separator) nor a path separator. Lossy: `a:b`
 * and `a_b` give the same piece, so use it where ids cannot differ only in such characters
 * (Stratsys' numeric ids, our own run, job and digest ids); a file per id uses `idFileName`.
 */
export function safeIdPart(value: string | number): string {
  return String(value).replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The file name (before its extension) of one id's file in a file store: `encodeURIComponent`,
 * which is reversible, so two different ids never share a file (with `safeIdPart`, unit `a:b` and
 * unit `a_b` would overwrite each other's state). It never holds a path separator. The names of
 * files already on disk depend on it: changing it orphans stored state.
 */
export function idFileName(id: string): string {
  return encodeURIComponent(id);
}
