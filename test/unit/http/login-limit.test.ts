import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../../src/http/page/login-limit.js';

describe('login limiter', () => {
  it('blocks a client after maxFailures in its window and lets it try again when the window ends', () => {
    let now = 0;
    const limiter = createLoginLimiter(() => now, { maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.retryAfterSeconds('a')).toBe(0);
      limiter.recordFailure('a');
    }
    expect(limiter.retryAfterSeconds('a')).toBe(60);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    now = 59_001;
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    now = 60_000;
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('keeps at most maxClients windows', () => {
    const limiter = createLoginLimiter(() => 0, { maxFailures: 1, maxClients: 100 });
    for (let i = 0; i < 1_000; i += 1) limiter.recordFailure(`client-${i}`);
    const blocked = Array.from({ length: 1_000 }, (_, i) => limiter.retryAfterSeconds(`client-${i}`) > 0).filter(Boolean).length;
    expect(blocked).toBe(100);
    expect(limiter.retryAfterSeconds('client-999')).toBeGreaterThan(0);
  });
});
