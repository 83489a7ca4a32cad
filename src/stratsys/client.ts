import { z } from 'zod';
import { StratsysHttpError } from './errors.js';
import {
  ActivitySchema,
  ApplicationSchema,
  CommentSchema,
  DepartmentSchema,
  DescriptionFieldSchema,
  DescriptionFieldValueSchema,
  KeywordGroupSchema,
  KeywordSchema,
  KpiColumnSchema,
  KpiDataAnyDepartmentSchema,
  KpiDataSchema,
  KpiSchema,
  PeriodicitySchema,
  ResponsibilityRoleSchema,
  ScorecardColumnSchema,
  ScorecardNodeSchema,
  ScorecardSchema,
  StatusSchema,
  UserReportListItemSchema,
  UserReportingListSchema,
  UserSchema,
  type KpiData,
} from './schemas.js';
import type { StratsysTransport } from './transport.js';

const seg = (value: string | number) => encodeURIComponent(String(value));
const list = <T extends z.ZodType>(item: T) => z.array(item);

/**
 * A list whose items must have distinct `Id`s: a node listed twice would be counted twice (or in
 * two versions), so the answer is refused (STRATSYS_RESPONSE_INVALID, the unit held back) naming
 * the id; at most 20 repeats are listed.
 */
const uniqueList = <T extends z.ZodType<{ Id: string }>>(item: T, what: string) =>
  z.array(item).superRefine((items, ctx) => {
    const first = new Map<string, number>();
    let reported = 0;
    items.forEach((entry, index) => {
      const seen = first.get(entry.Id);
      if (seen === undefined) first.set(entry.Id, index);
      else if (reported++ < 20) ctx.addIssue({ code: 'custom', path: [index, 'Id'], message: `${what} id ${entry.Id} is listed more than once (first at Result[${seen}])` });
    });
  });

/** Expansions of `GET scorecards/{s}/departments/{d}/nodes/{n}?fields=`. */
export type NodeField = 'descriptionfields' | 'keywords' | 'responsibles' | 'nodetypespecific';

/** How a KPI column is addressed (exactly one selector). */
export type ColumnSelector = { id: string } | { name: string } | { index: number };

export interface KpiWrite {
  kpiId: string;
  departmentId: string;
  column: ColumnSelector;
  /** Last day of the period, `yyyy-MM-dd`. */
  date: string;
  value: number | null;
}

/**
 * Every Stratsys API v1 call the worker needs, typed and validated (see the contract document,
 * section numbers in brackets). Paths are relative to the API base URL.
 */
export class StratsysClient {
  constructor(
    private readonly transport: StratsysTransport,
    private readonly counter?: { count: number },
  ) {}

  /** HTTP exchanges sent so far by this client (a scoped client counts only its own), retries included. */
  get requestCount(): number {
    return this.counter ? this.counter.count : this.transport.requestCount;
  }

  /** A client on the same transport (same limits and auth) that counts its own requests. */
  scoped(): StratsysClient {
    return new StratsysClient(this.transport, { count: 0 });
  }

  // [2.16] [2.17] start-up checks
  checkAccess() {
    return this.get('authorizations/CheckAccess', 'authorizations/CheckAccess', z.string());
  }
  application() {
    return this.get('applications/this', 'applications/this', ApplicationSchema);
  }

  // [2.1] organisation
  departments() {
    return this.get('departments', 'departments', list(DepartmentSchema));
  }
  rootDepartment() {
    return this.get('departments/root', 'departments/root', DepartmentSchema);
  }
  department(id: string) {
    return this.get(`departments/${seg(id)}`, 'departments/{id}', DepartmentSchema);
  }

  // [2.2] [2.3] scorecards and their columns
  scorecards() {
    return this.get('scorecards', 'scorecards', list(ScorecardSchema));
  }
  scorecardColumns(scorecardId: string) {
    return this.get('scorecardcolumns/filter', 'scorecardcolumns/filter', list(ScorecardColumnSchema), { scorecardId });
  }

