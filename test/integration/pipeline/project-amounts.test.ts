import { afterEach, describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../../src/pipeline/summary.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * A counted project whose granted amount is present but unreadable makes every granted-SEK value
 * that counts it unknown: held back, and named (project, unit, raw text) in the run summary and
 * `--json`. A blank amount is a known gap: the value is written, and the summary names the project.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const UNREADABLE = '3,9 miljoner euro';

function unreadableAmount(fixture: TenantFixture): void {
  const node = fixture.nodes.find((n) => n.name === 'Projekt Hållbar hamnstad');
  if (!node?.descriptionFields['801']) throw new Error('demo project "Projekt Hållbar hamnstad" with an amount missing');
  node.descriptionFields['801'] = UNREADABLE;
}

const cell = (w: { kpiId: string; departmentId: string; columnId: string; date: string }) => `${w.kpiId}/${w.departmentId}/${w.columnId}/${w.date}`;

describe('granted amounts in the run summary and the write-back', () => {
  it('the demo tenant writes the granted-SEK total and warns about its project without an amount', async () => {
    harness = await startSimHarness();
    const result = await harness.run();
    expect(result.complete).toBe(true);
    expect(result.writeBack.heldBack).toEqual([]);
    expect(harness.sim.kpiWrites().some((w) => w.kpiId === '9007' && w.columnId === '90070')).toBe(true);
    const summary = formatRunSummary(result);
    expect(summary).toMatch(/^Warning: 1 project counted in 2020 has no granted amount and adds 0 SEK to granted-SEK values: Projekt Välfärdsteknik i Östersjöregionen \(node 6014, [^)]+\)$/m);
    expect(summary).not.toContain('could not be read');
  }, 60_000);

  it('an unreadable amount holds back exactly the granted-SEK values that count the project, and says so', async () => {
    const demo = await startSimHarness();
    const expected = await demo.run().then(() => new Set(demo.sim.kpiWrites().map(cell)));
    await demo.close();

    harness = await startSimHarness(unreadableAmount);
    const cli = await runCli(['run', '--once', '--year', '2020', '--as-of', '2021-03-01'], harness.env());
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/^UNKNOWN: 1 project counted in 2020 has a granted amount that could not be read; granted-SEK values that count it are held back:$/m);
    expect(cli.stdout).toMatch(/^ {2}Projekt Hållbar hamnstad \(node \d+\) · [^·]+ · amount "3,9 miljoner euro"$/m);
    expect(cli.stdout).toMatch(/Write-back: \d+ written.*, 1 held back, 0 rejected, 0 failed/);
    expect(cli.stdout).toMatch(/held back because the granted amounts of Projekt Hållbar hamnstad \([^)]+\) could not be read/);
    const written = new Set(harness.sim.kpiWrites().map(cell));
    expect([...expected].filter((c) => !written.has(c))).toEqual(['9007/12/90070/2020-12-31']);
    expect([...written].filter((c) => !expected.has(c))).toEqual([]);

    const json = await runCli(['run', '--once', '--year', '2020', '--as-of', '2021-03-01', '--dry-run', '--json'], harness.env());
    const doc = JSON.parse(json.stdout) as {
      complete: boolean;
      projectAmounts: { unreadable: Array<{ name: string; unitId: string; text: string }>; missing: Array<{ nodeId: string }> };
      writeBack: { heldBack: Array<{ value: { kpiId: string }; unknownProjectIds: string[] }> };
      assessment: { view: { activities: Array<{ followUps: Array<Record<string, unknown>> }> } };
    };
    expect(doc.complete).toBe(false);
    // The run evaluates facts, which leave the follow-up texts out: none is printed as an empty text.
    const followUps = doc.assessment.view.activities.flatMap((activity) => activity.followUps);
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps.filter((followUp) => 'html' in followUp || 'text' in followUp)).toEqual([]);
    expect(followUps[0]).toHaveProperty('commentId');
    expect(doc.projectAmounts.unreadable).toEqual([expect.objectContaining({ name: 'Projekt Hållbar hamnstad', unitId: '105', text: UNREADABLE })]);
    expect(doc.projectAmounts.missing.map((p) => p.nodeId)).toEqual(['6014']);
    expect(doc.writeBack.heldBack.map((h) => [h.value.kpiId, h.unknownProjectIds.length])).toEqual([['9007', 1]]);
  }, 120_000);
});
