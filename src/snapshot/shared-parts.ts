import type { UnitSnapshot } from './schema.js';

/**
 * Parts of stored pulls that repeat on every node or comment (the node's department, scorecard and
 * column, its status and the statuses it may take, a comment's type) held once in memory instead of
 * once per node. JSON parsing makes a new object for each occurrence: at 2,000 units those copies
 * were over a third of the facts' heap. Only parts equal as JSON are shared, and each shared part is
 * frozen, so code that would change one fails loudly instead of changing it for every node.
 */
export type PartSharer = (unit: UnitSnapshot) => UnitSnapshot;

/** A sharer with its own table: one per load, so a part is shared across every unit read in it. */
export function createPartSharer(): PartSharer {
  const table = new Map<string, object>();
  const share = <T extends object | null>(part: T): T => {
    if (part === null || typeof part !== 'object') return part;
    const key = JSON.stringify(part);
    const found = table.get(key);
    if (found !== undefined) return found as T;
    table.set(key, Object.freeze(part));
    return part;
  };
  return (unit) => {
    for (const card of unit.scorecards) {
      for (const node of card.nodes) {
        node.Department = share(node.Department);
        node.Scorecard = share(node.Scorecard);
        node.ScorecardColumn = share({ ...node.ScorecardColumn, Scorecard: share(node.ScorecardColumn.Scorecard) });
        node.CurrentStatus = share(node.CurrentStatus);
        node.Statuses = share(Array.isArray(node.Statuses) ? node.Statuses.map((status) => share(status)) : node.Statuses);
      }
      for (const comments of Object.values(card.comments)) for (const comment of comments) comment.CommentType = share(comment.CommentType);
    }
    return unit;
  };
}
