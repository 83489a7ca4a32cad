import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/**
 * An instant as people read it: local date and time in `timeZone`, `yyyy-MM-dd HH:mm`
 * (`2021-03-01 00:00` for `2021-02-28T23:00:00Z` in Europe/Stockholm). Never a UTC string
 * labelled with a local zone.
 */
export function localDateTime(instant: string | Date, timeZone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), 'yyyy-MM-dd HH:mm');
}

/** The local calendar day of an instant in `timeZone`, `yyyy-MM-dd`. */
export function localDay(instant: string | Date, timeZone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), 'yyyy-MM-dd');
}
