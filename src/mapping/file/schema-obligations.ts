import { z } from 'zod';
import type { DueRule, FixedDayDueRule, ObligationRules } from '../../domain/obligations.js';
import { IdSchema, TextSchema, strict } from './schema-common.js';

/**
 * `obligations`: the yearly reports units owe, in exactly the shape of ObligationRules
 * (src/domain/obligations.ts). Everything has a default; `null` switches an obligation off.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const UNIT_KINDS = ['department', 'company', 'other'] as const;
const STATUS_KINDS = ['not-started', 'ongoing', 'finished', 'other'] as const;
const GraceDaysSchema = z.number().int().min(0).max(366).default(14);

/** Default due rule: 31 January of the following year, 14 grace days. */
export const DEFAULT_DUE: FixedDayDueRule = { kind: 'fixed-day', month: 1, day: 31, yearOffset: 1, graceDays: 14 };

const FixedDayShape = {
  kind: z.literal('fixed-day'),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  yearOffset: z.number().int().min(0).max(5).default(1),
  graceDays: GraceDaysSchema,
};

function checkDay(value: { month: number; day: number }, ctx: z.RefinementCtx): void {
  const last = DAYS_IN_MONTH[value.month - 1] ?? 31;
  if (value.day > last) {
    const hint = value.month === 2 ? ' (29 February exists only in leap years; use 28 February or 1 March)' : '';
    ctx.addIssue({ code: 'custom', path: ['day'], message: `expected a day from 1 to ${last} for month ${value.month}${hint}` });
  }
}

const FixedDaySchema = strict(FixedDayShape).superRefine(checkDay);
/** A fallback rule: `kind` may be left out. */
const FallbackSchema = strict({ ...FixedDayShape, kind: FixedDayShape.kind.default('fixed-day') }).superRefine(checkDay);

const ReportListSchema = strict({
  kind: z.literal('report-list'),
  reportListId: IdSchema,
  /** Stratsys user id, user name or e-mail whose start-page report list is read. */
  user: TextSchema,
  graceDays: GraceDaysSchema,
  /** For units without a row in the list. Default: 31 January next year, 14 grace days. */
  fallback: FallbackSchema.prefault({ month: DEFAULT_DUE.month, day: DEFAULT_DUE.day }),
});

/** A due rule: `kind: fixed-day` or `kind: report-list` (with a fixed-day fallback). */
export const DueRuleSchema: z.ZodType<DueRule, unknown> = z.discriminatedUnion('kind', [FixedDaySchema, ReportListSchema], {
  error: 'expected kind: fixed-day (with month and day) or kind: report-list (with reportListId and user)',
});

const AppliesToSchema = z.array(z.enum(UNIT_KINDS)).min(1).default(['department', 'company']);
const DueSchema = DueRuleSchema.default(DEFAULT_DUE);

const ActionPlanSchema = strict({
  appliesTo: AppliesToSchema,
  evidence: z.enum(['all-activities', 'any-activity']).default('all-activities'),
  skipStatusKinds: z.array(z.enum(STATUS_KINDS)).default([]),
  due: DueSchema,
});

const ProjectReportSchema = strict({
  appliesTo: AppliesToSchema,
  evidence: z.enum(['statement', 'statement-or-project-follow-up']).default('statement'),
  due: DueSchema,
});

/** The `obligations` block; absent means both obligations with their defaults. */
export const ObligationsSchema = strict({
  actionPlanFollowUp: ActionPlanSchema.nullable().prefault({}),
  projectReport: ProjectReportSchema.nullable().prefault({}),
}).prefault({});

/** Compile-time proof that the parsed block is exactly ObligationRules. */
export type ObligationsConfig = z.output<typeof ObligationsSchema>;
const _isObligationRules = (value: ObligationsConfig): ObligationRules => value;
void _isObligationRules;
