import { z } from 'zod';
import {
  ApplicationSchema,
  DepartmentSchema,
  DescriptionFieldSchema,
  NODE_TYPES,
  PeriodicitySchema,
  ResponsibilityRoleSchema,
  ScorecardSchema,
  StatusSchema,
  UserSchema,
  wireObject,
} from '../stratsys/schemas.js';
import { DateString, Id, LocalDateTime, NullableId } from './fixture-primitives.js';
import { FixtureKpiColumnSchema, FixtureKpiSchema, FixtureKpiValueSchema, LockedPeriodSchema, ReportingListSchema, ReportListSchema } from './fixture-records.js';

export * from './fixture-records.js';

/**
 * The tenant fixture: everything the simulated Stratsys tenant serves, as one JSON document.
 *
 * Two conventions, one rule: an entity the API returns exactly as stored (application,
 * departments, scorecards, statuses, responsibility roles, users, description fields,
 * periodicities, versions) is kept in its wire form (PascalCase, parsed with the wire schemas), so
 * a recorded `Result` can be pasted in. Everything the simulator assembles into responses (columns,
 * keywords, nodes, comments, KPIs, report lists) is a plain camelCase record that refers to other
 * entities by id. All ids are strings (numbers are accepted and turned into strings). Dates are
 * `yyyy-MM-dd`; comment timestamps are local Stockholm time `yyyy-MM-dd HH:mm:ss`.
 */

/** The API application's credentials (Basic, static bearer tokens, OAuth2 client credentials). */
export const CredentialsSchema = z.object({
  /** HTTP Basic user name and OAuth2 client id. */
  clientId: z.string().min(1),
  /** HTTP Basic password and OAuth2 client secret. */
  clientSecret: z.string().min(1),
  /** Static tokens accepted as `BEARER <companyCode>_<token>`. */
  bearerTokens: z.array(z.string().min(1)).default([]),
  /** OAuth2 scope the token endpoint grants; a request asking for another scope gets `invalid_scope`. */
  scope: z.string().default('https://web.stratsys.se/auth/v1/full.access'),
});

export { PeriodicitySchema, type Periodicity } from '../stratsys/schemas.js';

/** `GET versions` item (wire form). */
export const VersionSchema = wireObject({ Id, Name: z.string(), Type: z.string() });
export type Version = z.infer<typeof VersionSchema>;

/** A scorecard column (level). */
export const FixtureColumnSchema = z.object({
  id: Id,
  scorecardId: Id,
  name: z.string(),
  definition: z.string().nullable().default(null),
  /** 0-based level in the scorecard; 0 is the top. */
  index: z.number().int().min(0),
  nodeType: z.enum(NODE_TYPES),
});
export type FixtureColumn = z.infer<typeof FixtureColumnSchema>;

/** A keyword group and the columns it applies to. */
export const FixtureKeywordGroupSchema = z.object({
  id: Id,
  name: z.string(),
  /** Scorecard columns whose nodes may carry keywords of this group (`keywordgroups/filter?scorecardColumnId`). */
  columnIds: z.array(Id).default([]),
});
export type FixtureKeywordGroup = z.infer<typeof FixtureKeywordGroupSchema>;

/** A keyword of a group. */
export const FixtureKeywordSchema = z.object({ id: Id, name: z.string(), groupId: Id });
export type FixtureKeyword = z.infer<typeof FixtureKeywordSchema>;

/** A user holding a responsibility role on a node. */
export const FixtureResponsibleSchema = z.object({
  userId: Id,
  roleId: Id,
  /** Department the assignment holds in (department-specific roles); null = in every department. */
  departmentId: NullableId,
});
export type FixtureResponsible = z.infer<typeof FixtureResponsibleSchema>;

/** A scorecard node (focus area, goal, activity or KPI). */
export const FixtureNodeSchema = z.object({
  id: Id,
  name: z.string(),
  /** Parent node in the same scorecard; null on top-level nodes. */
  parentId: NullableId,
  scorecardId: Id,
  columnId: Id,
  /** Owning department: the node is visible there and in every department below it. */
  departmentId: Id,
  sortOrder: z.number().default(0),
  keywordIds: z.array(Id).default([]),
  /** Description-field id → text value. */
  descriptionFields: z.record(z.string(), z.string()).default({}),
  responsibles: z.array(FixtureResponsibleSchema).default([]),
  /** Current status (activities); null for goals and KPIs. */
  statusId: NullableId,
  endDate: DateString.nullable().default(null),
  /**
   * Further departments an activity is distributed to: each reports it (an `activities/filter` row of
   * its own, follow-ups of its own) and sees the node, as the owner does. Empty for most nodes.
   */
  distributedTo: z.array(Id).default([]),
});
export type FixtureNode = z.infer<typeof FixtureNodeSchema>;

/** A follow-up comment a department wrote on a node for a period. */
export const FixtureCommentSchema = z.object({
  id: Id,
  nodeId: Id,
  /** The department that wrote the follow-up. */
  departmentId: Id,
  /** HTML. */
  text: z.string(),
  periodDate: DateString,
  postedDate: LocalDateTime,
  lastUpdatedDate: LocalDateTime.nullable().default(null),
  userId: NullableId,
  commentType: z.object({ id: z.number().int(), name: z.string() }).nullable().default(null),
  /**
   * Served instead of `periodDate` / `postedDate` when present (null or any text, e.g. "igår kväll"),
   * to simulate a tenant sending an unreadable date; the validated dates still order the comments.
   */
  servedPeriodDate: z.string().nullable().optional(),
  servedPostedDate: z.string().nullable().optional(),
});
export type FixtureComment = z.infer<typeof FixtureCommentSchema>;

/**
 * A tenant fixture's fields, references between entities not checked: parse with
 * TenantFixtureSchema (src/sim/fixture-refs.ts), which checks them.
 */
export const TenantFixtureShape = z.object({
  companyCode: z.string().regex(/^[A-Za-z0-9-]+$/, 'expected letters, digits and dashes (no underscore)'),
  credentials: CredentialsSchema,
  /** The user `users/me` answers with (the API application's service user). */
  serviceUserId: Id,
  application: ApplicationSchema,
  versions: z.array(VersionSchema).default([]),
  periodicities: z.array(PeriodicitySchema).default([]),
  departments: z.array(DepartmentSchema).min(1),
  scorecards: z.array(ScorecardSchema),
  scorecardColumns: z.array(FixtureColumnSchema),
  statuses: z.array(StatusSchema),
  /** Statuses allowed per scorecard column (`statuses/filter?scorecardColumnId=`); a column not listed allows every status. */
  columnStatuses: z.array(z.object({ columnId: Id, statusIds: z.array(Id) })).default([]),
  responsibilityRoles: z.array(ResponsibilityRoleSchema),
  users: z.array(UserSchema),
  keywordGroups: z.array(FixtureKeywordGroupSchema).default([]),
  keywords: z.array(FixtureKeywordSchema).default([]),
  descriptionFields: z.array(DescriptionFieldSchema).default([]),
  nodes: z.array(FixtureNodeSchema),
  comments: z.array(FixtureCommentSchema).default([]),
  kpis: z.array(FixtureKpiSchema).default([]),
  kpiColumns: z.array(FixtureKpiColumnSchema).default([]),
  kpiData: z.array(FixtureKpiValueSchema).default([]),
  lockedPeriods: z.array(LockedPeriodSchema).default([]),
  reportLists: z.array(ReportListSchema).default([]),
  reportingLists: z.array(ReportingListSchema).default([]),
});

/** A tenant fixture file. */
export type TenantFixture = z.infer<typeof TenantFixtureShape>;
