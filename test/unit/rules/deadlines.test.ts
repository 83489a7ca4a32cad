import { describe, expect, it } from 'vitest';
import type { DueRule, FixedDayDueRule, ReportListDueRule } from '../../../src/domain/obligations.js';
import type { ReportDeadline } from '../../../src/domain/programme.js';
import { REPORT_TIME_ZONE, computeDeadline, daysOverdue, endOfLocalDay, fixedDueDate, resolveDueDay } from '../../../src/rules/deadlines.js';
import { buildFixedDay } from '../../support/view-builders.js';

const fixed = (month: number, day: number, graceDays = 0, yearOffset = 1): FixedDayDueRule => buildFixedDay({ month, day, graceDays, yearOffset });

describe('computeDeadline, fixed day (Europe/Stockholm)', () => {
  it.each([
    // [case, rule, reported year, nominal due day, last on-time instant (UTC)]
    ['demo rule: 31 Jan + 14 days → 14 Feb 24:00 CET', fixed(1, 31, 14), 2020, '2021-01-31', '2021-02-14T23:00:00.000Z'],
    ['no grace: end of 31 Jan CET', fixed(1, 31), 2020, '2021-01-31', '2021-01-31T23:00:00.000Z'],
    ['summer day: end of 30 Jun CEST', fixed(6, 30), 2020, '2021-06-30', '2021-06-30T22:00:00.000Z'],
    ['month end, same year: 31 Dec', fixed(12, 31, 0, 0), 2020, '2020-12-31', '2020-12-31T23:00:00.000Z'],
    ['grace crossing a month end', fixed(1, 31, 1), 2020, '2021-01-31', '2021-02-01T23:00:00.000Z'],
    ['grace crossing a year end', fixed(12, 31, 1, 0), 2020, '2020-12-31', '2021-01-01T23:00:00.000Z'],
    // DST starts on Sunday 28 March 2021 (02:00 CET → 03:00 CEST); ends Sunday 31 October 2021.
    ['day before spring DST ends at CET midnight', fixed(3, 27), 2020, '2021-03-27', '2021-03-27T23:00:00.000Z'],
    ['spring DST day (23 h) ends at CEST midnight', fixed(3, 28), 2020, '2021-03-28', '2021-03-28T22:00:00.000Z'],
    ['grace spanning spring DST', fixed(3, 27, 1), 2020, '2021-03-27', '2021-03-28T22:00:00.000Z'],
    ['day before autumn DST ends at CEST midnight', fixed(10, 30), 2020, '2021-10-30', '2021-10-30T22:00:00.000Z'],
    ['autumn DST day (25 h) ends at CET midnight', fixed(10, 31), 2020, '2021-10-31', '2021-10-31T23:00:00.000Z'],
    ['grace spanning autumn DST', fixed(10, 30, 1), 2020, '2021-10-30', '2021-10-31T23:00:00.000Z'],
    ['29 Feb in a leap year', fixed(2, 29), 2019, '2020-02-29', '2020-02-29T23:00:00.000Z'],
    ['29 Feb in a non-leap year clamps to 28 Feb', fixed(2, 29), 2020, '2021-02-28', '2021-02-28T23:00:00.000Z'],
    ['29 Feb with grace into March', fixed(2, 29, 1), 2020, '2021-02-28', '2021-03-01T23:00:00.000Z'],
    ['2100 is not a leap year', fixed(2, 29), 2099, '2100-02-28', '2100-02-28T23:00:00.000Z'],
  ])('%s', (_case, rule, year, dueDate, dueAt) => {
    const deadline = computeDeadline({ rule, year, unitId: '101', reportDeadlines: [] });
    expect(deadline).toEqual({ dueDate, dueAt, graceDays: rule.graceDays, source: 'fixed-day', reportUrl: null });
  });

  it.each([
    ['UTC', '2021-02-14T00:00:00.000Z'],
    ['America/New_York', '2021-02-14T05:00:00.000Z'],
    ['Asia/Tokyo', '2021-02-13T15:00:00.000Z'],
  ])('reads the day in another time zone: %s', (timeZone, dueAt) => {
    expect(computeDeadline({ rule: fixed(2, 13), year: 2020, unitId: '101', reportDeadlines: [], timeZone }).dueAt).toBe(dueAt);
  });

  it('defaults to Europe/Stockholm', () => {
    expect(REPORT_TIME_ZONE).toBe('Europe/Stockholm');
    expect(endOfLocalDay('2021-01-31', 0)).toBe('2021-01-31T23:00:00.000Z');
  });

  it.each([
    ['31 April', fixed(4, 31)],
    ['30 February', fixed(2, 30)],
    ['month 13', fixed(13, 1)],
    ['month 0', fixed(0, 1)],
    ['day 0', fixed(1, 0)],
    ['fractional day', fixed(1, 1.5)],
    ['negative grace', fixed(1, 31, -1)],
    ['fractional grace', fixed(1, 31, 0.5)],
    ['fractional year offset', fixed(1, 31, 0, 0.5)],
  ])('rejects a rule naming no valid day: %s', (_case, rule) => {
    expect(() => fixedDueDate(rule, 2020)).toThrow(expect.objectContaining({ code: 'MAPPING_INVALID' }));
  });

  it('rejects an unknown time zone', () => {
    expect(() => computeDeadline({ rule: fixed(1, 31), year: 2020, unitId: '1', reportDeadlines: [], timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('resolveDueDay and computeDeadline, report list', () => {
  const rule: ReportListDueRule = { kind: 'report-list', reportListId: '910', user: '900', graceDays: 2, fallback: fixed(1, 31, 14) };
  const row = (overrides: Partial<ReportDeadline>): ReportDeadline => ({
    reportListId: '910',
    unitId: '101',
    year: 2020,
    dueDate: '2021-01-20',
    url: 'https://stratsys.example/report/1',
    ...overrides,
  });

  it.each<[string, ReportDeadline[], string, DueRule['kind'] | 'fallback', number, string]>([
    ['the unit row of the year, with the rule grace', [row({})], '2021-01-20', 'report-list', 2, '2021-01-22T23:00:00.000Z'],
    ['another list is ignored', [row({ reportListId: '911' })], '2021-01-31', 'fallback', 14, '2021-02-14T23:00:00.000Z'],
    ['another unit is ignored', [row({ unitId: '102' })], '2021-01-31', 'fallback', 14, '2021-02-14T23:00:00.000Z'],
    ['another year is ignored', [row({ year: 2019 })], '2021-01-31', 'fallback', 14, '2021-02-14T23:00:00.000Z'],
    ['several rows: the latest day wins', [row({ dueDate: '2021-01-10' }), row({ dueDate: '2021-02-05' })], '2021-02-05', 'report-list', 2, '2021-02-07T23:00:00.000Z'],
    ['a row on the spring DST day', [row({ dueDate: '2021-03-28' })], '2021-03-28', 'report-list', 2, '2021-03-30T22:00:00.000Z'],
  ])('%s', (_case, rows, dueDate, source, graceDays, dueAt) => {
    const deadline = computeDeadline({ rule, year: 2020, unitId: '101', reportDeadlines: rows });
    expect(deadline).toMatchObject({ dueDate, source, graceDays, dueAt });
  });

  it('carries the report permalink from the row', () => {
    expect(resolveDueDay(rule, 2020, '101', [row({})]).reportUrl).toBe('https://stratsys.example/report/1');
    expect(resolveDueDay(rule, 2020, '101', []).reportUrl).toBeNull();
  });

  it.each(['2021-02-30', '21-01-31', '2021-1-31', ''])('rejects a malformed row day %j', (dueDate) => {
    expect(() => resolveDueDay(rule, 2020, '101', [row({ dueDate })])).toThrow(expect.objectContaining({ code: 'STRATSYS_RESPONSE_INVALID' }));
  });

  it('rejects a negative grace on the report-list rule', () => {
    expect(() => resolveDueDay({ ...rule, graceDays: -1 }, 2020, '101', [row({})])).toThrow(expect.objectContaining({ code: 'MAPPING_INVALID' }));
  });
});

describe('daysOverdue (local calendar days, Europe/Stockholm)', () => {
  const due = '2021-02-14T23:00:00.000Z'; // 14 Feb 24:00 CET
  it.each([
    ['one second before the due instant', due, '2021-02-14T22:59:59.000Z', 0],
    ['exactly at the due instant', due, due, 0],
    ['one second after', due, '2021-02-14T23:00:01.000Z', 1],
    ['09:00 the next morning', due, '2021-02-15T08:00:00.000Z', 1],
    ['23:59:59 the next day', due, '2021-02-15T22:59:59.000Z', 1],
    ['the second day after', due, '2021-02-15T23:00:00.000Z', 2],
    ['a month later (Feb 2021 has 28 days)', due, '2021-03-14T23:00:00.000Z', 29],
    ['spring DST day still counts as one day', '2021-03-27T23:00:00.000Z', '2021-03-28T21:59:59.000Z', 1],
    ['after the spring DST day', '2021-03-27T23:00:00.000Z', '2021-03-28T22:00:00.000Z', 2],
    ['autumn DST day still counts as one day', '2021-10-30T22:00:00.000Z', '2021-10-31T22:59:59.000Z', 1],
    ['after the autumn DST day', '2021-10-30T22:00:00.000Z', '2021-10-31T23:00:00.000Z', 2],
    ['a due instant inside a day: same day is day 1', '2021-02-14T11:00:00.000Z', '2021-02-14T12:00:00.000Z', 1],
  ])('%s', (_case, dueAt, asOf, days) => {
    expect(daysOverdue(dueAt, asOf)).toBe(days);
  });

  it('accepts Date instants and another time zone', () => {
    expect(daysOverdue(new Date('2021-02-15T00:00:00Z'), new Date('2021-02-15T08:00:00Z'), 'UTC')).toBe(1);
    expect(daysOverdue('2021-02-15T00:00:00Z', '2021-02-16T00:00:00Z', 'UTC')).toBe(2);
  });

  it('rejects an unparseable instant', () => {
    expect(() => daysOverdue('yesterday', due)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
