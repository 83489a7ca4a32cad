import { AppError } from '../shared/errors.js';

/**
 * When an overdue report is alerted about. Pure: a function of the report's whole days overdue
 * (local calendar days in the report time zone, as `ExpectedReport.daysOverdue` counts them) and
 * the mapping's alert policy.
 *
 * With the defaults (reminders every 7 days, escalation after 30 days):
 * - day 0 (not past its due instant incl. grace): nothing;
 * - days 1–7: step `r0`, the first alert; days 8–14: `r1`, the first reminder; 15–21: `r2`; …;
 * - from day 31 (30 whole days after the due instant have passed) every step is escalated
 *   (`r4e`, `r5e`, …): the International Office gets a copy. Day 31 starts a new step even inside
 *   a reminder interval (`r4` on day 29, `r4e` on day 31), so the escalation copy is never late.
 */

/** How often and when to remind and escalate; see AlertsSchema in src/mapping/file/schema.ts. */
export interface AlertPolicy {
  /** Days between reminders about one missing report (≥ 1). Default 7. */
  reminderEveryDays: number;
  /** A report more than this many days overdue is escalated (≥ 1). Default 30. */
  escalateAfterDays: number;
}

/** The default policy, as the mapping schema fills it in. */
export const DEFAULT_ALERT_POLICY: AlertPolicy = { reminderEveryDays: 7, escalateAfterDays: 30 };

/** What kind of message a step is. */
export type StepKind = 'first' | 'reminder' | 'escalation';

/** One cadence step of one missing report. */
export interface CadenceStep {
  /** 0 for the first alert, n for the n-th reminder interval. */
  reminder: number;
  /** More than `escalateAfterDays` overdue: the International Office is copied. */
  isEscalated: boolean;
  /** Stable id within a report: `r<reminder>` plus `e` when escalated (`r0`, `r4`, `r4e`). */
  id: string;
  kind: StepKind;
}

/**
 * The step a report `daysOverdue` local days overdue is in, or null when there is nothing to alert
 * about (not overdue: null or < 1 days).
 */
export function cadenceStep(daysOverdue: number | null, policy: AlertPolicy = DEFAULT_ALERT_POLICY): CadenceStep | null {
  if (daysOverdue === null || !Number.isFinite(daysOverdue) || daysOverdue < 1) return null;
  assertPositiveInteger(policy.reminderEveryDays, 'reminderEveryDays');
  assertPositiveInteger(policy.escalateAfterDays, 'escalateAfterDays');
  const reminder = Math.floor((Math.floor(daysOverdue) - 1) / policy.reminderEveryDays);
  const isEscalated = daysOverdue > policy.escalateAfterDays;
  const kind: StepKind = isEscalated ? 'escalation' : reminder === 0 ? 'first' : 'reminder';
  return { reminder, isEscalated, id: `r${reminder}${isEscalated ? 'e' : ''}`, kind };
}

const KIND_RANK: Record<StepKind, number> = { first: 0, reminder: 1, escalation: 2 };

/** The most advanced kind among `kinds` (escalation > reminder > first); `first` when empty. */
export function mostAdvancedKind(kinds: Iterable<StepKind>): StepKind {
  let best: StepKind = 'first';
  for (const kind of kinds) if (KIND_RANK[kind] > KIND_RANK[best]) best = kind;
  return best;
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new AppError('MAPPING_INVALID', `alerts.${name} must be a whole number ≥ 1, got ${value}`);
}
