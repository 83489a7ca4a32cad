import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { AlertSource, RoleHolders } from './alert-source.js';

/** The alert step as the pipeline sees it; implemented over src/alerts (src/app/compose.ts). */
export interface AlertRunner {
  run(input: { runId: string; mapping: ProgrammeMapping; source: AlertSource; roleHolders: RoleHolders; asOf: string; dryRun: boolean }): Promise<AlertSummary>;
}

export interface AlertSummary {
  sent: number;
  /** Already sent in the current cadence step. */
  skipped: number;
  /** Claimed by another worker and not known to be sent: the step must be repeated after `pendingRetryInMs`. */
  pending: number;
  /** Milliseconds until every pending claim has run out (0 when none is pending). */
  pendingRetryInMs: number;
  failed: number;
  ownersWithoutAddress: string[];
  /** One-paragraph text for run summaries. */
  text: string;
}
