/**
 * Swedish (`sv-SE`) formatting through Intl, for one time zone. Pure given its inputs; one
 * formatter per report so the Intl objects are built once.
 */
export interface Formatter {
  /** 1 250 000 (non-breaking spaces between groups). */
  integer(value: number): string;
  /** 1 250 000 kr; "–" for null. */
  sek(value: number | null): string;
  /** 66,7 % (non-breaking space before %); "–" for null. */
  percent(value: number | null): string;
  /** 1 mars 2021 (the local calendar day of an instant). */
  longDate(instant: string): string;
  /** 2021-03-01 14:05 (local); "–" for null. */
  dateTime(instant: string | null): string;
  /** 2021-03-01 (local); "–" for null. */
  day(instant: string | null): string;
}

/** A Swedish formatter showing instants in `timeZone` (IANA). */
export function createFormatter(timeZone: string): Formatter {
  const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
  const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const percent = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
  const longDate = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone });
  const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone });
  const day = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone });
  return {
    integer: (value) => integer.format(value),
    sek: (value) => (value === null ? '–' : sek.format(value)),
    percent: (value) => (value === null ? '–' : `${percent.format(value)}\u00a0%`),
    longDate: (instant) => longDate.format(new Date(instant)),
    dateTime: (instant) => (instant === null ? '–' : dateTime.format(new Date(instant))),
    day: (instant) => (instant === null ? '–' : day.format(new Date(instant))),
  };
}