  // [2.4] nodes of one scorecard in one department
  nodes(scorecardId: string, departmentId: string) {
    return this.get(`scorecards/${seg(scorecardId)}/departments/${seg(departmentId)}/nodes`, 'scorecards/{s}/departments/{d}/nodes', uniqueList(ScorecardNodeSchema, 'node'));
  }
  node(scorecardId: string, departmentId: string, nodeId: string, fields: NodeField[] = []) {
    return this.get(`scorecards/${seg(scorecardId)}/departments/${seg(departmentId)}/nodes/${seg(nodeId)}`, 'scorecards/{s}/departments/{d}/nodes/{n}', ScorecardNodeSchema, {
      fields: fields.length > 0 ? fields.join(',') : undefined,
    });
  }
  nodeKeywords(scorecardId: string, departmentId: string, nodeId: string) {
    return this.get(`scorecards/${seg(scorecardId)}/departments/${seg(departmentId)}/nodes/${seg(nodeId)}/keywords`, 'scorecards/{s}/departments/{d}/nodes/{n}/keywords', list(KeywordSchema));
  }
  nodeDescriptionFields(scorecardId: string, departmentId: string, nodeId: string) {
    return this.get(
      `scorecards/${seg(scorecardId)}/departments/${seg(departmentId)}/nodes/${seg(nodeId)}/descriptionfields`,
      'scorecards/{s}/departments/{d}/nodes/{n}/descriptionfields',
      list(DescriptionFieldValueSchema),
    );
  }
  /** [2.4] Users holding a responsibility role on a node in a department. */
  roleHolders(scorecardId: string, departmentId: string, nodeId: string, roleId: string) {
    return this.get(
      `scorecards/${seg(scorecardId)}/departments/${seg(departmentId)}/nodes/${seg(nodeId)}/responsibilityroles/${seg(roleId)}/users`,
      'scorecards/{s}/departments/{d}/nodes/{n}/responsibilityroles/{r}/users',
      list(UserSchema),
    );
  }

  // [2.6] activities and statuses
  /**
   * `GET activities/filter`. `onlySimple` and `excludeFinished` are always sent, as .NET writes them
   * (`False`/`True`): the reference request adds both unconditionally
   * (`Apis/Activities/Requests/FilterActivitiesRequest.cs`), and a tenant may require them (contract 5.10).
   * With only `scorecardId` the answer has one row per activity *and* department (`ActivityServiceUT.cs`).
   */
  activities(filter: { scorecardId?: string; departmentId?: string; statusId?: string; excludeFinished?: boolean }) {
    const params = { scorecardId: filter.scorecardId, departmentId: filter.departmentId, statusId: filter.statusId, onlySimple: 'False', excludeFinished: filter.excludeFinished ? 'True' : 'False' };
    return this.get('activities/filter', 'activities/filter', list(ActivitySchema), params);
  }
  /** `activities/filter?scorecardId=` without `onlySimple`/`excludeFinished`: only `check --deep` asks, to see whether the tenant requires them. */
  activitiesWithoutFlags(scorecardId: string) {
    return this.get('activities/filter', 'activities/filter', list(ActivitySchema), { scorecardId });
  }
  /** `GET statuses`: exists only in the reference's secondary, untested client (`Clients/Resources/StatusDtoResource.cs`). */
  statuses() {
    return this.get('statuses', 'statuses', list(StatusSchema));
  }
  /** `GET statuses/filter?scorecardColumnId=`: the tested call; statuses differ per column (`StatusServiceUT.cs`). */
  columnStatuses(scorecardColumnId: string) {
    return this.get('statuses/filter', 'statuses/filter', list(StatusSchema), { scorecardColumnId });
  }

  // [2.7] follow-up comments
  /**
   * A unit's comments on a node. Without `departmentId` the reference gets every department's comments
   * (`CommentServiceUT.cs`); a tenant may do so even with it, so callers keep only the unit's own
   * (`Comment.DepartmentId`).
   */
  comments(nodeId: string, departmentId: string) {
    return this.get(`comments/${seg(nodeId)}/filter`, 'comments/{nodeId}/filter', list(CommentSchema), { departmentId });
  }

  /** Every department's comments on a node (no `departmentId`; `CommentServiceUT.cs`): only `check --deep` asks. */
  commentsAllDepartments(nodeId: string) {
    return this.get(`comments/${seg(nodeId)}/filter`, 'comments/{nodeId}/filter', list(CommentSchema));
  }

