import { stripHtml } from './strip-html.js';

/**
 * Reading amounts and years that people typed into Stratsys description fields. Anything not
 * clearly a Swedish-krona amount is reported as unparseable with a reason, never guessed.
 */

/** An amount read from text: none given, an amount in SEK, or unreadable with the reason. */
export type AmountParse = { kind: 'empty' } | { kind: 'amount'; sek: number } | { kind: 'unparseable'; reason: string };

const MULTIPLIERS: ReadonlyArray<[RegExp, number]> = [
  [/^(mkr|mnkr|msek|mn|milj\.?|miljon|miljoner)( kr| kronor| sek)?$/, 1_000_000],
  [/^(tkr|tsek|ksek|tusen)( kr| kronor| sek)?$/, 1_000],
  [/^(kr\.?|kronor|sek|:-)$/, 1],
  [/^$/, 1],
];

/** Whole kronor in ASCII digits, thousands grouped by single spaces (the first group of any length), nothing else. */
const PLAIN_AMOUNT = /^\d{1,15}(?: \d{3})*$/;

const FOREIGN_CURRENCY = /(€|\$|£|\beur\b|\beuro\b|\busd\b|\bnok\b|\bdkk\b|\bgbp\b)/;

/**
 * A Swedish amount in SEK: "1 250 000", "1 250 000 kr", "1250000:-", "SEK 1 250 000",
 * "1,5 mkr" (1 500 000), "250 tkr", "1.250.000,50", "3800 000". Spaces (also no-break) and dots
 * group thousands (groups after the first have three digits); the comma is the decimal sign.
 * A single separator before exactly three digits ("250,000", "1.200 tkr") is ambiguous between
 * thousands and decimals and refused; so are amounts above 0 and below 1 000 kr. Rounded to whole öre.
 */
export function parseSwedishAmount(raw: string | null | undefined): AmountParse {
  // The usual entry, digits in groups of three ("600 000", "3800 000"), read without the steps
  // below, which leave it as it is; what it reads to is theirs. Too little falls through for their reason.
  if (raw !== null && raw !== undefined && PLAIN_AMOUNT.test(raw)) {
    const sek = Math.round(Number(raw.replaceAll(' ', '')) * 100) / 100;
    if (!(sek > 0 && sek < MIN_PLAUSIBLE_SEK)) return { kind: 'amount', sek };
  }
  const text = stripHtml(raw ?? '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .trim()
    .toLocaleLowerCase('sv')
    .replace(/\.$/, '');
  if (text === '' || text === '-') return { kind: 'empty' };
  if (FOREIGN_CURRENCY.test(text)) return { kind: 'unparseable', reason: `"${raw}" is not in SEK; enter the amount in kronor` };
  const match = /^(?:sek\s*)?(\d[\d .,]*?)\s*([a-zåäö.:\- ]*)$/u.exec(text);
  if (match === null) return { kind: 'unparseable', reason: `"${raw}" is not an amount such as "1 250 000 kr" or "1,5 mkr"` };
  const [, digits = '', suffix = ''] = match;
  const multiplier = MULTIPLIERS.find(([pattern]) => pattern.test(suffix.trim()))?.[1];
  if (multiplier === undefined) return { kind: 'unparseable', reason: `"${raw}": unknown unit "${suffix.trim()}" (expected kr, tkr or mkr)` };
  const number = digits.trim();
  if (/^\d+[.,]\d{3}$/.test(number)) return { kind: 'unparseable', reason: `"${raw}" could mean thousands or decimals (write e.g. "250 000 kr" or "1,5 mkr")` };
  const value = parseNumber(number, multiplier > 1);
  if (value === null) return { kind: 'unparseable', reason: `"${raw}" has an unclear number format (write e.g. "1 250 000" or "1,5 mkr")` };
  const sek = Math.round(value * multiplier * 100) / 100;
  if (sek > 0 && sek < MIN_PLAUSIBLE_SEK)
    return { kind: 'unparseable', reason: `"${raw}" is less than ${MIN_PLAUSIBLE_SEK} kr, too little for a granted amount (write the unit, e.g. "1,5 mkr" or "250 tkr")` };
  return { kind: 'amount', sek };
}

/**
 * Smallest granted amount taken as written: a project grant below it ("1,5", "250,000" read the
 * Swedish way) is almost always a missing unit or a misread separator, so it is refused, not summed.
 */
const MIN_PLAUSIBLE_SEK = 1_000;

function parseNumber(text: string, hasMultiplier: boolean): number | null {
  let normalized: string | null = null;
  if (/^\d+( \d{3})+(,\d+)?$/.test(text) || /^\d+(,\d+)?$/.test(text)) normalized = text.replace(/ /g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) && !(hasMultiplier && /^\d+\.\d{3}$/.test(text))) normalized = text.replace(/\./g, '').replace(',', '.');
  else if (/^\d+\.\d{1,2}$/.test(text) || (hasMultiplier && /^\d+\.\d+$/.test(text))) normalized = text;
  else if (/^\d{1,3}(,\d{3}){2,}$/.test(text)) normalized = text.replace(/,/g, '');
  if (normalized === null) return null;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : null;
}

/** A year alone, as the full reading accepts it (19xx or 20xx). */
const PLAIN_YEAR = /^(?:19|20)\d{2}$/;

/** A year read from text: none given, the year, or unreadable with the reason. */
export type YearParse = { kind: 'empty' } | { kind: 'year'; year: number } | { kind: 'unparseable'; reason: string };

/** A year typed as text: "2019", "år 2019", "2019 (beslut i mars)". Two different years are unclear. */
export function parseYearText(raw: string | null | undefined): YearParse {
  // The usual entry, the year alone, as the steps below read it.
  if (raw !== null && raw !== undefined && PLAIN_YEAR.test(raw)) return { kind: 'year', year: Number(raw) };
  const text = stripHtml(raw ?? '').trim();
  if (text === '') return { kind: 'empty' };
  if (/(?<!\d)(19|20)\d{2}\s*[/–-]\s*\d{2}(?!\d)/.test(text)) return { kind: 'unparseable', reason: `"${raw}" names a span of years; write the year the grant counts in` };
  const years = [...new Set(text.match(/(?<!\d)(19|20)\d{2}(?!\d)/g) ?? [])];
  if (years.length === 1 && years[0] !== undefined) return { kind: 'year', year: Number(years[0]) };
  return { kind: 'unparseable', reason: years.length === 0 ? `"${raw}" holds no year` : `"${raw}" holds several years (${years.join(', ')})` };
}
