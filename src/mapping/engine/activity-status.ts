import type { ActivityStatus, StatusKind } from '../../domain/programme.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { Status } from '../../stratsys/schemas.js';
import type { MappingIssue } from './issues.js';
import type { ActivityOutcome } from './walk.js';

/** An activity's status and end date, from its unit's activity row (warnings go to `issues`). */
export type StatusOf = (outcome: ActivityOutcome, issues: MappingIssue[]) => { status: ActivityStatus | null; endDate: string | null };

const STATUS_KINDS: Record<string, StatusKind> = { Paused: 'not-started', Ongoing: 'ongoing', Finished: 'finished' };

/** StatusType → kind: Paused → not-started, Ongoing → ongoing, Finished → finished, else (null included) other. */
export function statusKindOf(statusType: string | null): StatusKind {
  return (statusType === null ? undefined : STATUS_KINDS[statusType]) ?? 'other';
}

/**
 * Status and end date from the unit's activity rows, the status id resolved among the statuses of
 * the node's column first (ids may differ per column, `StatusServiceUT.cs`), then the tenant's, else
 * the node's CurrentStatus. A status without StatusType is kind `other`, with a warning.
 */
export function statusResolver(snapshot: Pick<Snapshot, 'tenant'>): StatusOf {
  const statuses = new Map(snapshot.tenant.statuses.map((status) => [status.Id, status]));
  const byColumn = new Map(Object.entries(snapshot.tenant.columnStatuses).map(([columnId, list]) => [columnId, new Map(list.map((status) => [status.Id, status]))]));
  // One shared (read-only) ActivityStatus per Stratsys status instead of one per activity.
  const shared = new Map<Status, ActivityStatus>();
  const statusObject = (found: Status): ActivityStatus => {
    let status = shared.get(found);
    if (status === undefined) shared.set(found, (status = Object.freeze({ id: found.Id, name: found.Name, kind: statusKindOf(found.StatusType) })));
    return status;
  };
  return ({ facts, scorecard }, issues) => {
    const row = scorecard.rows.get(facts.node.Id);
    const statusId = row?.StatusId ?? facts.node.CurrentStatus?.Id ?? null;
    const found: Status | undefined =
      statusId === null
        ? undefined
        : (byColumn.get(facts.node.ScorecardColumn.Id)?.get(statusId) ?? statuses.get(statusId) ?? (facts.node.CurrentStatus?.Id === statusId ? facts.node.CurrentStatus : undefined));
    if (statusId !== null && found === undefined) {
      issues.push({
        severity: 'warning',
        code: 'unknown-status',
        message: `activity ${facts.node.Id} (unit ${facts.unitId}) has status id ${statusId}, which is not among the tenant's statuses`,
        nodeId: facts.node.Id,
        unitId: facts.unitId,
      });
    }
    if (found !== undefined && found.StatusType === null) {
      issues.push({
        severity: 'warning',
        code: 'status-type-missing',
        message: `activity ${facts.node.Id} (unit ${facts.unitId}) has status ${found.Id} "${found.Name}", whose StatusType is null; counted as kind "other"`,
        nodeId: facts.node.Id,
        unitId: facts.unitId,
      });
    }
    return { status: found === undefined ? null : statusObject(found), endDate: row?.EndDate ?? null };
  };
}