  // [2.13] keyword groups and description fields
  keywordGroups(scorecardColumnId?: string) {
    return this.get('keywordgroups/filter', 'keywordgroups/filter', list(KeywordGroupSchema), { scorecardColumnId });
  }
  descriptionFields(name?: string) {
    return this.get('descriptionfields/filter', 'descriptionfields/filter', list(DescriptionFieldSchema), { name });
  }

  // [2.8] [2.9] roles and users
  responsibilityRoles() {
    return this.get('responsibilityroles', 'responsibilityroles', list(ResponsibilityRoleSchema));
  }
  users(filter: { email?: string; name?: string } = {}) {
    return this.get('users/filter', 'users/filter', list(UserSchema), filter);
  }
  user(idOrUsernameOrEmail: string) {
    return this.get(`users/${seg(idOrUsernameOrEmail)}`, 'users/{id}', UserSchema);
  }

  // [2.10] [2.11] KPIs
  kpis(filter: { id?: string; departmentId?: string; name?: string; scorecardId?: string }) {
    return this.get('kpis/filter', 'kpis/filter', list(KpiSchema), filter);
  }
  kpiColumns(kpiId: string, departmentId?: string) {
    return this.get(`kpicolumns/${seg(kpiId)}/filter`, 'kpicolumns/{kpiId}/filter', list(KpiColumnSchema), { departmentId });
  }
  kpiData(kpiId: string, filter: { departmentId?: string; kpiColumnId?: string; kpiColumnName?: string; kpiColumnIndex?: number; startDate?: string; endDate?: string }) {
    return this.get(`kpidata/${seg(kpiId)}/filter`, 'kpidata/{kpiId}/filter', list(KpiDataSchema), filter);
  }
  /** Every department's values of a KPI (no `departmentId`; `KpiDataServiceUT.cs`); rows may lack `DepartmentId`. */
  kpiDataAllDepartments(kpiId: string, filter: { startDate: string; endDate: string }) {
    return this.get(`kpidata/${seg(kpiId)}/filter`, 'kpidata/{kpiId}/filter', list(KpiDataAnyDepartmentSchema), filter);
  }
  /** [2.12] One periodicity (400 "Periodicity undefined" when unknown). */
  periodicity(id: string) {
    return this.get(`periodicities/${seg(id)}`, 'periodicities/{id}', PeriodicitySchema);
  }

  /**
   * [2.11] `PUT kpidata` (SaveOrUpdate): returns the value Stratsys echoes as stored. Judging the echo
   * (applied, rounded to the column's decimals, or a locked period that kept the old value) needs the
   * value read before the write, so it is the caller's (src/indicators/echo.ts).
   */
  putKpiValue(write: KpiWrite): Promise<number | null> {
    const body: KpiData = {
      KpiId: write.kpiId,
      DepartmentId: write.departmentId,
      KpiColumnId: 'id' in write.column ? write.column.id : null,
      KpiColumnName: 'name' in write.column ? write.column.name : null,
      KpiColumnIndex: 'index' in write.column ? write.column.index : null,
      Date: write.date,
      Value: write.value,
    };
    return this.transport.request({ method: 'PUT', path: 'kpidata', route: 'PUT kpidata', body, schema: z.number().nullable(), counter: this.counter });
  }

  // [2.15] deadlines from the start-page gadgets of one user
  reportList(reportListId: string, user: string, showAll = true) {
    return this.get(`stratsys-apps/reportlists/${seg(reportListId)}/users/${seg(user)}`, 'stratsys-apps/reportlists/{id}/users/{user}', list(UserReportListItemSchema), { showAll });
  }
  reportingList(reportingListId: string, user: string, showAll = true) {
    return this.get(`stratsys-apps/reportinglists/${seg(reportingListId)}/users/${seg(user)}`, 'stratsys-apps/reportinglists/{id}/users/{user}', UserReportingListSchema, { showAll });
  }

  private get<S extends z.ZodType>(path: string, route: string, schema: S, params?: Record<string, string | number | boolean | undefined>) {
    return this.transport.request({ method: 'GET', path, route: `GET ${route}`, schema, params, counter: this.counter });
  }
}

/** True when the error is Stratsys' "unknown id" answer (HTTP 400, `Success: false`). */
export function isUnknownIdError(error: unknown): boolean {
  return error instanceof StratsysHttpError && error.status === 400;
}
