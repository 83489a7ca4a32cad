import { describe, expect, it } from 'vitest';
import { closeMatches, resolveUnit } from '../../../src/pipeline/find-unit.js';
import { defaultYear, resolveAsOf } from '../../../src/shared/as-of.js';
import { fixedClock } from '../../../src/shared/clock.js';

const units = [
  { id: '101', name: 'Kommunledningsförvaltningen' },
  { id: '106', name: 'Kultur och fritid' },
  { id: '104', name: 'Omvårdnad Gävle' },
  { id: '203', name: 'Gävle Hamn AB' },
];

describe('resolveUnit', () => {
  it('finds a unit by id or by name, case-insensitively', () => {
    expect(resolveUnit('106', units).name).toBe('Kultur och fritid');
    expect(resolveUnit('KULTUR OCH FRITID', units).id).toBe('106');
  });

  it('rejects an unknown unit with close matches', () => {
    expect(() => resolveUnit('Kultur', units)).toThrow(/UNKNOWN_DEPARTMENT|did you mean 106 "Kultur och fritid"/);
    expect(closeMatches('Gävle hamn', units).map((u) => u.id)).toEqual(['203']);
    expect(closeMatches('Omvårdad Gävle', units).map((u) => u.id)).toEqual(['104']);
    expect(closeMatches('Zzz', units)).toEqual([]);
  });
});

describe('as-of', () => {
  it('reads a date as midnight in the report time zone, across DST', () => {
    expect(resolveAsOf('2021-03-01', fixedClock('2026-01-01T00:00:00Z'), 'Europe/Stockholm')).toBe('2021-02-28T23:00:00.000Z');
    expect(resolveAsOf('2021-07-01', fixedClock('2026-01-01T00:00:00Z'), 'Europe/Stockholm')).toBe('2021-06-30T22:00:00.000Z');
    expect(resolveAsOf(undefined, fixedClock('2026-01-01T00:00:00Z'), 'Europe/Stockholm')).toBe('2026-01-01T00:00:00.000Z');
    expect(() => resolveAsOf('2021-02-30', fixedClock('2026-01-01T00:00:00Z'), 'Europe/Stockholm')).toThrow(/not a calendar date/);
  });

  it('defaults the reported year to the one before the as-of date, in Stockholm', () => {
    expect(defaultYear('2020-12-31T23:30:00Z', 'Europe/Stockholm')).toBe(2020);
    expect(defaultYear('2020-12-31T22:30:00Z', 'Europe/Stockholm')).toBe(2019);
  });
});
