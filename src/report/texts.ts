import type { FollowUp } from '../domain/programme.js';
import type { Assessment } from '../pipeline/evaluate.js';
import { AppError } from '../shared/errors.js';
import type { EvaluatedSnapshot, UnitPullRef, UnitSnapshot } from '../snapshot/schema.js';

/** Full snapshots read per step: a few units' texts in memory at a time. */
const BATCH = 25;

/**
 * The full snapshots of a facts snapshot's units, a few at a time, each checked to be the pull the
 * facts came from: a unit pulled again since the run evaluated it would mix two pulls in one
 * report, so that throws (the run's reports are then not written, with a warning) instead.
 */
export async function* fullUnitsOf(facts: EvaluatedSnapshot, load: (ids: string[]) => Promise<UnitSnapshot[]>, ids = facts.units.map((unit) => unit.departmentId)): AsyncGenerator<UnitSnapshot> {
  const pulledAt = new Map(facts.units.map((unit) => [unit.departmentId, unit.pulledAt]));
  for (let from = 0; from < ids.length; from += BATCH) {
    const batch = ids.slice(from, from + BATCH);
    const units = new Map((await load(batch)).map((unit) => [unit.departmentId, unit]));
    for (const id of batch) {
      const unit = units.get(id);
      if (unit === undefined || unit.pulledAt !== pulledAt.get(id)) {
        throw new AppError(
          'SNAPSHOT_INVALID',
          `unit ${id}: its stored pull (${unit?.pulledAt ?? 'none'}) is not the one this run evaluated (${pulledAt.get(id) ?? 'none'}); the report is not made from two pulls`,
        );
      }
      yield unit;
    }
  }
}

/**
 * Fills in the texts the facts leave out (src/snapshot/facts.ts) on the follow-ups the compilation
 * shows: the reported year's follow-ups of every activity, read from the units' full snapshots a
 * few at a time. Other years' follow-ups keep no text (nothing shows them).
 */
export async function attachReportTexts(assessment: Pick<Assessment, 'view' | 'evaluation'>, facts: EvaluatedSnapshot, load: (ids: string[]) => Promise<UnitSnapshot[]>): Promise<void> {
  const shown = new Map<string, FollowUp[]>();
  for (const activity of assessment.view.activities) {
    const followUps = activity.followUps.filter((f) => f.year === assessment.evaluation.year);
    if (followUps.length > 0) shown.set(activity.unitId, [...(shown.get(activity.unitId) ?? []), ...followUps]);
  }
  for await (const unit of fullUnitsOf(facts, load, [...shown.keys()])) {
    const texts = new Map<string, string>();
    for (const card of unit.scorecards) for (const [nodeId, comments] of Object.entries(card.comments)) for (const c of comments) texts.set(`${nodeId}/${c.Id}`, c.Text);
    for (const followUp of shown.get(unit.departmentId) ?? []) {
      const text = texts.get(`${followUp.nodeId}/${followUp.commentId}`);
      // Facts are derived from this very pull, so a comment they name must be in it: never show a missing text as empty.
      if (text === undefined)
        throw new AppError('SNAPSHOT_INVALID', `unit ${unit.departmentId}: comment ${followUp.commentId} on node ${followUp.nodeId} is in the unit's facts but not in its stored pull`);
      followUp.html = text;
    }
  }
}

/** A loader of the units a snapshot holds in full (one assessed as pulled, not from facts); throws for a unit it holds only a reference to. */
export function heldUnits(snapshot: EvaluatedSnapshot): (ids: string[]) => Promise<UnitSnapshot[]> {
  const isFull = (unit: UnitPullRef): unit is UnitSnapshot => 'scorecards' in unit;
  const held = new Map(snapshot.units.map((unit) => [unit.departmentId, unit]));
  return (ids) =>
    Promise.resolve(
      ids.map((id) => {
        const unit = held.get(id);
        if (unit === undefined || !isFull(unit)) throw new AppError('SNAPSHOT_INVALID', `unit ${id}: the run holds no full snapshot of it and no store to read it from`);
        return unit;
      }),
    );
}
