import { AppError } from '../../shared/errors.js';

/**
 * Problems found while applying a mapping to pulled data. The engine never throws per row: it
 * returns issues next to the view. `error` issues are blocking: the caller must not write
 * indicators or send alerts from a view that has any (see assertNoBlockingIssues).
 */

/** Stable codes of the issues the engine reports. */
export type MappingIssueCode =
  | 'conflict'
  | 'activity-column-missing'
  | 'scorecard-name-differs'
  | 'scorecard-not-pulled'
  | 'node-cycle'
  | 'unknown-status'
  | 'status-type-missing'
  | 'activity-not-visible'
  | 'bad-comment-date'
  | 'project-amount-missing'
  | 'project-amount-unparseable'
  | 'project-year-unparseable'
  | 'several-financing-rules'
  | 'report-period-unparseable'
  | 'owner-missing'
  | 'owner-without-email'
  | 'role-holders-not-pulled'
  | 'unit-unknown';

/** One issue met while applying a mapping, with the node, unit and rules it concerns. */
export interface MappingIssue {
  /** `error` blocks write-back and alerts; `warning` is reported and otherwise harmless. */
  severity: 'error' | 'warning';
  code: MappingIssueCode;
  message: string;
  nodeId?: string;
  unitId?: string;
  scorecardId?: string;
  /** Labels of the mapping rules involved (both rules of a conflict). */
  rules?: string[];
}

/** Whether any issue is blocking. */
export function hasBlockingIssues(issues: readonly MappingIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/**
 * Throws MAPPING_CONFLICT (for conflicts) or MAPPING_INVALID listing the blocking issues; for
 * callers that must not go on with a view the mapping could not place unambiguously.
 */
export function assertNoBlockingIssues(issues: readonly MappingIssue[]): void {
  const blocking = issues.filter((issue) => issue.severity === 'error');
  if (blocking.length === 0) return;
  const code = blocking.some((issue) => issue.code === 'conflict') ? 'MAPPING_CONFLICT' : 'MAPPING_INVALID';
  const lines = blocking.slice(0, 20).map((issue) => issue.message);
  const more = blocking.length > lines.length ? [`… and ${blocking.length - lines.length} more`] : [];
  throw new AppError(code, `the mapping cannot be applied: ${[...lines, ...more].join('; ')}`, {
    details: { issues: blocking.map((issue) => ({ ...issue })) },
  });
}
