import type { Logger } from '../shared/logger.js';
import { writeBack } from '../indicators/write-back.js';
import type { PullPlan } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { TenantData, UnitFailure } from '../snapshot/schema.js';
import { noLock } from '../store/lock.js';
import { logUnreadableAmounts } from './amount-gaps.js';
import type { Assessment } from './evaluate.js';
import type { RunDeps } from './run-deps.js';
import type { EvaluationOutcome } from './run-result.js';
import { assessFromStore } from './stored.js';

/**
 * Evaluates the stored snapshot (units that failed in this run count as failed even when an older
 * pull is stored) and writes back what changed, holding the tenant's lock so that two runs never
 * interleave their read-then-write. A re-run of one unit writes every value that is complete now,
 * also those an earlier run held back only because that unit had failed.
 */
export async function evaluateAndWrite(
  deps: RunDeps,
  input: { runId: string; mapping: ProgrammeMapping; year: number; asOf: string; failures: UnitFailure[]; dryRun: boolean; tenant: TenantData; plan: PullPlan },
): Promise<EvaluationOutcome> {
  const asked = performance.now();
  return (deps.lock ?? noLock).run(() => evaluateAndWriteNow(deps, input, asked));
}

async function evaluateAndWriteNow(deps: RunDeps, input: Parameters<typeof evaluateAndWrite>[1], asked: number): Promise<EvaluationOutcome> {
  const locked = performance.now();
  // Facts, not full snapshots (evaluation, indicators and write-back never read follow-up texts), a
  // batch of units at a time, each let go once evaluated: the run keeps which pulls it read.
  const { snapshot, assessment } = await assessFromStore(deps, input);
  const assessed = performance.now();
  logUnreadableEvidence(deps.logger, assessment);
  logUnreadableAmounts(deps.logger, assessment);
  const written = await writeBack({ client: deps.client, audit: deps.audit, clock: deps.clock, logger: deps.logger }, assessment.values, {
    runId: input.runId,
    failedUnitIds: assessment.view.failedUnitIds,
    dryRun: input.dryRun,
  });
  const ms = (from: number, to: number) => Math.round(to - from);
  const timings = { lockWaitMs: ms(asked, locked), assessMs: ms(locked, assessed), writeBackMs: ms(assessed, performance.now()) };
  return { snapshot, assessment, writeBack: written, timings };
}

/** One warning per report held back as unknown because a follow-up date could not be read. */
function logUnreadableEvidence(logger: Logger, assessment: Assessment): void {
  for (const report of assessment.evaluation.reports) {
    if (report.unknownReason !== 'unreadable-evidence') continue;
    const comments = (report.evidence.unreadable ?? []).map((entry) => ({ commentId: entry.commentId, nodeId: entry.nodeId, reason: entry.reason }));
    logger.warn({ reportId: report.id, unitId: report.unitId, focusAreaKey: report.focusAreaKey, comments }, 'report unknown: a follow-up date could not be read; its values are held back');
  }
}
