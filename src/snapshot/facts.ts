import type { UnitSnapshot } from './schema.js';

/**
 * The version of the rule below (what facts keep and what they leave out) and of their stored
 * record (src/snapshot/stored-unit.ts; 2: repeated parts written once). Stored facts of another
 * version (or none: stored before versions) are derived again from the snapshot, so a change to the
 * rule or the record, or a rollback, never evaluates facts made under another one. Raise it with
 * every change.
 */
export const FACTS_FORMAT = 2;

/**
 * The compact facts of one unit's pull: what evaluation, indicators, write-back and alerts read.
 * It is the unit's snapshot without the texts of its activities' follow-up comments (their ids,
 * dates, authors and units stay): rules count follow-ups by date, and only the project-statement
 * texts are read (the "no projects" marker), so those are kept, as are keywords, description
 * fields and nodes (rules and project amounts read them). The compilation's "what the units
 * reported" reads the texts from the full snapshot. Derived when a unit is imported and stored
 * beside its snapshot; a unit stored without facts has them derived from its snapshot when read.
 */
export function deriveUnitFacts(unit: UnitSnapshot): UnitSnapshot {
  return {
    ...unit,
    scorecards: unit.scorecards.map((card) => {
      const activityIds = new Set(card.activities.map((row) => row.Id));
      const comments = Object.fromEntries(Object.entries(card.comments).map(([nodeId, list]) => [nodeId, activityIds.has(nodeId) ? list.map((comment) => ({ ...comment, Text: '' })) : list]));
      return { ...card, comments };
    }),
  };
}

/** Node ids whose comment texts facts leave out (the unit's activity rows), per scorecard. */
export function textlessNodeIds(facts: UnitSnapshot): Set<string> {
  return new Set(facts.scorecards.flatMap((card) => card.activities.map((row) => row.Id)));
}
