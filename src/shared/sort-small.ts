/**
 * Sorts a short list in place by insertion, stable as `Array.prototype.sort`, and returns it: for
 * lists sorted once per activity (a node's rules, its follow-ups), where a sort call's work array
 * and comparator closure, made for each of 100,000 activities, cost more than the sorting. Lists
 * longer than 16 go to `sort`.
 */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 16) return items.sort(compare);
  for (let i = 1; i < items.length; i += 1) {
    const item = items[i] as T;
    let at = i;
    while (at > 0 && compare(items[at - 1] as T, item) > 0) {
      items[at] = items[at - 1] as T;
      at -= 1;
    }
    items[at] = item;
  }
  return items;
}
