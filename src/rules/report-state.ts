import type { ReportState } from '../domain/evaluation.js';
import { daysOverdue } from './deadlines.js';
import { toMillis } from './instants.js';

export interface ReportStateInput {
  /** ISO 8601 UTC delivery instant, or null when not delivered by `asOfMs`. */
  deliveredAt: string | null;
  /** ISO 8601 UTC last on-time instant. */
  dueAt: string;
  /** The as-of instant, epoch ms. */
  asOfMs: number;
  /** IANA time zone for counting local days. */
  timeZone: string;
  /** daysOverdue, or a memoised copy of it (an evaluation counts from a few due instants to one as-of). */
  countDaysOverdue?: typeof daysOverdue;
}

export interface ReportStateResult {
  state: Exclude<ReportState, 'unknown'>;
  daysLate: number | null;
  daysOverdue: number | null;
}

/**
 * The state of a report of a unit whose data is known. Delivered exactly at the due instant is
 * on time; not delivered at exactly the due instant is not yet due (it still can be on time).
 * Days late/overdue are local calendar days as daysOverdue defines them.
 */
export function classifyReport(input: ReportStateInput): ReportStateResult {
  const countDays = input.countDaysOverdue ?? daysOverdue;
  const dueMs = toMillis(input.dueAt, 'dueAt');
  if (input.deliveredAt !== null) {
    if (toMillis(input.deliveredAt, 'deliveredAt') <= dueMs) return { state: 'on-time', daysLate: null, daysOverdue: null };
    return { state: 'late', daysLate: countDays(input.dueAt, input.deliveredAt, input.timeZone), daysOverdue: null };
  }
  if (input.asOfMs <= dueMs) return { state: 'not-yet-due', daysLate: null, daysOverdue: null };
  return { state: 'missing', daysLate: null, daysOverdue: countDays(input.dueAt, new Date(input.asOfMs), input.timeZone) };
}
