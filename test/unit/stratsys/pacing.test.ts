import { describe, expect, it } from 'vitest';
import { localPacer } from '../../../src/stratsys/limiter.js';
import { pacedSeconds, planPacing } from '../../../src/stratsys/pacing.js';

/** Largest number of starts inside any window of `windowMs` (the tenant's sliding-window limiter). */
function busiestWindow(starts: number[], windowMs: number): number {
  let best = 0;
  let first = 0;
  for (let last = 0; last < starts.length; last += 1) {
    while ((starts[first] ?? 0) <= (starts[last] ?? 0) - windowMs) first += 1;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

describe('planPacing', () => {
  it('paces a margin below the limit, the interval rounded up to whole microseconds', () => {
    expect(planPacing(100, 2)).toEqual({ limitRps: 100, margin: 0.02, intervalMicros: 10_205, paceRps: 1_000_000 / 10_205 });
    expect(planPacing(300, 0).intervalMicros).toBe(3_334);
    expect(planPacing(300, 0).paceRps).toBeLessThanOrEqual(300);
  });

  it('takes a fractional limit', () => {
    const plan = planPacing(2.5, 0);
    expect(plan.intervalMicros).toBe(400_000);
    expect(pacedSeconds(plan, 11)).toBe(4);
    expect(planPacing(0.5, 10).intervalMicros).toBe(2_222_223);
  });

  it('refuses a limit or margin that cannot pace', () => {
    expect(() => planPacing(0)).toThrow(/positive/);
    expect(() => planPacing(Number.NaN)).toThrow(/positive/);
    expect(() => planPacing(10, 100)).toThrow(/margin/);
    expect(() => planPacing(10, -1)).toThrow(/margin/);
  });

  it('leaves room in every one-second window for starts that are late by a few milliseconds', () => {
    for (const limit of [5, 100, 300]) {
      const plan = planPacing(limit);
      const planned = Array.from({ length: limit * 10 }, (_, i) => (i * plan.intervalMicros) / 1000);
      // Every 7th start is held back 4 ms (a busy event loop) while the next ones start on time.
      const actual = planned.map((t, i) => (i % 7 === 0 ? t + 4 : t)).sort((a, b) => a - b);
      expect(busiestWindow(actual, 1000), `limit ${limit}`).toBeLessThanOrEqual(limit);
      const exact = planPacing(limit, 0);
      const atLimit = Array.from({ length: limit * 10 }, (_, i) => (i * exact.intervalMicros) / 1000).map((t, i) => (i % 7 === 0 ? t + 4 : t));
      if (limit >= 100)
        expect(
          busiestWindow(
            atLimit.sort((a, b) => a - b),
            1000,
          ),
          `limit ${limit} without margin`,
        ).toBeGreaterThan(limit);
    }
  });

  it('is what the local pacer spreads starts by', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = localPacer(
      planPacing(50, 2),
      () => now,
      async (ms) => void waits.push(ms),
    );
    for (let i = 0; i < 3; i += 1) await pacer.acquire();
    expect(waits).toEqual([20.409, 40.818]);
    now = 10_000;
    await pacer.acquire();
    expect(waits).toHaveLength(2);
  });
});
