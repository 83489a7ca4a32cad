import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UnitSnapshot } from '../../../src/snapshot/schema.js';
import { decodeStoredFacts, decodeStoredUnit, encodeStoredFacts, encodeStoredUnit, STORED_UNIT_FORMAT } from '../../../src/snapshot/stored-unit.js';
import { ActivitySchema, CommentSchema } from '../../../src/stratsys/schemas.js';
import { deriveUnitFacts, FACTS_FORMAT } from '../../../src/snapshot/facts.js';
import { fileSnapshotStore } from '../../../src/store/snapshot-store.js';
import { idFileName } from '../../../src/shared/ids.js';
import { createPartSharer } from '../../../src/snapshot/shared-parts.js';
import { buildLargeSnapshot } from '../../support/builders.js';

const comment = CommentSchema.parse({ Id: 'c1', DepartmentId: '105', UserId: 'u1', Text: '<p>Klart</p>', PeriodDate: '2020-12-31', PostedDate: '2021-01-10 10:00:00' });
const statement = CommentSchema.parse({ Id: 'c2', DepartmentId: '105', UserId: 'u1', Text: 'Inga projekt', PeriodDate: '2020-12-31', PostedDate: '2021-01-10 10:00:00' });
const row = ActivitySchema.parse({ Id: '11', DepartmentId: '105', StatusId: null, Name: 'Aktivitet', EndDate: null, ScorecardColumns: null });
const unit: UnitSnapshot = {
  departmentId: '105',
  pullVersion: 2,
  pulledAt: '2021-03-01T02:40:00.000Z',
  requests: 4,
  roleHolders: {},
  scorecards: [{ scorecardId: '50', nodes: [], keywords: {}, descriptionFields: {}, activities: [row], comments: { '11': [comment], '99': [statement] } }],
};
const factsOf = (u: UnitSnapshot) => ({ ...u, scorecards: u.scorecards.map((c) => ({ ...c, comments: { '11': [{ ...comment, Text: '' }], '99': [statement] } })) });

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('stored unit records', () => {
  it('are validated when written and read back equal, marked with the stored format', () => {
    const text = encodeStoredUnit(unit);
    expect(JSON.parse(text)).toMatchObject({ storedFormat: STORED_UNIT_FORMAT, departmentId: '105' });
    expect(decodeStoredUnit(text, 'units/105.json')).toEqual(unit);
  });

  it('refuses to write a pull that does not match the snapshot schema', () => {
    expect(() => encodeStoredUnit({ ...unit, pulledAt: 7 } as unknown as UnitSnapshot)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining('unit 105') }));
  });

  it('reads a record written before the stored format existed through the full schema (defaults filled in)', () => {
    const legacy = JSON.stringify({ departmentId: '105', pulledAt: unit.pulledAt, scorecards: [{ scorecardId: '50', nodes: [], activities: [], comments: {} }] });
    expect(decodeStoredUnit(legacy, 'units/105.json')).toEqual({
      departmentId: '105',
      pullVersion: 1,
      pulledAt: unit.pulledAt,
      requests: 0,
      roleHolders: {},
      scorecards: [{ scorecardId: '50', nodes: [], keywords: {}, descriptionFields: {}, activities: [], comments: {} }],
    });
    expect(() => decodeStoredUnit(JSON.stringify({ departmentId: '105' }), 'units/105.json')).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INVALID' }));
  });

  it.each([
    ['not JSON', '{"storedFormat":2,', 'not valid JSON'],
    ['a scorecard without its comments', JSON.stringify({ storedFormat: 2, ...unit, scorecards: [{ ...unit.scorecards[0], comments: undefined }] }), 'does not match'],
    ['comments that are not lists', JSON.stringify({ storedFormat: 2, ...unit, scorecards: [{ ...unit.scorecards[0], comments: { '11': 'x' } }] }), 'does not match'],
    ['a node that is not an object', JSON.stringify({ storedFormat: 2, ...unit, scorecards: [{ ...unit.scorecards[0], nodes: [null] }] }), 'does not match'],
    ['no pull time', JSON.stringify({ storedFormat: 2, ...unit, pulledAt: null }), 'does not match'],
    ['of another version of the tool (a newer replica, mid-deploy)', JSON.stringify({ ...unit, storedFormat: 3 }), 'stored pull of another version of the tool \\(storedFormat 3; this one reads 2\\)'],
  ])('refuses a marked record that is %s, naming where it is', (_what, text, message) => {
    expect(() => decodeStoredUnit(text, 'units/105.json')).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INVALID', message: expect.stringMatching(new RegExp(`^units/105.json: .*${message}`)) }));
  });

  it('the file store writes marked records and still reads records of the earlier format', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stored-unit-'));
    const store = fileSnapshotStore(dir);
    await store.saveUnit(unit);
    expect(JSON.parse(readFileSync(path.join(dir, 'snapshots', 'units', '105.json'), 'utf8'))).toHaveProperty('storedFormat', STORED_UNIT_FORMAT);
    writeFileSync(path.join(dir, 'snapshots', 'units', '106.json'), JSON.stringify({ ...unit, departmentId: '106' }));
    expect(await store.loadUnits()).toEqual([unit, { ...unit, departmentId: '106' }]);
  });

  it('facts leave out the texts of the activities follow-ups and keep the rest, statement texts included', () => {
    expect(deriveUnitFacts(unit)).toEqual(factsOf(unit));
    expect(unit.scorecards[0]?.comments['11']?.[0]?.Text).toBe('<p>Klart</p>');
  });

  it('the file store keeps facts beside each unit and derives them where there are none or they are older than the snapshot', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stored-unit-'));
    const store = fileSnapshotStore(dir);
    await store.saveUnit(unit);
    const factsFile = path.join(dir, 'snapshots', 'facts', '105.json');
    expect(JSON.parse(readFileSync(factsFile, 'utf8'))).toMatchObject({ storedFormat: STORED_UNIT_FORMAT, scorecards: [{ comments: { '11': [{ Id: 'c1', Text: '' }] } }] });
    expect(await store.loadFacts(['105', '999'])).toEqual([factsOf(unit)]);
    // a unit stored before facts existed
    writeFileSync(path.join(dir, 'snapshots', 'units', '106.json'), JSON.stringify({ ...unit, departmentId: '106' }));
    expect(await store.loadFacts(['106'])).toEqual([factsOf({ ...unit, departmentId: '106' })]);
    // a snapshot written after its facts (by a version without facts): the facts are not of that pull
    const newer = { ...unit, pulledAt: '2021-03-02T02:40:00.000Z' };
    writeFileSync(path.join(dir, 'snapshots', 'units', '105.json'), JSON.stringify(newer));
    expect(await store.loadFacts(['105'])).toEqual([factsOf(newer)]);
    // facts that cannot be read are refused, naming the file, never taken as empty
    await store.saveUnit(unit);
    writeFileSync(factsFile, `{"factsFormat":${FACTS_FORMAT},"storedFormat":2,"departmentId":"105"}`);
    await expect(store.loadFacts(['105'])).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining(factsFile) });
    writeFileSync(factsFile, 'not json');
    await expect(store.loadFacts(['105'])).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining(factsFile) });
  });

  it('the file store pairs facts with the pull at the head of the unit record, never by file times', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stored-unit-'));
    const store = fileSnapshotStore(dir);
    const factsFile = path.join(dir, 'snapshots', 'facts', '105.json');
    const marked = (u: UnitSnapshot, requests: number) => encodeStoredFacts({ ...deriveUnitFacts(u), requests });
    await store.saveUnit(unit);
    // facts of this very pull are read from their file (here marked by their request count)
    writeFileSync(factsFile, marked(unit, 77));
    expect((await store.loadFacts(['105']))[0]?.requests).toBe(77);
    // two processes saving one unit: pull B's record beside pull A's facts, written last
    const pullB = { ...unit, pulledAt: '2021-03-02T02:40:00.000Z', scorecards: [] };
    await store.saveUnit(pullB);
    writeFileSync(factsFile, marked(unit, 77));
    expect(await store.loadFacts(['105'])).toEqual([factsOf(pullB)]);
    // facts made under another version of the facts rule (none: before it had versions) are derived again
    writeFileSync(factsFile, encodeStoredUnit({ ...deriveUnitFacts(pullB), requests: 77 }));
    expect(decodeStoredFacts(readFileSync(factsFile, 'utf8'), factsFile)).toBeNull();
    expect(await store.loadFacts(['105'])).toEqual([factsOf(pullB)]);
    // an id with quotes and backslashes (escaped in the record's head) still pairs its facts
    const odd = { ...unit, departmentId: 'a"b\\c' };
    await store.saveUnit(odd);
    writeFileSync(path.join(dir, 'snapshots', 'facts', `${idFileName(odd.departmentId)}.json`), marked(odd, 78));
    expect((await store.loadFacts([odd.departmentId]))[0]?.requests).toBe(78);
  });
});

