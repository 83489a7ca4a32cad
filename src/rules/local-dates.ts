/** Calendar days (`yyyy-MM-dd`) without a time zone: plain arithmetic, no Date involved. */

export interface LocalDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a calendar day `yyyy-MM-dd`; throws a TypeError for another form or a day that does not exist. */
export function parseLocalDate(text: string): LocalDate {
  const match = LOCAL_DATE.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (match === null || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new TypeError(`not a calendar day (yyyy-MM-dd): ${text}`);
  }
  return { year, month, day };
}

/** Formats a calendar day as `yyyy-MM-dd`. */
export function formatLocalDate(year: number, month: number, day: number): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The last day of `year`, `yyyy-12-31` (Stratsys identifies yearly periods by their last day). */
export function lastDayOfYear(year: number): string {
  return formatLocalDate(year, 12, 31);
}
