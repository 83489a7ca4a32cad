import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
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

  it('refuses a stored unit that no longer matches the schema, naming the key', async () => {
    const prefix = uniquePrefix();
    await redis.hset(`${prefix}:snapshot:units`, '105', JSON.stringify({ departmentId: '105' }));
    await expect(redisSnapshotStore(redis, prefix).loadUnits(['105'])).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining(`${prefix}:snapshot:units[105]`) });
  });
});
