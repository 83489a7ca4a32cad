import { TZDate } from '@date-fns/tz';
import type { FocusAreaOwner, ProjectStatement, ReportDeadline, UnreadableFollowUp } from '../../domain/programme.js';
import type { Snapshot, TenantData, UnitSnapshot } from '../../snapshot/schema.js';
import type { User } from '../../stratsys/schemas.js';
import type { CompiledMapping } from './compile.js';
import type { IndexedScorecard } from './facts.js';
import { toFollowUps } from './follow-ups.js';
import type { MappingIssue } from './issues.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { compareIds } from '../../shared/ids.js';
import { compareInstants } from './names.js';

/** The parts of the programme view that do not depend on rules: statements, deadlines, owners. */

/**
 * Every comment of a unit on a project-statement node, as a statement for the comment's period
 * year; `isNone` when the text matches the mapping's none-marker. All statements are kept (the
 * rules take the earliest per year), sorted by unit, year, posting instant. Statements whose date
 * cannot be read go to `unreadable`.
 */
export function collectStatements(scorecards: readonly IndexedScorecard[], compiled: CompiledMapping, timeZone: string, issues: MappingIssue[], unreadable: UnreadableFollowUp[]): ProjectStatement[] {
  return sortStatements(statementsOf(scorecards, compiled, timeZone, issues, unreadable));
}

/** The statements of some scorecards (of one unit or several), in the scorecards' order: collectStatements unsorted. */
export function statementsOf(scorecards: readonly IndexedScorecard[], compiled: CompiledMapping, timeZone: string, issues: MappingIssue[], unreadable: UnreadableFollowUp[]): ProjectStatement[] {
  const seen = new Set<string>();
  const statements: ProjectStatement[] = [];
  for (const scorecard of scorecards) {
    for (const nodeId of compiled.statementNodeIds) {
      const comments = (scorecard.card.comments[nodeId] ?? []).filter((comment) => !seen.has(`${scorecard.unitId}/${comment.Id}`));
      comments.forEach((comment) => seen.add(`${scorecard.unitId}/${comment.Id}`));
      for (const followUp of toFollowUps(comments, nodeId, scorecard.unitId, timeZone, { kind: 'project-statement', issues, unreadable })) {
        statements.push({ unitId: scorecard.unitId, year: followUp.year, followUp, isNone: compiled.noneMarker?.test(followUp.text) ?? false });
      }
    }
  }
  return statements;
}

/** Statements sorted by unit, year, posting instant (stable: equal ones keep their order). */
export function sortStatements(statements: ProjectStatement[]): ProjectStatement[] {
  return statements.sort((a, b) => compareIds(a.unitId, b.unitId) || a.year - b.year || compareInstants(a.followUp.postedAt, b.followUp.postedAt));
}

/**
 * Deadlines from the report lists the obligations read. Deadline day = the local date (in
 * `timeZone`) of the tenant data's pull instant minus `DaysDelayed` days; year = the 4-digit year
 * in `ReportPeriod`. Rows without a readable year are skipped with a warning.
 */
export function collectReportDeadlines(snapshot: Pick<Snapshot, 'tenant' | 'pulledAt'>, mapping: ProgrammeMapping, timeZone: string, issues: MappingIssue[]): ReportDeadline[] {
  const listIds = new Set([mapping.obligations.actionPlanFollowUp?.due, mapping.obligations.projectReport?.due].flatMap((due) => (due?.kind === 'report-list' ? [due.reportListId] : [])));
  const pulled = new TZDate(Date.parse(snapshot.tenant.pulledAt || snapshot.pulledAt), timeZone);
  const deadlines: ReportDeadline[] = [];
  for (const reportListId of listIds) {
    for (const row of snapshot.tenant.reportLists[reportListId] ?? []) {
      const year = /(?<!\d)(\d{4})(?!\d)/.exec(row.ReportPeriod ?? '')?.[1];
      if (year === undefined) {
        issues.push({
          severity: 'warning',
          code: 'report-period-unparseable',
          message: `report list ${reportListId}: row "${row.Name}" of unit ${row.DepartmentId} has no year in ReportPeriod "${row.ReportPeriod ?? ''}"; skipped`,
          unitId: row.DepartmentId,
        });
        continue;
      }
      const due = new Date(Date.UTC(pulled.getFullYear(), pulled.getMonth(), pulled.getDate() - row.Deadline.DaysDelayed));
      deadlines.push({ reportListId, unitId: row.DepartmentId, year: Number(year), dueDate: due.toISOString().slice(0, 10), url: row.Url });
    }
  }
  return deadlines.sort((a, b) => compareIds(a.reportListId, b.reportListId) || compareIds(a.unitId, b.unitId) || a.year - b.year);
}

