import type { Redis } from 'ioredis';
import type { RatePacer, Sleep } from '../stratsys/limiter.js';
import { realSleep } from '../stratsys/limiter.js';

/**
 * Reserves the next start slot in Redis (server time, microseconds): the slot is max(now, next)
 * and `next` moves on by one interval. Every replica shares one evenly paced request rate.
 */
const RESERVE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextSlot)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', 60000)
return slot - now
`;

/** A RatePacer shared by all replicas through one Redis key. While Redis is unreachable, requests wait for it. */
export function redisPacer(redis: Redis, key: string, maxRps: number, sleep: Sleep = realSleep): RatePacer {
  const intervalMicros = Math.floor(1_000_000 / maxRps);
  return {
    async acquire() {
      const waitMicros = Number(await redis.eval(RESERVE_SLOT, 1, key, String(intervalMicros)));
      if (waitMicros > 0) await sleep(waitMicros / 1000);
    },
  };
}
