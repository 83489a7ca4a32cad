import type { ProgrammeMapping } from '../../src/mapping/file/schema.js';
import type { RunManifest } from '../../src/report/versions.js';

/** The manifest of run `runId` made at `generatedAtMs` (ms since the epoch, UTC), complete unless said otherwise; no mapping, no snapshot. */
export function completeManifest(runId: string, generatedAtMs: number, isComplete = true): RunManifest {
  const generatedAt = new Date(generatedAtMs).toISOString();
  return {
    schemaVersion: 1,
    runId,
    year: 2020,
    asOf: '2021-02-28T23:00:00.000Z',
    timeZone: 'Europe/Stockholm',
    meta: { tenantId: 'default', generatedAt, runId, pulledAt: generatedAt },
    links: { nodeTemplate: null, origin: null, statementNodeId: null },
    isComplete,
    missingUnits: isComplete ? [] : ['Gävle Hamn AB'],
    mapping: {} as ProgrammeMapping,
    hasSnapshot: false,
  };
}
