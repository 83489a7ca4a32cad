import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UnitSnapshot } from '../../../src/snapshot/schema.js';
import { decodeStoredUnit, encodeStoredUnit, STORED_UNIT_FORMAT } from '../../../src/snapshot/stored-unit.js';
import { CommentSchema } from '../../../src/stratsys/schemas.js';
import { fileSnapshotStore } from '../../../src/store/snapshot-store.js';

const comment = CommentSchema.parse({ Id: 'c1', DepartmentId: '105', UserId: 'u1', Text: '<p>Klart</p>', PeriodDate: '2020-12-31', PostedDate: '2021-01-10 10:00:00' });
const unit: UnitSnapshot = {
  departmentId: '105',
  pullVersion: 2,
  pulledAt: '2021-03-01T02:40:00.000Z',
  requests: 4,
  roleHolders: {},
  scorecards: [{ scorecardId: '50', nodes: [], keywords: {}, descriptionFields: {}, activities: [], comments: { '11': [comment] } }],
};

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
});