describe('stored facts records', () => {
  const large = buildLargeSnapshot(3, 4).units;

  it('hold each part repeated on nodes and comments once, read back equal to the facts and shared across a load', () => {
    const facts = large.map(deriveUnitFacts);
    const texts = facts.map(encodeStoredFacts);
    const record = JSON.parse(texts[0]!) as { factsFormat: number; parts: unknown[]; scorecards: Array<{ nodes: Array<{ Department: unknown }> }> };
    expect(record.factsFormat).toBe(FACTS_FORMAT);
    const department = JSON.stringify(facts[0]!.scorecards[0]!.nodes[0]!.Department);
    expect(texts[0]!.split(department)).toHaveLength(2);
    expect(record.scorecards[0]!.nodes.every((node) => Number.isInteger(node.Department))).toBe(true);
    // Smaller than the same facts with every part in place.
    const inPlace = facts.map((f) => encodeStoredUnit(f).length).reduce((a, b) => a + b, 0);
    expect(texts.map((t) => t.length).reduce((a, b) => a + b, 0)).toBeLessThan(inPlace * 0.8);
    const share = createPartSharer();
    const read = texts.map((text, i) => decodeStoredFacts(text, `facts/${i}.json`, share));
    expect(read).toEqual(facts);
    const scorecards = read.flatMap((unit) => unit!.scorecards.flatMap((card) => card.nodes.map((node) => node.Scorecard)));
    expect(new Set(scorecards).size).toBe(new Set(scorecards.map((s) => s.Id)).size);
    expect(Object.isFrozen(scorecards[0])).toBe(true);
  });

  it('are refused, naming the record and the field, when they name a part they do not hold; facts of the earlier record are derived again', () => {
    const text = encodeStoredFacts(deriveUnitFacts(large[0]!));
    const record = JSON.parse(text) as { parts: unknown[]; scorecards: Array<{ nodes: Array<Record<string, unknown>> }> };
    const refusal = (change: (r: typeof record) => void) => {
      const copy = structuredClone(record);
      change(copy);
      return () => decodeStoredFacts(JSON.stringify(copy), 'facts/1000.json');
    };
    expect(
      refusal((r) => {
        r.scorecards[0]!.nodes[0]!.ScorecardColumn = r.parts.length;
      }),
    ).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_INVALID', message: expect.stringMatching(/^facts\/1000\.json: stored facts do not match .*its ScorecardColumn \d+ is not one of its \d+ parts/) }),
    );
    expect(
      refusal((r) => {
        r.scorecards[0]!.nodes[0]!.Department = { Id: 'in place' };
      }),
    ).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining('its Department {"Id":"in place"}') }));
    expect(
      refusal((r) => {
        delete (r as { parts?: unknown }).parts;
      }),
    ).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining('its parts are missing') }));
    // Facts stored by the previous version (every part in place, factsFormat 1): derived again, never misread.
    expect(decodeStoredFacts(`{"factsFormat":1,${encodeStoredUnit(deriveUnitFacts(large[0]!)).slice(1)}`, 'facts/1000.json')).toBeNull();
  });
});
