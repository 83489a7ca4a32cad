import { describe, expect, it } from 'vitest';
import { cadenceStep, mostAdvancedKind, type AlertPolicy } from '../../../src/alerts/cadence.js';

describe('cadenceStep', () => {
  const defaults: AlertPolicy = { reminderEveryDays: 7, escalateAfterDays: 30 };

  it.each([
    { day: null, expected: null },
    { day: 0, expected: null },
    { day: 1, expected: { id: 'r0', kind: 'first', reminder: 0, isEscalated: false } },
    { day: 7, expected: { id: 'r0', kind: 'first', reminder: 0, isEscalated: false } },
    { day: 8, expected: { id: 'r1', kind: 'reminder', reminder: 1, isEscalated: false } },
    { day: 14, expected: { id: 'r1', kind: 'reminder', reminder: 1, isEscalated: false } },
    { day: 15, expected: { id: 'r2', kind: 'reminder', reminder: 2, isEscalated: false } },
    { day: 29, expected: { id: 'r4', kind: 'reminder', reminder: 4, isEscalated: false } },
    { day: 30, expected: { id: 'r4', kind: 'reminder', reminder: 4, isEscalated: false } },
    { day: 31, expected: { id: 'r4e', kind: 'escalation', reminder: 4, isEscalated: true } },
    { day: 35, expected: { id: 'r4e', kind: 'escalation', reminder: 4, isEscalated: true } },
    { day: 36, expected: { id: 'r5e', kind: 'escalation', reminder: 5, isEscalated: true } },
  ])('day $day with the defaults → $expected.id', ({ day, expected }) => {
    expect(cadenceStep(day, defaults)).toEqual(expected);
  });

  it.each([
    { policy: { reminderEveryDays: 1, escalateAfterDays: 3 }, day: 3, id: 'r2' },
    { policy: { reminderEveryDays: 1, escalateAfterDays: 3 }, day: 4, id: 'r3e' },
    { policy: { reminderEveryDays: 14, escalateAfterDays: 10 }, day: 11, id: 'r0e' },
    { policy: { reminderEveryDays: 14, escalateAfterDays: 10 }, day: 15, id: 'r1e' },
  ])('custom policy $policy on day $day → $id', ({ policy, day, id }) => {
    expect(cadenceStep(day, policy)?.id).toBe(id);
  });

  it('uses the mapping defaults (7 / 30) when no policy is given', () => {
    expect(cadenceStep(8)?.id).toBe('r1');
    expect(cadenceStep(31)?.isEscalated).toBe(true);
  });

  it('rejects a policy that is not whole days ≥ 1', () => {
    expect(() => cadenceStep(3, { reminderEveryDays: 0, escalateAfterDays: 30 })).toThrow(/reminderEveryDays/);
    expect(() => cadenceStep(3, { reminderEveryDays: 7, escalateAfterDays: 1.5 })).toThrow(/escalateAfterDays/);
  });
});

describe('mostAdvancedKind', () => {
  it.each([
    { kinds: [], expected: 'first' },
    { kinds: ['first', 'first'], expected: 'first' },
    { kinds: ['first', 'reminder'], expected: 'reminder' },
    { kinds: ['escalation', 'reminder', 'first'], expected: 'escalation' },
  ] as const)('$kinds → $expected', ({ kinds, expected }) => {
    expect(mostAdvancedKind(kinds)).toBe(expected);
  });
});
