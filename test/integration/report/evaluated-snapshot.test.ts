import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { assessStored } from '../../../src/pipeline/stored.js';
import { writeRunReports } from '../../../src/report/write.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * A run keeps which pulls it evaluated, not the units' nodes and comments, while it writes its
 * report: the texts come from the store again. The files are those of the full snapshot.
 */

let harness: SimHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function files(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder)
      .filter((name) => !name.endsWith('.xlsx'))
      .sort()
      .map((name) => {
        const bytes = readFileSync(path.join(folder, name));
        return [name, (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')] as const;
      }),
  );
}

describe('the snapshot a run keeps once evaluated', () => {
  it('holds of each unit only which pull it was, and the report from it is the report of the full stored snapshot', async () => {
    const h = (harness = await startSimHarness());
    const mapping = selectPeriod(await loadMappings('mappings'), 2020);
    const result = await h.run();
    const units = result.snapshot!.units;
    expect(units.length).toBeGreaterThan(3);
    for (const unit of units) expect(Object.keys(unit).sort()).toEqual(['departmentId', 'pullVersion', 'pulledAt', 'roleHolders']);

    // The same run made from the full stored snapshot, held whole (no store read for texts).
    const deps = h.deps();
    const full = await assessStored(deps, mapping, { year: result.year, asOf: result.asOf }, result.pull.failures);
    full.snapshot.pulledAt = result.snapshot!.pulledAt;
    expect(full.snapshot.units.every((unit) => unit.scorecards.length > 0)).toBe(true);
    dir = mkdtempSync(path.join(os.tmpdir(), 'evaluated-snapshot-'));
    await writeRunReports(path.join(dir, 'refs'), result, { mapping });
    await writeRunReports(path.join(dir, 'full'), { ...result, snapshot: full.snapshot, assessment: full.assessment, loadFullUnits: undefined }, { mapping });

    const folder = (which: string) => path.join(dir!, which, 'default', '2020', 'runs', result.runId);
    const fromRefs = files(folder('refs'));
    const fromFull = files(folder('full'));
    expect([...fromRefs.keys()]).toEqual([...fromFull.keys()]);
    expect(fromRefs.get('arsrapport-2020.html')).toContain('class="follow-up"');
    for (const [name, content] of fromRefs) expect(content, name).toBe(fromFull.get(name));

    // Without the store to read them from, the units' snapshots are not there: no report, rather than one without them.
    await expect(writeRunReports(path.join(dir, 'none'), { ...result, loadFullUnits: undefined }, { mapping })).rejects.toThrow(/holds no full snapshot of it/);
    expect(readdirSync(path.join(dir, 'none', 'default', '2020', 'runs'))).toEqual([]);
  }, 60_000);
});
