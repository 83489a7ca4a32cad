import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * A follow-up whose date cannot be read is evidence of unknown time: the report it may count for is
 * `unknown` (never `missing`), held back like a failed pull (no value counting it is written, no
 * alert about it is sent), and the warning is in the human summary, the report file and the log.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function serveUnreadableDates(fixture: TenantFixture): void {
  const comment = (id: string) => {
    const found = fixture.comments.find((c) => c.id === id);
    if (!found) throw new Error(`demo comment ${id} missing`);
    return found;
  };
  comment('20089').servedPostedDate = 'igår kväll'; // 101's only 2020 follow-up of 6001 (Näringsliv)
  comment('20093').servedPeriodDate = null; // 101's 2020 project statement
  const statement103 = fixture.comments.find((c) => c.nodeId === '5009' && c.departmentId === '103' && c.periodDate === '2020-12-31');
  if (!statement103) throw new Error('demo statement of 103 for 2020 missing');
  statement103.servedPeriodDate = '31/12/2020';
}

describe('unreadable comment dates', () => {
  it('make the reports they may count for unknown and hold back their values, in the summary, the report and the log', async () => {
    harness = await startSimHarness(serveUnreadableDates);
    const result = await runCli(['run', '--once', '--year', '2020', '--as-of', '2021-03-01'], harness.env());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('UNKNOWN: 3 reports have follow-ups whose date could not be read');
    expect(result.stdout).toContain('comment 20089 on node 6001: PostedDate "igår kväll" is not a date and time yyyy-MM-dd HH:mm:ss');
    expect(result.stdout).toContain('comment 20093 on node 5009: PeriodDate null is not a date yyyy-MM-dd');
    expect(result.stdout).toContain('PeriodDate "31/12/2020" is not a date yyyy-MM-dd');
    // Dropping them would have made these reports missing: 8 missing as in a clean run, no more
    expect(result.stdout).toContain('Missing reports (8) among the units that could be read; 3 reports unknown (a follow-up date could not be read):');
    expect(result.stdout).not.toMatch(/^Missing reports.*pull failed/m);
    expect(result.stdout).toMatch(/\(8 missing reports\)/);
    expect(result.stdout).toContain(
      'held back because the reports of Kommunledningsförvaltningen (action-plan follow-up), Kommunledningsförvaltningen (external projects report), Socialtjänsten (external projects report) are unknown',
    );
    expect(result.stderr).toContain('report unknown: a follow-up date could not be read');

    // an incomplete run's report version: <year>/runs/<runId>/ (not promoted to latest)
    const runsDir = path.join(harness.config().REPORT_DIR, 'default', '2020', 'runs');
    const reportDir = path.join(runsDir, readdirSync(runsDir)[0] ?? '');
    expect(readFileSync(path.join(reportDir, 'summary.txt'), 'utf8')).toContain('UNKNOWN: 3 reports');
    const evaluation = JSON.parse(readFileSync(path.join(reportDir, 'evaluation.json'), 'utf8')) as { evaluation: { reports: Array<{ id: string; state: string; unknownReason?: string }> } };
    const unknown = evaluation.evaluation.reports.filter((r) => r.state === 'unknown').map((r) => `${r.id}:${r.unknownReason}`);
    expect(unknown.sort()).toEqual(['action-plan-follow-up-101-2020-naringsliv:unreadable-evidence', 'project-report-101-2020:unreadable-evidence', 'project-report-103-2020:unreadable-evidence']);

    // Nothing that counts those reports is written: Näringsliv and the totals of 9001–9005, 101's own value.
    const writes = harness.sim.kpiWrites();
    expect(writes.filter((w) => ['90011', '90010', '90041', '90040'].includes(w.columnId))).toEqual([]);
    expect(writes.filter((w) => w.kpiId === '9101' && ['101', '103'].includes(w.departmentId))).toEqual([]);
    expect(writes.some((w) => w.columnId === '90014')).toBe(true); // Utbildning is unaffected
  }, 90_000);
});
