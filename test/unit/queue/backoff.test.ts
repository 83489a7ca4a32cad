import { describe, expect, it } from 'vitest';
import { jobBackoffMs } from '../../../src/queue/backoff.js';
import { safeIdPart } from '../../../src/shared/ids.js';
import { StratsysHttpError } from '../../../src/stratsys/errors.js';

describe('job backoff', () => {
  it('doubles from the base delay with jitter in the upper half', () => {
    expect(jobBackoffMs(1, 1_000, new Error('x'), () => 0)).toBe(500);
    expect(jobBackoffMs(1, 1_000, new Error('x'), () => 1)).toBe(1_000);
    expect(jobBackoffMs(3, 1_000, new Error('x'), () => 1)).toBe(4_000);
  });

  it('never waits less than a Retry-After Stratsys asked for', () => {
    const limited = new StratsysHttpError('STRATSYS_RATE_LIMITED', { method: 'GET', path: 'departments' }, { status: 429, retryAfterMs: 120_000, retryable: true });
    expect(jobBackoffMs(1, 1_000, limited, () => 1)).toBe(120_000);
  });
});

describe('job ids', () => {
  it('never contain a colon', () => {
    expect(safeIdPart('repeat:nightly-sync:1700000000000')).toBe('repeat_nightly-sync_1700000000000');
  });
});
