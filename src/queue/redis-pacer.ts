import type { Redis } from 'ioredis';
import { realSleep, type Sleep } from '../shared/sleep.js';
import type { RatePacer } from '../stratsys/limiter.js';
import type { PacingPlan } from '../stratsys/pacing.js';

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

const COMMAND = 'stratsysReserveSlot';

type WithReserve = Redis & { [COMMAND]: (key: string, intervalMicros: string) => Promise<number | string> };

/**
 * The script as a defined command: ioredis sends it once per connection (EVALSHA after that; EVAL
 * again only when the server answers NOSCRIPT, e.g. after a restart), not its text per request.
 */
function reserveCommand(redis: Redis): WithReserve {
  const withReserve = redis as WithReserve;
  if (typeof withReserve[COMMAND] !== 'function') redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: RESERVE_SLOT });
  return withReserve;
}

/** A RatePacer shared by all replicas through one Redis key. While Redis is unreachable, requests wait for it. */
export function redisPacer(redis: Redis, key: string, plan: PacingPlan, sleep: Sleep = realSleep): RatePacer {
  const interval = String(plan.intervalMicros);
  const commands = reserveCommand(redis);
  return {
    async acquire() {
      const waitMicros = Number(await commands[COMMAND](key, interval));
      if (waitMicros > 0) await sleep(waitMicros / 1000);
    },
  };
}
