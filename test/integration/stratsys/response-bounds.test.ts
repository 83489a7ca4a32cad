import { afterEach, describe, expect, it } from 'vitest';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const NODES_ROUTE = 'GET scorecards/{scorecardId}/departments/{departmentId}/nodes';

describe('Stratsys answers that are too large or list a node twice (simulated tenant)', () => {
  it('refuses an oversized body at the cap, once, naming the endpoint and its size, and holds the unit back', async () => {
    harness = await startSimHarness();
    // 17 nodes sent 2,001 times each: about 20 MB where the cap is 1 MiB.
    harness.sim.setFaults({ duplicateItems: { copies: 2_000, path: '/departments/105/nodes$' } });
    const result = await harness.run({ config: harness.config({ STRATSYS_MAX_RESPONSE_BYTES: String(1024 * 1024) }) });
    expect(result.complete).toBe(false);
    expect(result.pull.failures).toHaveLength(1);
    const [failure] = result.pull.failures;
    expect(failure?.departmentId).toBe('105');
    expect(failure?.code).toBe('STRATSYS_RESPONSE_INVALID');
    expect(failure?.message).toMatch(/^GET scorecards\/50\/departments\/105\/nodes: .*body: \d{8} bytes \(Content-Length\) is larger than the limit of 1048576 bytes \(STRATSYS_MAX_RESPONSE_BYTES\)/);
    // Not retried: the same request would get the same answer.
    expect(harness.sim.stats().byRoute[NODES_ROUTE]?.count).toBe(10);
    expect(result.writeBack.heldBack.length).toBeGreaterThan(0);
    expect(harness.sim.kpiWrites().some((w) => w.departmentId === '105')).toBe(false);
  });

  it('refuses a node list that names a node twice, naming the node and the unit, and holds the unit back', async () => {
    harness = await startSimHarness();
    harness.sim.setFaults({ duplicateItems: { copies: 1, path: '/departments/106/nodes$' } });
    const result = await harness.run();
    expect(result.complete).toBe(false);
    expect(result.pull.failures.map((f) => [f.departmentId, f.code])).toEqual([['106', 'STRATSYS_RESPONSE_INVALID']]);
    expect(result.pull.failures[0]?.message).toMatch(
      /^GET scorecards\/50\/departments\/106\/nodes: response does not match the contract: Result\[1\]\.Id: node id \d+ is listed more than once \(first at Result\[0\]\)/,
    );
    expect(result.writeBack.heldBack.length).toBeGreaterThan(0);
    expect(harness.sim.kpiWrites().some((w) => w.departmentId === '106' || w.departmentId === '12')).toBe(false);
  });
});
