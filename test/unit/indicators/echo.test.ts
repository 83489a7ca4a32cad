import { describe, expect, it } from 'vitest';
import { decimalsOf, isUnchanged, judgeEcho, roundTo } from '../../../src/indicators/echo.js';
import { rememberWrites } from '../../../src/indicators/write-memory.js';
import type { AuditEntry } from '../../../src/store/audit-log.js';

describe('judging the echo of PUT kpidata', () => {
  it.each([
    ['exact', 71.4, 50, 71.4, { outcome: 'applied', rounded: false }],
    ['float noise', 33.3, null, 33.300000000000004, { outcome: 'applied', rounded: false }],
    ['rounded to whole numbers', 71.4, 50, 71, { outcome: 'applied', rounded: true, decimals: 0 }],
    ['rounded to one decimal', 66.666, null, 66.7, { outcome: 'applied', rounded: true, decimals: 1 }],
    ['rounded half up', 66.65, null, 66.7, { outcome: 'applied', rounded: true, decimals: 1 }],
    ['rounded, equal to the old value too', 71.4, 71, 71, { outcome: 'applied', rounded: true, decimals: 0 }],
    ['locked: the old value', 75, 50, 50, { outcome: 'rejected', reason: 'locked' }],
    ['locked: nothing stored before', 75, null, null, { outcome: 'rejected', reason: 'locked' }],
    ['another value', 75, 50, 60, { outcome: 'rejected', reason: 'other-value' }],
  ] as const)('%s', (_case, sent, before, echo, verdict) => {
    expect(judgeEcho(sent, before, echo)).toMatchObject(verdict);
  });

  it('counts decimals and rounds half away from zero', () => {
    expect([decimalsOf(71), decimalsOf(71.4), decimalsOf(0.125), decimalsOf(1e-7)]).toEqual([0, 1, 3, 7]);
    expect([roundTo(66.65, 1), roundTo(-0.5, 0), roundTo(2.675, 2), roundTo(1250000, 0)]).toEqual([66.7, -1, 2.68, 1250000]);
  });

  it('takes a stored value as ours only at a precision the column was seen to keep', () => {
    expect(isUnchanged(71, 71.4, null)).toBe(false); // a one-decimal column may hold 71.0
    expect(isUnchanged(71, 71.4, 0)).toBe(true);
    expect(isUnchanged(71, 71.6, 0)).toBe(false);
    expect(isUnchanged(null, 0, 0)).toBe(false);
  });
});

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  runId: 'r1',
  at: '2021-03-01T00:00:00.000Z',
  attemptId: 'a1',
  kpiId: '9005',
  departmentId: '12',
  column: 'id 90050',
  date: '2020-12-31',
  before: null,
  sent: 66.7,
  after: null,
  outcome: 'intent',
  rounded: false,
  decimals: null,
  note: null,
  indicatorKey: 'share',
  ...overrides,
});

describe('what the audit log remembers', () => {
  it("learns a column's decimals from the latest applied write and forgets them after an exact one", () => {
    const key = '9005|12|id 90050|2020-12-31';
    expect(rememberWrites([entry({}), entry({ outcome: 'applied', after: 67, rounded: true, decimals: 0 })]).decimals.get(key)).toBe(0);
    expect(rememberWrites([entry({ outcome: 'applied', rounded: true, decimals: 0 }), entry({ attemptId: 'a2', outcome: 'applied', sent: 66.7, after: 66.7 })]).decimals.has(key)).toBe(false);
  });

  it('keeps an attempt pending while it has only its intent or an unknown outcome of its own run', () => {
    expect(rememberWrites([entry({})]).pending.size).toBe(1);
    expect(rememberWrites([entry({}), entry({ outcome: 'unknown' })]).pending.size).toBe(1);
    expect(rememberWrites([entry({}), entry({ outcome: 'unknown' }), entry({ runId: 'r2', outcome: 'unknown', note: 'not found applied' })]).pending.size).toBe(0);
    expect(rememberWrites([entry({}), entry({ outcome: 'applied', after: 66.7 })]).pending.size).toBe(0);
  });
});
