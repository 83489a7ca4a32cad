import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import type { UnitSnapshot } from '../../../src/snapshot/schema.js';
import { ActivitySchema, CommentSchema } from '../../../src/stratsys/schemas.js';
import { FACTS_FORMAT } from '../../../src/snapshot/facts.js';
import { redisSnapshotStore } from '../../../src/store/snapshot-store.js';
import { uniquePrefix } from '../../support/worker.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const unit = (pulledAt: string, requests: number) => ({ departmentId: '105', pullVersion: 2, pulledAt, scorecards: [], requests, roleHolders: {} });

describe('Redis snapshot store', () => {
  it('keeps the newest pull of a unit when an older one finishes later', async () => {
    const store = redisSnapshotStore(redis, uniquePrefix());
    await store.saveUnit(unit('2021-03-01T02:40:00.000Z', 2));
    await store.saveUnit(unit('2021-03-01T02:35:00.000Z', 1));
    expect(await store.loadUnits(['105'])).toMatchObject([{ pulledAt: '2021-03-01T02:40:00.000Z', requests: 2 }]);
    await store.saveUnit(unit('2021-03-01T03:00:00.000Z', 3));
    expect(await store.loadUnits()).toMatchObject([{ pulledAt: '2021-03-01T03:00:00.000Z', requests: 3 }]);
    expect(await store.loadUnits(['999'])).toEqual([]);
  });

  it('reads many units in batches, in the order asked, leaving out ids never stored', async () => {
    const store = redisSnapshotStore(redis, uniquePrefix());
    const ids = Array.from({ length: 60 }, (_, i) => String(200 + i));
    for (const id of ids) await store.saveUnit({ ...unit('2021-03-01T02:40:00.000Z', 1), departmentId: id });
    expect((await store.loadUnits()).map((u) => u.departmentId).sort()).toEqual(ids);
    const asked = [...ids].reverse().concat('999');
    expect((await store.loadUnits(asked)).map((u) => u.departmentId)).toEqual([...ids].reverse());
    expect(await store.loadUnits([])).toEqual([]);
  });

  it('keeps each unit facts with its snapshot, and derives them where a version without facts saved the unit', async () => {
    const prefix = uniquePrefix();
    const store = redisSnapshotStore(redis, prefix);
    const comment = CommentSchema.parse({ Id: 'c1', DepartmentId: '105', UserId: null, Text: '<p>Klart</p>', PeriodDate: '2020-12-31', PostedDate: '2021-01-10 10:00:00' });
    const row = ActivitySchema.parse({ Id: '11', DepartmentId: '105', StatusId: null, Name: 'A', EndDate: null, ScorecardColumns: null });
    const withText = (pulledAt: string) => ({
      ...unit(pulledAt, 1),
      scorecards: [{ scorecardId: '50', nodes: [], keywords: {}, descriptionFields: {}, activities: [row], comments: { '11': [comment] } }],
    });
    const textOf = (u: UnitSnapshot | undefined) => u?.scorecards[0]?.comments['11']?.[0]?.Text;
    await store.saveUnit(withText('2021-03-01T02:40:00.000Z'));
    await store.saveUnit(withText('2021-03-01T02:35:00.000Z'));
    const [facts] = await store.loadFacts(['105']);
    expect(facts?.pulledAt).toBe('2021-03-01T02:40:00.000Z');
    expect(textOf(facts)).toBe('');
    expect(textOf((await store.loadUnits(['105']))[0])).toBe('<p>Klart</p>');
    expect(await redis.hget(`${prefix}:snapshot:facts`, '105')).toContain('"storedFormat":2');
    // an older version saves a newer pull without facts: the stored facts are not of it
    await redis.hset(`${prefix}:snapshot:units`, '105', JSON.stringify(withText('2021-03-02T02:40:00.000Z')));
    await redis.hset(`${prefix}:snapshot:units:pulled-at`, '105', '2021-03-02T02:40:00.000Z');
    await redis.hset(`${prefix}:snapshot:units`, '106', JSON.stringify({ ...withText('2021-03-02T02:40:00.000Z'), departmentId: '106' }));
    await redis.hset(`${prefix}:snapshot:units:pulled-at`, '106', '2021-03-02T02:40:00.000Z');
    const derived = await store.loadFacts(['106', '105', '999']);
    expect(derived.map((u) => [u.departmentId, u.pulledAt, textOf(u)])).toEqual([
      ['106', '2021-03-02T02:40:00.000Z', ''],
      ['105', '2021-03-02T02:40:00.000Z', ''],
    ]);
    // facts of the current rule that cannot be read are refused; facts of an earlier rule are derived again
    await redis.hset(`${prefix}:snapshot:facts`, '106', `{"factsFormat":${FACTS_FORMAT},"storedFormat":2}`);
    await redis.hset(`${prefix}:snapshot:units:pulled-at`, '106', '2021-03-02T02:40:00.000Z');
    await expect(store.loadFacts(['106'])).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining(`${prefix}:snapshot:facts[106]`) });
    await redis.hset(`${prefix}:snapshot:facts`, '106', JSON.stringify({ storedFormat: 2, ...withText('2021-03-02T02:40:00.000Z'), departmentId: '106', requests: 77 }));
    expect((await store.loadFacts(['106'])).map((u) => [u.requests, textOf(u)])).toEqual([[1, '']]);
  });

  it('refuses a stored unit that no longer matches the schema, naming the key', async () => {
    const prefix = uniquePrefix();
    await redis.hset(`${prefix}:snapshot:units`, '105', JSON.stringify({ departmentId: '105' }));
    await expect(redisSnapshotStore(redis, prefix).loadUnits(['105'])).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining(`${prefix}:snapshot:units[105]`) });
  });

  it('parses the tenant data once per save: later loads reuse the parsed copy until any process saves again', async () => {
    const prefix = uniquePrefix();
    const worker = redisSnapshotStore(redis, prefix);
    const sweep = redisSnapshotStore(redis, prefix);
    const tenant = (pulledAt: string) => ({ application: null, departments: [], scorecards: [], columns: [], statuses: [], columnStatuses: {}, reportLists: {}, roleHolders: {}, pulledAt });
    expect(await worker.loadTenant()).toBeNull();
    await sweep.saveTenant(tenant('2021-03-01T02:30:00.000Z'));
    const first = await worker.loadTenant();
    expect(first?.pulledAt).toBe('2021-03-01T02:30:00.000Z');
    expect(await worker.loadTenant()).toBe(first);
    await sweep.saveTenant(tenant('2021-03-02T02:30:00.000Z'));
    const second = await worker.loadTenant();
    expect(second?.pulledAt).toBe('2021-03-02T02:30:00.000Z');
    expect(second).not.toBe(first);
    // a changed stamp re-reads and re-validates: stored data that no longer matches is refused, naming the key
    await redis
      .multi()
      .set(`${prefix}:snapshot:tenant`, JSON.stringify({ pulledAt: 1 }))
      .set(`${prefix}:snapshot:tenant:stamp`, 'other')
      .exec();
    await expect(worker.loadTenant()).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining(`${prefix}:snapshot:tenant`) });
  });

  it('lets the parsed tenant data go a minute after the last load, so an idle worker does not keep it', async () => {
    const prefix = uniquePrefix();
    const store = redisSnapshotStore(redis, prefix);
    await store.saveTenant({
      application: null,
      departments: [],
      scorecards: [],
      columns: [],
      statuses: [],
      columnStatuses: {},
      reportLists: {},
      roleHolders: {},
      pulledAt: '2021-03-01T02:30:00.000Z',
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const first = await store.loadTenant();
      vi.advanceTimersByTime(59_000);
      expect(await store.loadTenant()).toBe(first);
      vi.advanceTimersByTime(59_000);
      expect(await store.loadTenant()).toBe(first);
      vi.advanceTimersByTime(61_000);
      const again = await store.loadTenant();
      expect(again).not.toBe(first);
      expect(again).toEqual(first);
    } finally {
      vi.useRealTimers();
    }
  });
});
