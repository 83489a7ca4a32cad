import { describe, expect, it } from 'vitest';
import { localPacer } from '../../../src/stratsys/limiter.js';
import { planPacing } from '../../../src/stratsys/pacing.js';
import { backoffDelayMs, parseRetryAfter } from '../../../src/stratsys/retry-timing.js';

describe('localPacer', () => {
  it('spreads request starts evenly at the configured rate', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pacer = localPacer(
      planPacing(4, 0),
      () => now,
      async (ms) => {
        waits.push(ms);
      },
    );
    for (let i = 0; i < 4; i += 1) await pacer.acquire();
    expect(waits).toEqual([250, 500, 750]);
    now += 2_000; // idle time is not banked as a burst
    await pacer.acquire();
    await pacer.acquire();
    expect(waits.slice(3)).toEqual([250]);
  });
});

describe('retry timing', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1_500],
    ['Mon, 01 Mar 2021 08:00:30 GMT', 30_000],
    ['Mon, 01 Mar 2021 07:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [undefined, null],
  ])('parses Retry-After %j', (header, expected) => {
    expect(parseRetryAfter(header, new Date('2021-03-01T08:00:00Z'))).toBe(expected);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelayMs(attempt, () => 0.999_999))).toEqual([249, 499, 999, 1999]);
    expect(backoffDelayMs(20, () => 0.999_999)).toBe(9_999);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
  });
});
