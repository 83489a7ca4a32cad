import { z } from 'zod';
import { NODE_TYPES } from '../stratsys/schemas.js';
import { DateString, Id, NullableId } from './fixture-primitives.js';

/** KPI, KPI-value, lock and start-page-list records of a tenant fixture (see fixture.ts). */

/** A KPI and the departments it exists in. */
export const FixtureKpiSchema = z.object({
  id: Id,
  name: z.string(),
  scorecardId: NullableId,
  periodicityId: NullableId,
  templateId: z.number().int().nullable().default(null),
  /** Departments the KPI exists in: one `kpis/filter` row each; writes for others are unknown KPIs. */
  departmentIds: z.array(Id).min(1),
});
export type FixtureKpi = z.infer<typeof FixtureKpiSchema>;

/** A value column of a KPI (shared or per department). */
export const FixtureKpiColumnSchema = z.object({
  id: Id,
  kpiId: Id,
  /** Department the column belongs to; null = the same column in every department of the KPI. */
  departmentId: NullableId,
  name: z.string(),
  index: z.number().int().min(0),
  prefix: z.string().nullable().default(null),
  postfix: z.string().nullable().default(null),
  /** Decimals the column keeps: a value written with more is stored rounded (reading `kpiRounding`); null = as sent. */
  decimals: z.number().int().min(0).max(10).nullable().default(null),
});
export type FixtureKpiColumn = z.infer<typeof FixtureKpiColumnSchema>;

/** A stored KPI value. */
export const FixtureKpiValueSchema = z.object({
  kpiId: Id,
  departmentId: Id,
  columnId: Id,
  /** The period's last day (yearly KPIs: `yyyy-12-31`). */
  date: DateString,
  value: z.number().nullable(),
});
export type FixtureKpiValue = z.infer<typeof FixtureKpiValueSchema>;

/** A period closed for input: writes into it are ignored. */
export const LockedPeriodSchema = z.object({
  /** Absent = every KPI. */
  kpiId: Id.optional(),
  /** Absent = every department. */
  departmentId: Id.optional(),
  /** The locked period's date, compared with the `Date` of a write. */
  date: DateString,
});
export type LockedPeriod = z.infer<typeof LockedPeriodSchema>;

/** One (report, department) row of a report list. */
export const ReportListRowSchema = z.object({
  departmentId: Id,
  /** Display period, e.g. "2020". */
  reportPeriod: z.string(),
  /** Deadline day in Europe/Stockholm. */
  deadline: DateString,
  name: z.string(),
  url: z.string().nullable().default(null),
  progress: z.object({ readyForApproval: z.number().nullable(), approved: z.number().nullable() }).nullable().default(null),
});
export type ReportListRow = z.infer<typeof ReportListRowSchema>;

/** A report list on a user's start page (`stratsys-apps/reportlists`). */
export const ReportListSchema = z.object({
  id: Id,
  name: z.string(),
  /** The user on whose start page the list sits. */
  userId: Id,
  rows: z.array(ReportListRowSchema).default([]),
});
export type ReportList = z.infer<typeof ReportListSchema>;

/** One node awaiting follow-up in a reporting list. */
export const ReportingListRowSchema = z.object({
  departmentId: Id,
  nodeId: Id,
  periodName: z.string().nullable().default(null),
  deadline: DateString,
  /** `reportNode`: a follow-up is still expected; `showNode`: view only (hidden unless showAll). */
  action: z.enum(['reportNode', 'showNode']),
});
export type ReportingListRow = z.infer<typeof ReportingListRowSchema>;

/** A reporting list on a user's start page (`stratsys-apps/reportinglists`). */
export const ReportingListSchema = z.object({
  id: Id,
  name: z.string(),
  nodeType: z.enum(NODE_TYPES),
  userId: NullableId,
  rows: z.array(ReportingListRowSchema).default([]),
});
export type ReportingList = z.infer<typeof ReportingListSchema>;
