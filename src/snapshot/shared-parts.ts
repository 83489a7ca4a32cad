import type { ScorecardColumn, Status } from '../stratsys/schemas.js';
import type { UnitSnapshot } from './schema.js';

/**
 * Parts of stored pulls that repeat on every node or comment (the node's department, scorecard and
 * column, its status and the statuses it may take, a comment's type) held once in memory instead of
 * once per node. JSON parsing makes a new object for each occurrence: at 2,000 units those copies
 * were over a third of the facts' heap. Only parts equal as JSON are shared, and each shared part is
 * frozen, so code that would change one fails loudly instead of changing it for every node.
 */
export interface PartSharer {
  /** Every part of a unit parsed with each part in place (a full record, or facts derived from one). */
  unit(unit: UnitSnapshot): UnitSnapshot;
  /** One part: a department, scorecard, status or comment type (null stays null). */
  part<T extends object | null>(part: T): T;
  /** A column, with its scorecard shared too. */
  column(column: ScorecardColumn): ScorecardColumn;
  /** The statuses a node may take, each shared, the list too (null stays null). */
  statuses(list: Status[] | null): Status[] | null;
}

/** A sharer with its own table: one per load, so a part is shared across every unit read in it. */
export function createPartSharer(): PartSharer {
  const table = new Map<string, object>();
  const part = <T extends object | null>(value: T): T => {
    if (value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    const found = table.get(key);
    if (found !== undefined) return found as T;
    table.set(key, Object.freeze(value));
    return value;
  };
  const column = (value: ScorecardColumn): ScorecardColumn => part({ ...value, Scorecard: part(value.Scorecard) });
  const statuses = (list: Status[] | null): Status[] | null => part(Array.isArray(list) ? list.map((status) => part(status)) : list);
  return {
    part,
    column,
    statuses,
    unit(unit) {
      for (const card of unit.scorecards) {
        for (const node of card.nodes) {
          node.Department = part(node.Department);
          node.Scorecard = part(node.Scorecard);
          node.ScorecardColumn = column(node.ScorecardColumn);
          node.CurrentStatus = part(node.CurrentStatus);
          node.Statuses = statuses(node.Statuses);
        }
        for (const comments of Object.values(card.comments)) for (const comment of comments) comment.CommentType = part(comment.CommentType);
      }
      return unit;
    },
  };
}
