import { describe, expect, it } from 'vitest';
import { parseSwedishAmount, parseYearText } from '../../../src/mapping/engine/amounts.js';
import { localTimeToUtc, periodYear } from '../../../src/mapping/engine/local-timestamps.js';
import { stripHtml } from '../../../src/mapping/engine/strip-html.js';
import { compareIds } from '../../../src/shared/ids.js';

describe('parseSwedishAmount', () => {
  it.each([
    ['1 250 000', 1_250_000],
    ['1 250 000 kr', 1_250_000],
    ['1\u00a0250\u00a0000\u00a0kr', 1_250_000],
    ['1 250 000 SEK', 1_250_000],
    ['SEK 1 250 000', 1_250_000],
    ['1250000:-', 1_250_000],
    ['500 000 kr.', 500_000],
    ['3800 000', 3_800_000],
    ['1.250.000,50', 1_250_000.5],
    ['1 250 000,50 kr', 1_250_000.5],
    ['1,250,000', 1_250_000],
    ['1,5 mkr', 1_500_000],
    ['1,5 Mkr', 1_500_000],
    ['1.5 mnkr', 1_500_000],
    ['2 miljoner kronor', 2_000_000],
    ['3 milj.', 3_000_000],
    ['250 tkr', 250_000],
    ['1 500', 1_500],
    ['1,5 tkr', 1_500],
    ['<p>480 000</p>', 480_000],
    ['0', 0],
    ['600 000', 600_000],
    ['4200 000', 4_200_000],
    ['1000', 1_000],
    ['000 000', 0],
    [' 600 000', 600_000],
    ['600  000', 600_000],
  ])('%j is %d SEK', (text, sek) => {
    expect(parseSwedishAmount(text)).toEqual({ kind: 'amount', sek });
  });

  it.each([
    '12 34',
    'ca 500 000',
    '€ 100 000',
    '100 000 EUR',
    '-5',
    'abc',
    '1-2 mkr',
    '100 000 dollar',
    '50,000 kr',
    '250,000',
    '1.200 tkr',
    '1.200',
    '1,500 mkr',
    '1,5',
    '1,25',
    '640 kr',
    '640',
    '999',
    '1 5000',
  ])('%j is unparseable, with a reason', (text) => {
    expect(parseSwedishAmount(text)).toEqual({ kind: 'unparseable', reason: expect.stringContaining(text) });
  });

  it.each(['', '   ', '-', null, undefined])('%j is empty', (text) => {
    expect(parseSwedishAmount(text)).toEqual({ kind: 'empty' });
  });
});

describe('parseYearText', () => {
  it.each([
    ['2019', { kind: 'year', year: 2019 }],
    ['år 2019', { kind: 'year', year: 2019 }],
    ['2019 (beslut i mars)', { kind: 'year', year: 2019 }],
    ['', { kind: 'empty' }],
    ['2019–2020', { kind: 'unparseable', reason: '"2019–2020" holds several years (2019, 2020)' }],
    ['2019/20', { kind: 'unparseable', reason: '"2019/20" names a span of years; write the year the grant counts in' }],
    ['läsåret 2019-20', { kind: 'unparseable', reason: '"läsåret 2019-20" names a span of years; write the year the grant counts in' }],
    ['i fjol', { kind: 'unparseable', reason: '"i fjol" holds no year' }],
  ])('%j', (text, expected) => {
    expect(parseYearText(text)).toEqual(expected);
  });
});

describe('stripHtml', () => {
  it.each([
    ['<p>Hej&nbsp;<b>du</b></p>', 'Hej du'],
    ['<p>Rad ett</p><p>Rad två</p>', 'Rad ett\nRad två'],
    ['ett<br/>två<BR>tre', 'ett\ntvå\ntre'],
    ['<ul><li>Ett</li><li>Två &amp; tre</li></ul>', 'Ett\nTvå & tre'],
    ['<p>  mycket   luft\t här </p><p> </p>', 'mycket luft här'],
    ['a < b och c > d', 'a < b och c > d'],
    ['&lt;b&gt; &#229;&#xE4;&ouml; &bogus; & x', '<b> åäö &bogus; & x'],
    ['<!-- dolt -->kvar<script>alert(1)</script><style>p{}</style>', 'kvar'],
    ['Inga externfinansierade projekt 2020.', 'Inga externfinansierade projekt 2020.'],
    ['Rad 1\r\n  Rad 2  ', 'Rad 1\nRad 2'],
    ['', ''],
  ])('%j → %j', (html, text) => {
    expect(stripHtml(html)).toBe(text);
  });
});

describe('localTimeToUtc (Stratsys PostedDate, local time → UTC)', () => {
  it.each([
    ['winter, CET +01:00', '2020-01-15 10:00:00', '2020-01-15T09:00:00.000Z'],
    ['summer, CEST +02:00', '2020-06-15 10:00:00', '2020-06-15T08:00:00.000Z'],
    ['new year in Stockholm is still the old year in UTC', '2021-01-01 00:30:00', '2020-12-31T23:30:00.000Z'],
    ['last minute before spring forward', '2020-03-29 01:59:59', '2020-03-29T00:59:59.000Z'],
    ['spring-forward gap: 02:30 does not exist, read as 03:30 CEST', '2020-03-29 02:30:00', '2020-03-29T01:30:00.000Z'],
    ['first hour after spring forward', '2020-03-29 03:00:00', '2020-03-29T01:00:00.000Z'],
    ['autumn overlap: 02:30 happens twice, read as the later (CET)', '2020-10-25 02:30:00', '2020-10-25T01:30:00.000Z'],
    ['after falling back', '2020-10-25 03:00:00', '2020-10-25T02:00:00.000Z'],
    ['without seconds, T separator', '2021-02-14T23:59', '2021-02-14T22:59:00.000Z'],
    ['leap day', '2020-02-29 12:00:00', '2020-02-29T11:00:00.000Z'],
  ])('%s: %s', (_name, local, utc) => {
    expect(localTimeToUtc(local, 'Europe/Stockholm')).toBe(utc);
  });

  it('uses the given zone', () => {
    expect(localTimeToUtc('2020-06-15 10:00:00', 'UTC')).toBe('2020-06-15T10:00:00.000Z');
    expect(localTimeToUtc('2020-06-15 10:00:00', 'America/New_York')).toBe('2020-06-15T14:00:00.000Z');
  });

  it.each(['2020-02-30 10:00:00', '2021-02-29 10:00:00', '2020-13-01 10:00:00', '2020-01-01 24:00:00', '15/01/2020 10:00', '', '2020-01-01'])('rejects %j', (local) => {
    expect(localTimeToUtc(local, 'Europe/Stockholm')).toBeNull();
  });

  it('periodYear reads the year of a yyyy-MM-dd date', () => {
    expect(periodYear('2020-12-31')).toBe(2020);
    expect(periodYear(' 2014-01-01 ')).toBe(2014);
    expect(periodYear('2020-12-32')).toBeNull();
    expect(periodYear('Helår 2020')).toBeNull();
  });
});

describe('compareIds', () => {
  it('orders digit ids numerically and others by collation, never equal for different ids', () => {
    expect(['10', '9', '101', '2', 'a', '010'].sort(compareIds)).toEqual(['2', '9', '010', '10', '101', 'a']);
    expect(compareIds('010', '10')).not.toBe(0);
  });
});
