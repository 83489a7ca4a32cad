import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseInstantArg, parseIntArg } from '../../../src/cli/common.js';
import { loadConfig } from '../../../src/config/load.js';
import { resolveAsOf } from '../../../src/shared/as-of.js';
import { fixedClock } from '../../../src/shared/clock.js';

const year = parseIntArg('--year', 2000, 2100);

describe('--year', () => {
  it.each(['0x7e3', '2.019e3', ' 2019', '2019 ', '+2019', '2019.0', '0b11111100011', ''])('rejects %j, which Number() would read as a year', (value) => {
    expect(() => year(value)).toThrow(InvalidArgumentError);
  });

  it('takes plain decimal digits inside the range', () => {
    expect(year('2019')).toBe(2019);
    expect(() => year('1999')).toThrow(/from 2000 to 2100/);
  });
});

describe('--as-of', () => {
  it.each(['0000-01-01', '0099-12-31', '1899-12-31', '0000-01-01T00:00:00Z'])('rejects %s instead of reading it as a 19xx date', (value) => {
    expect(() => parseInstantArg(value)).toThrow(/from year 1970 on/);
    expect(() => resolveAsOf(value, fixedClock('2021-03-01T00:00:00Z'), 'Europe/Stockholm')).toThrow(/from year 1970 on/);
  });

  it('keeps real dates and instants', () => {
    expect(parseInstantArg('2021-03-01')).toBe('2021-03-01');
    expect(resolveAsOf('2021-03-01', fixedClock('2021-01-01T00:00:00Z'), 'Europe/Stockholm')).toBe('2021-02-28T23:00:00.000Z');
    expect(resolveAsOf('2021-03-01T08:00:00+01:00', fixedClock('2021-01-01T00:00:00Z'), 'Europe/Stockholm')).toBe('2021-03-01T07:00:00.000Z');
  });

  it.each(['2021-02-30T00:00Z', '2021-04-31T00:00:00+02:00', '2021-02-29', '2021-03-01T24:00Z', '2021-03-01T12:60Z'])('refuses %s instead of rolling it over', (value) => {
    expect(() => parseInstantArg(value)).toThrow();
    expect(() => resolveAsOf(value, fixedClock('2021-03-01T00:00:00Z'), 'Europe/Stockholm')).toThrow(/not a calendar date/);
  });

  it('SYNC_AS_OF follows the same rule', () => {
    expect(() => loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 'secret', SYNC_AS_OF: '2021-02-30T00:00Z' })).toThrow(/SYNC_AS_OF/);
    expect(() => loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 'secret', SYNC_AS_OF: '0000-01-01' })).toThrow(/SYNC_AS_OF/);
  });
});

describe('numeric settings', () => {
  it.each([
    ['SYNC_YEAR', '0x7e3'],
    ['HTTP_PORT', '0x50'],
    ['WORKER_CONCURRENCY', '1e1'],
  ])('%s=%s is rejected', (key, value) => {
    expect(() => loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 'secret', [key]: value })).toThrow(new RegExp(`${key}: expected a whole number`));
  });

  it('decimal values still load', () => {
    const config = loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 'secret', SYNC_YEAR: '2019', HTTP_PORT: '8081' });
    expect([config.SYNC_YEAR, config.HTTP_PORT, config.WORKER_CONCURRENCY]).toEqual([2019, 8081, 4]);
  });
});
