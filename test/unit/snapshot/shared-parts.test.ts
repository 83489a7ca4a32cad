import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveUnitFacts } from '../../../src/snapshot/facts.js';
import { createPartSharer } from '../../../src/snapshot/shared-parts.js';
import { fileSnapshotStore } from '../../../src/store/snapshot-store.js';
import { buildLargeSnapshot } from '../../support/builders.js';

/** Units as a store reads them: each parsed from its own JSON, so no part is shared yet. */
const parsedUnits = () => buildLargeSnapshot(3, 4).units.map((unit) => JSON.parse(JSON.stringify(unit)) as typeof unit);
const nodesOf = (units: ReturnType<typeof parsedUnits>) => units.flatMap((unit) => unit.scorecards.flatMap((card) => card.nodes));

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('parts repeated on every node, held once', () => {
  it('shares equal parts across the units of one load, frozen, and leaves every unit equal to what was read', () => {
    const units = parsedUnits();
    const before = structuredClone(units);
    const share = createPartSharer();
    const shared = units.map((unit) => share.unit(unit));
    expect(shared).toEqual(before);
    const nodes = nodesOf(shared);
    expect(nodes.length).toBeGreaterThan(6);
    const first = nodes[0];
    const sameScorecard = nodes.filter((node) => node.Scorecard.Id === first?.Scorecard.Id);
    expect(sameScorecard.length).toBeGreaterThan(1);
    expect(new Set(sameScorecard.map((node) => node.Scorecard)).size).toBe(1);
    expect(new Set(nodes.map((node) => node.Department)).size).toBe(new Set(nodes.map((node) => JSON.stringify(node.Department))).size);
    // A change to a shared part would change it for every node: it throws instead.
    expect(() => {
      if (first) (first.Department as { Name: string }).Name = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      if (first) (first.ScorecardColumn.Scorecard as { Name: string } | null)!.Name = 'changed';
    }).toThrow(TypeError);
  });

  it('shares the statuses a node may take element by element, each frozen', () => {
    const units = parsedUnits();
    const statuses = () => [
      { Id: '1', Name: 'Klar', IconUrl: null, SortOrder: 1, StatusType: 'Green' },
      { Id: '2', Name: 'Pågår', IconUrl: null, SortOrder: 2, StatusType: 'Yellow' },
    ];
    const [a, b] = nodesOf(units);
    a!.Statuses = statuses();
    b!.Statuses = [statuses()[1]!];
    const share = createPartSharer();
    units.forEach((unit) => share.unit(unit));
    expect(a!.Statuses![1]).toBe(b!.Statuses![0]);
    expect(a!.Statuses).toEqual(statuses());
    expect(() => {
      (a!.Statuses![0] as { Name: string }).Name = 'changed';
    }).toThrow(TypeError);
  });

  it('never shares parts that differ', () => {
    const units = parsedUnits();
    const node = units[0]?.scorecards[0]?.nodes[0];
    if (node) node.Department = { ...node.Department, Name: 'Ett annat namn' };
    const share = createPartSharer();
    const nodes = nodesOf(units.map((unit) => share.unit(unit)));
    const renamed = nodes.filter((n) => n.Department.Name === 'Ett annat namn');
    expect(renamed).toHaveLength(1);
    expect(nodes.filter((n) => n.Department.Id === renamed[0]?.Department.Id && n.Department !== renamed[0]?.Department).every((n) => n.Department.Name !== 'Ett annat namn')).toBe(true);
  });

  it('is what the file store hands out as facts: equal to the facts derived, parts shared between units', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shared-parts-'));
    const store = fileSnapshotStore(dir);
    const units = parsedUnits();
    for (const unit of units) await store.saveUnit(unit);
    const facts = await store.loadFacts(units.map((unit) => unit.departmentId));
    expect(facts).toEqual(units.map(deriveUnitFacts));
    const scorecards = nodesOf(facts).map((node) => node.Scorecard);
    expect(new Set(scorecards).size).toBe(new Set(scorecards.map((s) => s.Id)).size);
  });
});
