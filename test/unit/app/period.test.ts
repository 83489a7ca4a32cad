import { describe, expect, it } from 'vitest';
import { describePeriod, resolvePeriod, resolveYearAndAsOf, type PeriodInput } from '../../../src/app/period.js';
import { loadMappings } from '../../../src/mapping/file/load.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { isAppError } from '../../../src/shared/errors.js';

const mappings = loadMappings('mappings');
const TZ = 'Europe/Stockholm';
const NOW = '2026-11-30T10:00:00Z';
const input = (extra: Partial<PeriodInput> = {}, settings: Partial<PeriodInput['settings']> = {}): PeriodInput => ({
  settings: { REPORT_TIME_ZONE: TZ, ...settings },
  clock: fixedClock(NOW),
  mappings,
  purpose: 'write',
  ...extra,
});
const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('the period policy: request > environment > stored pull > default', () => {
  it.each([
    [
      'request wins',
      { year: 2019, asOf: '2020-03-01' },
      { SYNC_YEAR: 2020, SYNC_AS_OF: '2021-03-01' },
      { year: 2018, asOf: '2019-02-28T23:00:00.000Z' },
      [2019, '2020-02-29T23:00:00.000Z', 'request', 'request'],
    ],
    ['environment next', {}, { SYNC_YEAR: 2020, SYNC_AS_OF: '2021-03-01' }, { year: 2018, asOf: '2019-02-28T23:00:00.000Z' }, [2020, '2021-02-28T23:00:00.000Z', 'environment', 'environment']],
    ['then the stored pull', {}, {}, { year: 2018, asOf: '2019-02-28T23:00:00.000Z' }, [2018, '2019-02-28T23:00:00.000Z', 'stored pull', 'stored pull']],
    ['then the defaults', {}, {}, null, [2025, '2026-11-30T10:00:00.000Z', 'default', 'default']],
    ['a year alone: as-of from the environment', { year: 2020 }, { SYNC_AS_OF: '2021-03-01' }, null, [2020, '2021-02-28T23:00:00.000Z', 'request', 'environment']],
  ] as const)('%s', (_name, request, settings, stored, [year, asOf, yearSource, asOfSource]) => {
    const decided = resolveYearAndAsOf(request, { ...input({ stored }, settings) });
    expect(decided).toEqual({ year, asOf, yearSource, asOfSource });
  });

  it('picks the programme covering the year and describes it in local time', () => {
    const period = resolvePeriod({ year: 2020, asOf: '2021-03-01' }, input());
    expect(period.mapping.id).toBe('gavle-2018-2020');
    expect(period.warnings).toEqual([]);
    expect(describePeriod(period, TZ)).toBe(`2020 as of 2021-03-01 00:00 (Europe/Stockholm) · programme ${period.mapping.name}`);
  });

  it('names the missing programme (MAPPING_NO_PERIOD)', () => {
    const error = caught(() => resolvePeriod({}, input()));
    expect(isAppError(error) && error.code).toBe('MAPPING_NO_PERIOD');
  });
});

describe('a past year evaluated as of now', () => {
  it('is refused for runs that write or send, naming how to fix it', () => {
    const error = caught(() => resolvePeriod({ year: 2020 }, input()));
    expect(isAppError(error) && error.code).toBe('PERIOD_IMPLAUSIBLE');
    expect((error as Error).message).toContain('--as-of 2021-03-01');
    const fromEnv = caught(() => resolvePeriod({}, input({}, { SYNC_YEAR: 2020 })));
    expect((fromEnv as Error).message).toMatch(/2020 \(from SYNC_YEAR\)/);
  });

  it('only warns readers and explicit as-of instants', () => {
    expect(resolvePeriod({ year: 2020 }, input({ purpose: 'read' })).warnings[0]).toMatch(/6 years later/);
    expect(resolvePeriod({ year: 2020, asOf: '2024-01-01' }, input()).warnings[0]).toMatch(/4 years later/);
  });

  it('accepts the year after, and warns when the as-of lies before the year', () => {
    expect(resolvePeriod({ year: 2020, asOf: '2021-12-31' }, input()).warnings).toEqual([]);
    expect(resolvePeriod({ year: 2020, asOf: '2019-06-01' }, input()).warnings[0]).toMatch(/before it began/);
  });
});
