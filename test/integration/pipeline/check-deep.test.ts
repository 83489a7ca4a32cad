import { afterEach, describe, expect, it } from 'vitest';
import type { DeepCheckReport } from '../../../src/pipeline/check/deep-check.js';
import type { ReadingsPatch } from '../../../src/sim/readings.js';
import { runCli } from '../../support/cli.js';
import { mappingsWith } from '../../support/mappings.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * `stratsys-sync check --deep` against the bundled tenant: read-only, a few dozen requests, the
 * readings it shows with evidence, the mapping ids it lacks with a close match, and a request
 * estimate of the next `run --once` within 20 %.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function deepCheck(h: SimHarness, extraEnv: Record<string, string> = {}) {
  h.sim.resetStats();
  const result = await runCli(['check', '--deep', '--json', '--year', '2020'], h.env(extraEnv), 90_000);
  const report = JSON.parse(result.stdout) as DeepCheckReport;
  return { code: result.code, report, requests: h.sim.stats().total, writes: h.sim.stats().writes };
}

const finding = (report: DeepCheckReport, topic: string) => report.findings.find((f) => f.topic === topic);

describe('check --deep', () => {
  it("prints the documented JSON, writes nothing, stays within a few dozen requests, and predicts the next runs' requests within 20 %", async () => {
    harness = await startSimHarness();
    const first = await deepCheck(harness);
    expect(first.code).toBe(0);
    expect(Object.keys(first.report).sort()).toEqual(['estimate', 'findings']);
    expect(Object.keys(first.report.estimate).sort()).toEqual(['requests', 'seconds']);
    for (const f of first.report.findings) {
      expect(Object.keys(f).sort()).toEqual(['evidence', 'message', 'status', 'topic']);
      expect(['ok', 'warning', 'error']).toContain(f.status);
    }
    expect(first.report.findings.filter((f) => f.status === 'error')).toEqual([]);
    expect(first.writes).toBe(0);
    expect(first.requests).toBeLessThanOrEqual(48);
    for (const topic of [
      'reading:activity-flags',
      'reading:statuses',
      'reading:node-department',
      'reading:shared-activities',
      'reading:comment-filter',
      'reading:kpi-rounding',
      'reading:kpidata-scope',
      'reading:node-fields',
      'estimate',
    ]) {
      expect(finding(first.report, topic), topic).toBeDefined();
    }

    const run = await harness.run();
    expect(Math.abs(run.pull.requests - first.report.estimate.requests)).toBeLessThanOrEqual(0.2 * run.pull.requests);
    // after the first run every value is stored: the next run writes nothing, and the check knows it
    const second = await deepCheck(harness);
    const again = await harness.run();
    expect(again.writeBack.written).toBe(0);
    expect(Math.abs(again.pull.requests - second.report.estimate.requests)).toBeLessThanOrEqual(0.2 * again.pull.requests);
  }, 120_000);

  it('tells which reading the tenant shows, with the evidence, and still predicts the run', async () => {
    const readings: ReadingsPatch = { activityFlags: 'required', statuses: 'list-only', nodeDepartment: 'requested', commentFilter: 'ignored', kpiDataScope: 'department-required' };
    harness = await startSimHarness((fixture) => {
      const node = fixture.nodes.find((n) => n.id === '6001');
      if (node) node.distributedTo = ['102'];
    });
    harness.sim.setReadings(readings);
    const { code, report } = await deepCheck(harness);
    expect(code).toBe(0);
    expect(finding(report, 'reading:activity-flags')?.message).toMatch(/requires onlySimple and excludeFinished/);
    expect(finding(report, 'reading:statuses')?.message).toMatch(/statuses\/filter is refused; the worker falls back to GET statuses/);
    expect(finding(report, 'reading:node-department')).toMatchObject({
      message: expect.stringMatching(/is the requested department/),
      evidence: expect.stringMatching(/^node \d+: Department 1 in GET scorecards\/50\/departments\/1\/nodes, Department 1\d\d in/),
    });
    expect(finding(report, 'reading:shared-activities')).toMatchObject({
      message: expect.stringMatching(/^1 activities are reported by several units/),
      evidence: expect.stringContaining('6001: 101, 102'),
    });
    expect(finding(report, 'reading:comment-filter')?.message).toMatch(/ignores departmentId/);
    expect(finding(report, 'reading:kpidata-scope')?.message).toMatch(/refused without departmentId; the worker reads each KPI per department/);
    const run = await harness.run();
    expect(run.complete).toBe(true);
    expect(Math.abs(run.pull.requests - report.estimate.requests)).toBeLessThanOrEqual(0.2 * run.pull.requests);
  }, 120_000);

  it('names a misspelt id of the mapping with its close match, and exits 1', async () => {
    const dir = await mappingsWith((text) =>
      text.replace('match: { ancestor: 5001 }, focusArea: naringsliv', 'match: { ancestor: 50001 }, focusArea: naringsliv').replace('total: { id: 90040 }', 'total: { id: 900400 }'),
    );
    harness = await startSimHarness();
    const { code, report } = await deepCheck(harness, { MAPPINGS_DIR: dir });
    expect(code).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        topic: 'mapping:node',
        status: 'error',
        message: expect.stringMatching(/rules\[\d+\]\.match: node 50001 is not in the tenant; did you mean 5001 "1\. Näringslivsprogram"\?/),
      }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({ topic: 'mapping:kpi', status: 'error', message: expect.stringMatching(/has no column id 900400 in department 12 .*Did you mean id 90040\?/) }),
    );
  }, 120_000);
});
