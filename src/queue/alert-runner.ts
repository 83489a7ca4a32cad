import type { ProgrammeMapping } from '../mapping/schema.js';
import type { Assessment } from '../pipeline/evaluate.js';
import type { TenantData } from '../snapshot/schema.js';

/** The alert step as the pipeline sees it; implemented over src/alerts. */
export interface AlertRunner {
  run(input: { runId: string; mapping: ProgrammeMapping; assessment: Assessment; roleHolders: TenantData['roleHolders']; asOf: string; dryRun: boolean }): Promise<AlertSummary>;
}

export interface AlertSummary {
  sent: number;
  skipped: number;
  failed: number;
  ownersWithoutAddress: string[];
  /** One-paragraph text for run summaries. */
  text: string;
}
