import { describe, expect, it } from 'vitest';
import { isLocalTimeText, periodYear } from '../../../src/mapping/engine/local-timestamps.js';
import { isCanonicalInstant } from '../../../src/rules/instants.js';

/** Strings near a form: each character of each seed replaced, dropped or doubled, plus the seeds. */
function variants(seeds: readonly string[], alphabet: string): string[] {
  const out = new Set<string>(seeds);
  for (const seed of seeds) {
    for (let i = 0; i <= seed.length; i += 1) {
      for (const c of alphabet) out.add(seed.slice(0, i) + c + seed.slice(i + 1));
      out.add(seed.slice(0, i) + seed.slice(i + 1));
      out.add(seed.slice(0, i) + seed.slice(i, i + 1) + seed.slice(i));
    }
  }
  return [...out];
}

describe('isLocalTimeText', () => {
  const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?$/;
  const seeds = ['2020-12-31 23:59:59', '2020-12-31T08:05', '2020-12-31 08:05:07.25', '2020-12-31 08:05.5', '2020-12-31 08:05:0'];

  it('accepts exactly what the local-timestamp pattern accepts', () => {
    const texts = variants(seeds, '09-:. TtZx\n');
    expect(texts.length).toBeGreaterThan(1000);
    const differing = texts.filter((text) => isLocalTimeText(text) !== LOCAL_TIME.test(text));
    expect(differing).toEqual([]);
    expect(texts.filter((text) => LOCAL_TIME.test(text)).length).toBeGreaterThan(100);
  });
});

describe('periodYear', () => {
  /** The reading before it was written without a regex. */
  function regexPeriodYear(periodDate: string | null): number | null {
    if (periodDate === null) return null;
    const text = periodDate.trim();
    if (!/^\d{4}-\d{2}-\d{2}(?:$|[ T])/.test(text)) return null;
    const [year, month, day] = [text.slice(0, 4), text.slice(5, 7), text.slice(8, 10)].map(Number) as [number, number, number];
    const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
    return month >= 1 && month <= 12 && day >= 1 && day <= days ? year : null;
  }

  it('reads exactly what the period-date pattern and the calendar allow', () => {
    const texts = [...variants(['2020-12-31', '2020-02-29 00:00:00', '2019-02-29T00:00', ' 2020-12-31 '], '09-: T\n'), null];
    expect(texts.filter((text) => periodYear(text) !== regexPeriodYear(text))).toEqual([]);
    expect(texts.filter((text) => periodYear(text) !== null).length).toBeGreaterThan(50);
  });
});

describe('isCanonicalInstant', () => {
  it('holds for every text toISOString writes for years 0–9999, which it leaves unchanged', () => {
    const instants = [0, Date.UTC(2020, 1, 29, 23, 59, 59, 999), Date.parse('0000-01-01T00:00:00.000Z'), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i += 1) instants.push(Math.round(Date.UTC(1990, 0, 1) + ((i * 7919) % 1000) * 1e9 + i * 13_337));
    for (const ms of instants) {
      const text = new Date(ms).toISOString();
      expect(isCanonicalInstant(text), text).toBe(true);
      expect(new Date(Date.parse(text)).toISOString()).toBe(text);
    }
  });

  it('does not hold for a text toISOString would write differently, or not at all (nor for years past 9999)', () => {
    const texts = [
      ...variants(['2021-02-28T23:00:00.000Z', '2020-02-29T00:00:00.000Z'], '09-:.TZ+'),
      '2021-02-29T00:00:00.000Z',
      '2021-04-31T00:00:00.000Z',
      '2021-01-01T24:00:00.000Z',
      '2021-01-01T23:60:00.000Z',
      '2021-01-01T23:00:60.000Z',
      '2021-00-01T00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z',
      '2021-01-01T00:00:00Z',
      '2021-01-01T00:00:00.000+00:00',
    ];
    for (const text of texts) {
      const ms = Date.parse(text);
      const isWritten = !Number.isNaN(ms) && new Date(ms).toISOString() === text;
      expect(isCanonicalInstant(text), text).toBe(isWritten && /^\d{4}-/.test(text));
    }
  });
});
