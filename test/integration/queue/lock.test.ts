import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { redisLock } from '../../../src/store/lock.js';
import { uniquePrefix } from '../../support/worker.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

describe('per-tenant evaluation lock (Redis)', () => {
  it('lets two replicas run their critical sections one after the other, never interleaved', async () => {
    const key = `${uniquePrefix()}:lock:evaluate`;
    const events: string[] = [];
    const section = (name: string) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      events.push(`${name} end`);
      return name;
    };
    const [a, b] = await Promise.all([redisLock(redis, key, { pollMs: 20 }).run(section('a')), redisLock(redis, key, { pollMs: 20 }).run(section('b'))]);
    expect([a, b]).toEqual(['a', 'b']);
    expect(events).toHaveLength(4);
    expect(events[0]?.replace(/ .*/, '')).toBe(events[1]?.replace(/ .*/, ''));
    expect(events[1]).toMatch(/end$/);
    expect(await redis.exists(key)).toBe(0);
  });

  it("is released when the section throws, and taken over after a dead holder's lease runs out", async () => {
    const key = `${uniquePrefix()}:lock:evaluate`;
    await expect(redisLock(redis, key).run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await redis.exists(key)).toBe(0);
    await redis.set(key, 'a-holder-that-died', 'PX', 300);
    await expect(redisLock(redis, key, { pollMs: 20, waitMs: 5_000 }).run(async () => 'taken over')).resolves.toBe('taken over');
  });

  it('gives up with a retryable error when the lock stays held', async () => {
    const key = `${uniquePrefix()}:lock:evaluate`;
    await redis.set(key, 'someone-else', 'PX', 10_000);
    await expect(redisLock(redis, key, { pollMs: 20, waitMs: 100 }).run(async () => 'never')).rejects.toMatchObject({ retryable: true });
    await redis.del(key);
  });
});
