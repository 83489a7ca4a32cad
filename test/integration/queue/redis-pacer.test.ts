import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { redisPacer } from '../../../src/queue/redis-pacer.js';
import { uniquePrefix } from '../../support/worker.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

describe('Redis request pacer', () => {
  it('hands two replicas sharing a key evenly spaced start slots at the shared rate', async () => {
    const key = `${uniquePrefix()}:pacer`;
    const waits: number[] = [];
    const record = async (ms: number) => {
      waits.push(ms);
    };
    const a = redisPacer(redis, key, 50, record);
    const b = redisPacer(redis, key, 50, record);
    await Promise.all([...Array.from({ length: 25 }, () => a.acquire()), ...Array.from({ length: 25 }, () => b.acquire())]);
    // 50 starts at 50/s: slots 20 ms apart, so the last caller is told to wait about 49 × 20 ms.
    const longest = Math.max(...waits);
    expect(longest).toBeGreaterThan(49 * 20 - 200);
    expect(longest).toBeLessThanOrEqual(49 * 20);
    expect(waits.length).toBeGreaterThanOrEqual(48);
  });
});