/**
 * Focus-area owners: the mapping's fixed addresses, then the e-mails of the Stratsys role holders
 * pulled into `tenant.roleHolders`. One entry per focus area, in programme order; a focus area
 * with nobody gets an empty list and a warning (alerts then go to the International Office).
 */
export function resolveOwners(snapshot: Pick<Snapshot, 'tenant'>, mapping: ProgrammeMapping, issues: MappingIssue[]): FocusAreaOwner[] {
  const byArea = new Map(mapping.owners.map((owner) => [owner.focusArea, owner]));
  return [...mapping.focusAreas]
    .sort((a, b) => a.priority - b.priority)
    .map((area) => {
      const owner = byArea.get(area.key);
      const emails = [...(owner?.emails ?? [])];
      if (owner?.role != null) {
        const role = owner.role;
        const key = `${role.scorecardId ?? mapping.scorecards[0]?.id ?? ''}/${role.departmentId}/${role.nodeId}/${role.roleId}`;
        const holders = snapshot.tenant.roleHolders[key];
        if (holders === undefined)
          issues.push({
            severity: 'warning',
            code: 'role-holders-not-pulled',
            message: `holders of role ${role.roleId} on node ${role.nodeId} (department ${role.departmentId}) were not pulled; owners of "${area.key}" are incomplete`,
            nodeId: role.nodeId,
          });
        for (const user of holders ?? []) {
          if (user.Email !== null && user.Email.trim() !== '') emails.push(user.Email.trim());
          else issues.push({ severity: 'warning', code: 'owner-without-email', message: `owner ${user.Username} of focus area "${area.key}" has no e-mail address in Stratsys`, nodeId: role.nodeId });
        }
      }
      const unique = uniqueEmails(emails);
      if (unique.length === 0)
        issues.push({ severity: 'warning', code: 'owner-missing', message: `focus area "${area.key}" has no owner with an e-mail address; alerts go to the International Office` });
      return { focusAreaKey: area.key, emails: unique };
    });
}

/** Addresses without case-insensitive repeats, first spelling kept. */
function uniqueEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const email of emails) {
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(email);
  }
  return unique;
}

/**
 * Names of the users the snapshot knows, by user id: every role holder pulled (allRoleHolders), then
 * every responsible on a pulled node (addResponsibles). The name is "First Last", else the user
 * name; a role holder's name wins. Used to say who wrote a follow-up.
 */
export function collectPeople(roleHolders: TenantData['roleHolders'], responsibles: Iterable<User>): Record<string, string> {
  const people: Record<string, string> = {};
  const add = (user: User) => {
    const name = [user.FirstName, user.LastName]
      .filter((part) => part !== null && part.trim() !== '')
      .join(' ')
      .trim();
    people[user.Id] ??= name === '' ? user.Username : name;
  };
  for (const users of Object.values(roleHolders)) users.forEach(add);
  for (const user of responsibles) add(user);
  return people;
}

/** Adds the responsibles on the unit's nodes not seen yet to `seen` (user id → the first seen). */
export function addResponsibles(seen: Map<string, User>, unit: UnitSnapshot): void {
  for (const card of unit.scorecards) for (const node of card.nodes) node.Responsibles?.forEach((r) => seen.has(r.User.Id) || seen.set(r.User.Id, r.User));
}
