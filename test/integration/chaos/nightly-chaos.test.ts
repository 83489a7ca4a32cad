import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNightlyScenario, type ScenarioOutcome } from '../../support/chaos.js';

/**
 * The chaos test (tag `chaos`, `npm run chaos`; part of `npm test`): a nightly run on the real
 * worker path with 20 % of Stratsys requests failing at random (429, 503, reset), one worker
 * process killed with SIGKILL while both are importing, and Redis restarted without its data.
 * Stratsys' final KPI values, the applied writes, the audit log and the e-mails must equal a clean
 * run's: nothing lost, nothing twice. The numbers go to test-output/chaos.json (README table).
 */

function summary(outcome: ScenarioOutcome) {
  return {
    durationS: Math.round(outcome.durationMs / 100) / 10,
    requests: outcome.requests,
    faults: outcome.faults,
    runs: outcome.runs.map((run) => `${run.runId}: ${run.outcome}`),
    writes: outcome.writes.length,
    auditEntries: outcome.audit.length,
    mails: outcome.mails.length,
  };
}

describe('nightly run under chaos', { tags: ['chaos'] }, () => {
  it("ends with the clean run's KPI values, writes, audit log and e-mails after random faults, a SIGKILL and a Redis restart without data", async () => {
    const clean = await runNightlyScenario({ chaos: false });
    // CHAOS_SEED picks another sequence of faults (default 20).
    const chaos = await runNightlyScenario({ chaos: true, seed: Number(process.env.CHAOS_SEED ?? 20) });
    mkdirSync('test-output', { recursive: true });
    writeFileSync(path.join('test-output', 'chaos.json'), `${JSON.stringify({ clean: summary(clean), chaos: summary(chaos) }, null, 2)}\n`);

    // The chaos happened: about a fifth of the requests failed, and the lost run was queued again.
    const injected = chaos.faults['429'] + chaos.faults['503'] + chaos.faults.reset;
    expect(injected / chaos.requests).toBeGreaterThan(0.12);
    expect(chaos.runs.some((run) => run.outcome === 'failed' && run.message?.startsWith('REDIS_DATA_LOST'))).toBe(true);
    expect(chaos.runs.filter((run) => run.outcome !== 'failed')).toEqual([expect.objectContaining({ outcome: 'complete', failedUnitIds: [] })]);
    expect(clean.runs).toEqual([expect.objectContaining({ outcome: 'complete', failedUnitIds: [] })]);

    expect(clean.writes.length).toBeGreaterThan(20);
    expect(chaos.kpiValues).toEqual(clean.kpiValues);
    expect(chaos.writes).toEqual(clean.writes);
    expect(chaos.audit).toEqual(clean.audit);
    expect(clean.mails.length).toBeGreaterThan(0);
    expect(chaos.mails).toEqual(clean.mails);
    expect(new Set(chaos.mailKeys).size).toBe(chaos.mailKeys.length);
  });
});
