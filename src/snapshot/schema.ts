import { z } from 'zod';
import {
  ActivitySchema,
  ApplicationSchema,
  CommentSchema,
  DepartmentSchema,
  KeywordSchema,
  DescriptionFieldValueSchema,
  ScorecardColumnSchema,
  ScorecardNodeSchema,
  ScorecardSchema,
  StatusSchema,
  UserReportListItemSchema,
  UserSchema,
} from '../stratsys/schemas.js';

/**
 * A pulled, validated copy of what the worker needs from one tenant. It is stored as JSON (file
 * or Redis), validated when written and checked when read back (src/snapshot/stored-unit.ts,
 * stored-tenant.ts). Wire objects keep Stratsys' vocabulary here; only the
 * mapping engine turns them into domain objects.
 */

/** One action-plan scorecard as seen from one unit. */
export const UnitScorecardSchema = z.object({
  scorecardId: z.string(),
  /** Every node visible in the unit (its own and inherited ones), from `GET scorecards/{s}/departments/{d}/nodes`. */
  nodes: z.array(ScorecardNodeSchema),
  /** Node id → keywords, for the unit's own nodes, when the mapping needs keywords. */
  keywords: z.record(z.string(), z.array(KeywordSchema)).default({}),
  /** Node id → description-field values, for the unit's own nodes, when the mapping needs them. */
  descriptionFields: z.record(z.string(), z.array(DescriptionFieldValueSchema)).default({}),
  /**
   * The unit's `activities/filter` rows (`DepartmentId` = the unit): the activities it reports, with
   * their status ids and end dates in the unit. Who reports an activity comes from these rows only.
   */
  activities: z.array(ActivitySchema),
  /**
   * Node id → follow-up comments of this unit (`GET comments/{node}/filter?departmentId`), for the
   * activities it reports and the project-statement nodes. Only comments whose `DepartmentId` is the
   * unit count for it (a tenant may return every department's: `CommentServiceUT.cs`).
   */
  comments: z.record(z.string(), z.array(CommentSchema)),
});
export type UnitScorecard = z.infer<typeof UnitScorecardSchema>;

/**
 * How a unit pull is made. 2: the unit's activities are its activity rows, and keywords, description
 * fields and comments are pulled for those (not for the nodes whose `Department` is the unit). A
 * stored pull of an older version may lack the data of activities shared with other units, so it is
 * not evaluated: the unit counts as not pulled (held back) until it is pulled again.
 */
export const UNIT_PULL_VERSION = 2;

/** Everything pulled for one department or company; the unit of storage and of a re-run. */
export const UnitSnapshotSchema = z.object({
  departmentId: z.string(),
  /** See UNIT_PULL_VERSION; absent in pulls stored before it existed (version 1). */
  pullVersion: z.number().int().positive().default(1),
  /** ISO 8601 instant the unit's pull finished. */
  pulledAt: z.string(),
  scorecards: z.array(UnitScorecardSchema),
  /** Number of Stratsys requests this unit's pull made. */
  requests: z.number().int().nonnegative().default(0),
  /** Users holding a role on a node in this unit (PullPlan.unitRoleHolders); key as TenantData.roleHolders. */
  roleHolders: z.record(z.string(), z.array(UserSchema)).default({}),
});
export type UnitSnapshot = z.infer<typeof UnitSnapshotSchema>;

export const UnitFailureSchema = z.object({
  departmentId: z.string(),
  code: z.string(),
  message: z.string(),
});
export type UnitFailure = z.infer<typeof UnitFailureSchema>;

/** Tenant-wide reference data, pulled once per run. */
export const TenantDataSchema = z.object({
  application: ApplicationSchema.nullable(),
  departments: z.array(DepartmentSchema),
  scorecards: z.array(ScorecardSchema),
  columns: z.array(ScorecardColumnSchema),
  /**
   * Every status known: those of the activity columns, or `GET statuses` when the per-column call is
   * not served (stored data from before the per-column pull has only this).
   */
  statuses: z.array(StatusSchema),
  /** Column id → its statuses (`statuses/filter?scorecardColumnId=`, `StatusServiceUT.cs`); empty when not served. */
  columnStatuses: z.record(z.string(), z.array(StatusSchema)).default({}),
  /**
   * Scorecard id → `GET activities/filter?scorecardId=` rows: one per activity *and* department
   * (`ActivityServiceUT.cs`), pulled once per scorecard for a full run. The imports of that run take
   * each unit's rows from here; absent (older stored data, or a scorecard missing here) means each
   * unit asks for its own rows.
   */
  activityRows: z.record(z.string(), z.array(ActivitySchema)).optional(),
  /**
   * Project-statement node id → every unit's comments on it (`comments/{n}/filter` without
   * `departmentId`, `CommentServiceUT.cs`), asked once per node for a full run; each unit keeps its
   * own (`DepartmentId`). Absent: each unit asks (a one-unit re-run always does).
   */
  statementComments: z.record(z.string(), z.array(CommentSchema)).optional(),
  /** Whether this tenant filled `fields=keywords,descriptionfields` in one request when the run probed it (contract 5.16). */
  nodeFields: z.enum(['combined', 'separate']).optional(),
  /** Report-list rows per list id, when the mapping reads deadlines from Stratsys report lists. */
  reportLists: z.record(z.string(), z.array(UserReportListItemSchema)).default({}),
  /** Users holding a responsibility role on a node: key `<scorecardId>/<departmentId>/<nodeId>/<roleId>`. */
  roleHolders: z.record(z.string(), z.array(UserSchema)).default({}),
  /** ISO 8601 instant the reference data was pulled. */
  pulledAt: z.string(),
  /** The reported year, as-of instant and programme of the run that made this pull; readers of the stored pull default to them. */
  period: z.object({ year: z.number().int(), asOf: z.string(), programmeId: z.string().optional() }).optional(),
});
export type TenantData = z.infer<typeof TenantDataSchema>;

export const SnapshotSchema = z.object({
  schemaVersion: z.literal(1),
  tenantId: z.string(),
  /** ISO 8601 instant the snapshot was assembled. */
  pulledAt: z.string(),
  tenant: TenantDataSchema,
  units: z.array(UnitSnapshotSchema),
  /** Units whose pull failed: their data is absent and every total that depends on them is held back. */
  failures: z.array(UnitFailureSchema).default([]),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** What an evaluated run keeps of a unit's pull: which pull it was and its role holders; not its scorecards. */
export type UnitPullRef = Pick<UnitSnapshot, 'departmentId' | 'pulledAt' | 'pullVersion' | 'roleHolders'>;

/**
 * A snapshot once evaluated: the tenant data and failures, and of each unit only which pull was
 * evaluated (UnitPullRef). A run holds this, not the units' nodes and comments, while it writes its
 * report (texts are read again from the store, checked to be the same pulls); a full Snapshot is one.
 */
export type EvaluatedSnapshot = Omit<Snapshot, 'units'> & { units: UnitPullRef[] };

/** A unit's UnitPullRef (a new object: the unit can be let go). */
export function pullRefOf({ departmentId, pulledAt, pullVersion, roleHolders }: UnitPullRef): UnitPullRef {
  return { departmentId, pulledAt, pullVersion, roleHolders };
}

/** Every pulled role lookup of a snapshot: the tenant's (owners) and each unit's (reporters). */
export function allRoleHolders(snapshot: EvaluatedSnapshot): TenantData['roleHolders'] {
  const all = { ...snapshot.tenant.roleHolders };
  for (const unit of snapshot.units) Object.assign(all, unit.roleHolders);
  return all;
}
