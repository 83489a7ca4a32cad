import { parseMappingText } from '../src/mapping/file/parse.js';
import type { ProgrammeMapping } from '../src/mapping/file/schema.js';
import { buildProgrammeView } from '../src/mapping/engine/programme-view.js';
import { assess } from '../src/pipeline/evaluate.js';
import { generateLargeTenant } from '../src/sim/tenants/large-tenant.js';
import { snapshotFromFixture } from '../src/sim/to-snapshot.js';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3, minimumFractionDigits: 3 });

/** A full collection, where the bench runs with `--expose-gc` (npm run bench): each timing then starts without the last one's garbage. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function medianSeconds(fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    collect();
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return (times.sort((a, b) => a - b)[2] ?? 0) / 1000;
}

/**
 * In-process measurements (the bench's own process, no HTTP): mapping alone and mapping +
 * evaluation + indicators on a tenant of `nodes` activities, and mapping validation of a flat map
 * at two sizes (linear growth expected). Median of 5 after a warm-up, each after a full collection
 * where `gc` is exposed (a run evaluates once, not on top of a previous evaluation's garbage).
 */
export function mappingRows(mapping: ProgrammeMapping, nodes: number, asOf: string): Array<[string, string]> {
  // Through JSON, as a run reads its units (from Stratsys' answers, then from the store): the
  // simulator's own objects hold concatenated strings, which V8 flattens on first read, a cost no run has.
  const built = snapshotFromFixture(generateLargeTenant({ units: 200, activities: nodes, comments: nodes, kpiValues: 0 }), { tenantId: 'bench', pulledAt: new Date().toISOString() });
  const big = JSON.parse(JSON.stringify(built)) as typeof built;
  const rows = big.units.reduce((sum, u) => sum + u.scorecards.reduce((s, c) => s + c.nodes.length, 0), 0);
  const options = { year: 2020, asOf, timeZone: 'Europe/Stockholm' };
  const flat = (keys: number) => Array.from({ length: keys }, (_, i) => `k${i}: v`).join('\n');
  const small = medianSeconds(() => parseMappingText(flat(10_000), 'bench.yaml'));
  const large = medianSeconds(() => parseMappingText(flat(40_000), 'bench.yaml'));
  return [
    [
      `in process: mapping alone, ${rows} node rows (${nodes} activities, ${nodes} comments), median of 5`,
      `${fmt(medianSeconds(() => buildProgrammeView(big, mapping, { timeZone: options.timeZone })))} s`,
    ],
    ['in process: mapping + evaluation + indicators, same tenant', `${fmt(medianSeconds(() => assess(big, mapping, options)))} s`],
    ['in process: validation of a flat map, 40,000 keys ÷ 10,000 keys (4 = linear)', `${fmt(small)} s, ${fmt(large)} s: ${fmt(large / small)}`],
  ];
}
