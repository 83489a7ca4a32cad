import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { redisPacer } from '../../../src/queue/redis-pacer.js';
import { planPacing } from '../../../src/stratsys/pacing.js';
import { uniquePrefix } from '../../support/worker.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

/** Calls of one Redis command since the server started (INFO commandstats). */
async function calls(client: Redis, command: string): Promise<number> {
  const info = await client.info('commandstats');
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
}

describe('Redis request pacer', () => {
  it('hands two replicas sharing a key evenly spaced start slots at the planned rate', async () => {
    const key = `${uniquePrefix()}:pacer`;
    const waits: number[] = [];
    const record = async (ms: number) => {
      waits.push(ms);
    };
    const plan = planPacing(50, 2);
    const a = redisPacer(redis, key, plan, record);
    const b = redisPacer(redis, key, plan, record);
    await Promise.all([...Array.from({ length: 25 }, () => a.acquire()), ...Array.from({ length: 25 }, () => b.acquire())]);
    // 50 starts at 49/s: slots 20.409 ms apart, so the last caller is told to wait about 49 × 20.409 ms.
    const longest = Math.max(...waits);
    expect(longest).toBeGreaterThan(49 * 20.409 - 200);
    expect(longest).toBeLessThanOrEqual(49 * 20.409);
    expect(waits.length).toBeGreaterThanOrEqual(48);
  });

  it('takes a fractional limit', async () => {
    const key = `${uniquePrefix()}:pacer`;
    const waits: number[] = [];
    const pacer = redisPacer(redis, key, planPacing(2.5, 0), async (ms) => void waits.push(ms));
    await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
    expect(Math.max(...waits)).toBeGreaterThan(800 - 100);
    // Two intervals at most, give or take the server clock: Redis' TIME is wall-clock time, seen to
    // read a few microseconds earlier in a later script (a wait of 800.002 ms).
    expect(Math.max(...waits)).toBeLessThanOrEqual(800 + 1);
  });

  it('sends the script once per connection and EVALSHA after that, again after SCRIPT FLUSH', async () => {
    const own = new Redis(inject('redisUrl'));
    try {
      const key = `${uniquePrefix()}:pacer`;
      const pacer = redisPacer(own, key, planPacing(10_000, 0), async () => undefined);
      const [evalBefore, shaBefore] = [await calls(own, 'eval'), await calls(own, 'evalsha')];
      for (let i = 0; i < 20; i += 1) await pacer.acquire();
      expect(await calls(own, 'evalsha')).toBeGreaterThanOrEqual(shaBefore + 19);
      expect(await calls(own, 'eval')).toBeLessThanOrEqual(evalBefore + 1);
      await own.script('FLUSH');
      const evalFlushed = await calls(own, 'eval');
      for (let i = 0; i < 5; i += 1) await pacer.acquire();
      expect(await calls(own, 'eval')).toBe(evalFlushed + 1);
      // A second pacer on the same connection reuses the defined command.
      await redisPacer(own, key, planPacing(10_000, 0), async () => undefined).acquire();
      expect(await calls(own, 'eval')).toBe(evalFlushed + 1);
    } finally {
      own.disconnect();
    }
  });
});
