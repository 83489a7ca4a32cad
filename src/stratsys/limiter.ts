import { realSleep, type Sleep } from '../shared/sleep.js';
import type { PacingPlan } from './pacing.js';

/**
 * Bounds the load on Stratsys: at most `maxConcurrency` requests in flight and request starts
 * spread evenly by a `PacingPlan` (a margin below the limit). A shared limiter (Redis, all
 * replicas) can replace the per-process pacing through the `RatePacer` interface.
 */
export interface RatePacer {
  /** Resolves when the caller may start one request. */
  acquire(): Promise<void>;
}

/** Even pacing in one process: reserves the next free start slot and waits for it. */
export function localPacer(plan: PacingPlan, now: () => number = Date.now, sleep: Sleep = realSleep): RatePacer {
  const intervalMs = plan.intervalMicros / 1000;
  let nextSlot = 0;
  return {
    async acquire() {
      const current = now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + intervalMs;
      if (slot > current) await sleep(slot - current);
    },
  };
}
