import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { redisStatusStore, type UnitStatus } from '../../../src/store/status-store.js';
import { uniquePrefix } from '../../support/worker.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const status = (unitId: string, outcome: UnitStatus['outcome']): UnitStatus => ({
  unitId,
  runId: 'r1',
  at: '2021-03-01T02:40:00.000Z',
  outcome,
  lastGoodPullAt: null,
  requests: 3,
  error: outcome === 'failed' ? 'timeout' : null,
});
const ids = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, '0')}`);

describe('a page of unit statuses (GET /status)', () => {
  it('lists the failed units first, then pages through every unit once in id order, with counts for the rest', async () => {
    const store = redisStatusStore(redis, uniquePrefix());
    for (const id of ids) await store.recordUnit(status(id, ['u007', 'u180', 'u249'].includes(id) ? 'failed' : 'ok'));
    const first = await store.unitPage({ offset: 0, limit: 100 });
    expect(first.counts).toEqual({ total: 250, ok: 247, failed: 3 });
    expect(first.units.slice(0, 3).map((u) => `${u.unitId}:${u.outcome}`)).toEqual(['u007:failed', 'u180:failed', 'u249:failed']);
    expect(first.units).toHaveLength(102);
    expect(first.next).toBe(100);
    const seen = new Set<string>();
    for (let offset: number | null = 0; offset !== null;) {
      const page = await store.unitPage({ offset, limit: 100 });
      for (const unit of page.units.slice(page.counts.failed)) seen.add(unit.unitId);
      offset = page.next;
    }
    expect([...seen].sort()).toEqual(ids.filter((id) => !['u007', 'u180', 'u249'].includes(id)));
    // a failed unit imported again leaves the failed list
    await store.recordUnit(status('u180', 'ok'));
    expect((await store.unitPage({ offset: 0, limit: 2 })).units.map((u) => u.unitId)).toEqual(['u007', 'u249', 'u000', 'u001']);
  });

  it('indexes statuses stored before the page existed, once, from the stored hash', async () => {
    const prefix = uniquePrefix();
    await redis.hset(`${prefix}:status:units`, 'b', JSON.stringify(status('b', 'ok')), 'a', JSON.stringify(status('a', 'failed')), 'c', JSON.stringify(status('c', 'ok')));
    const page = await redisStatusStore(redis, prefix).unitPage({ offset: 0, limit: 1 });
    expect(page).toMatchObject({ counts: { total: 3, ok: 2, failed: 1 }, next: 1 });
    expect(page.units.map((u) => u.unitId)).toEqual(['a']);
    expect((await redisStatusStore(redis, prefix).unitPage({ offset: 1, limit: 5 })).units.map((u) => u.unitId)).toEqual(['a', 'b', 'c']);
  });

  it('takes a stored status that cannot be read as a failed import, never as current', async () => {
    const prefix = uniquePrefix();
    await redis.hset(`${prefix}:status:units`, 'a', JSON.stringify(status('a', 'ok')), 'b', '{not json', 'c', JSON.stringify({ unitId: 'c', outcome: 'ok' }));
    const store = redisStatusStore(redis, prefix);
    expect((await store.units()).map((u) => [u.unitId, u.outcome])).toEqual([
      ['a', 'ok'],
      ['b', 'failed'],
      ['c', 'failed'],
    ]);
    expect((await store.unitPage({ offset: 0, limit: 5 })).units.find((u) => u.unitId === 'b')?.outcome).toBe('failed');
  });
});
