import type { CountedFollowUp, EvidenceKind, ReportEvidence, ReportProgress, UnreadableEvidence } from '../domain/evaluation.js';
import type { ActionPlanObligation, ProjectReportObligation } from '../domain/obligations.js';
import type { ActionActivity, FollowUp, ProjectStatement, UnreadableFollowUp } from '../domain/programme.js';
import { isCanonicalInstant, toMillis } from './instants.js';
import { compareIds } from '../shared/ids.js';
import { sortedUniqueIds } from './order.js';

/** What a unit has delivered towards one report, as of one instant. */
export interface DeliveryEvidence {
  evidence: ReportEvidence;
  progress: ReportProgress;
  /** ISO 8601 UTC instant the report counts as delivered, or null. */
  deliveredAt: string | null;
}

export interface ActionPlanEvidenceInput {
  /** The unit's activities in one focus area. */
  activities: readonly ActionActivity[];
  obligation: Pick<ActionPlanObligation, 'evidence' | 'skipStatusKinds'>;
  /** The reported year Y: follow-ups whose period year is Y qualify. */
  year: number;
  /** Only follow-ups posted at or before this instant (epoch ms) count. */
  asOfMs: number;
}

export interface ProjectReportEvidenceInput {
  /** The unit's project statements (any year). */
  statements: readonly ProjectStatement[];
  /** The unit's activities that are external projects; read only for `statement-or-project-follow-up`. */
  projectActivities: readonly ActionActivity[];
  obligation: Pick<ProjectReportObligation, 'evidence'>;
  year: number;
  asOfMs: number;
}

/**
 * Action-plan evidence for one unit and focus area. Activities whose status kind is in
 * `skipStatusKinds` are not expected (an activity without status is). Per expected activity the
 * earliest follow-up for year Y posted by `asOfMs` counts. `all-activities`: delivered when every
 * expected activity has one, at the latest of those instants; `any-activity`: at the earliest.
 * Progress counts expected activities with a follow-up, in both modes.
 */
export function collectActionPlanEvidence(input: ActionPlanEvidenceInput): DeliveryEvidence {
  const skip = new Set<string>(input.obligation.skipStatusKinds);
  const isSkipped = (activity: ActionActivity): boolean => activity.status !== null && skip.has(activity.status.kind);
  const expected = skip.size === 0 ? input.activities : input.activities.filter((activity) => !isSkipped(activity));
  const firsts: CountedFollowUp[] = [];
  const missingNodeIds: string[] = [];
  for (const activity of expected) {
    const first = earliestQualifying(activity.followUps, input.year, input.asOfMs);
    if (first === null) missingNodeIds.push(activity.nodeId);
    else firsts.push(toCounted(first, 'activity-follow-up', false));
  }
  const counted = sortCounted(firsts);
  const isComplete = input.obligation.evidence === 'any-activity' ? counted.length > 0 : missingNodeIds.length === 0;
  const decisive = input.obligation.evidence === 'any-activity' ? counted[0] : counted[counted.length - 1];
  return {
    evidence: {
      expectedNodeIds: sortedUniqueIds(expected.map((activity) => activity.nodeId)),
      skippedNodeIds: skip.size === 0 ? [] : sortedUniqueIds(input.activities.filter(isSkipped).map((activity) => activity.nodeId)),
      followUps: counted,
      missingNodeIds: sortedUniqueIds(missingNodeIds),
    },
    progress: { delivered: counted.length, expected: expected.length },
    deliveredAt: isComplete && decisive !== undefined ? decisive.postedAt : null,
  };
}

/**
 * Project-report evidence for one unit: every project statement for year Y (an explicit "none"
 * included) and, with `statement-or-project-follow-up`, every follow-up for Y on one of its
 * projects, posted by `asOfMs`. Delivered at the earliest of them.
 */
export function collectProjectReportEvidence(input: ProjectReportEvidenceInput): DeliveryEvidence {
  const statements = input.statements
    .filter((statement) => statement.year === input.year)
    .filter((statement) => toMillis(statement.followUp.postedAt, 'postedAt') <= input.asOfMs)
    .map((statement) => toCounted(statement.followUp, 'project-statement', statement.isNone));
  const projectFollowUps =
    input.obligation.evidence === 'statement-or-project-follow-up'
      ? input.projectActivities.flatMap((activity) => qualifying(activity.followUps, input.year, input.asOfMs).map((f) => toCounted(f, 'project-follow-up', false)))
      : [];
  const counted = sortCounted([...statements, ...projectFollowUps]);
  const first = counted[0];
  return {
    evidence: { expectedNodeIds: [], skippedNodeIds: [], followUps: counted, missingNodeIds: [] },
    progress: { delivered: first === undefined ? 0 : 1, expected: 1 },
    deliveredAt: first?.postedAt ?? null,
  };
}

/** Evidence of a unit whose data is absent: nothing known, so nothing expected or counted. */
export function emptyEvidence(): DeliveryEvidence {
  return {
    evidence: { expectedNodeIds: [], skippedNodeIds: [], followUps: [], missingNodeIds: [] },
    progress: { delivered: 0, expected: 0 },
    deliveredAt: null,
  };
}

function qualifying(followUps: readonly FollowUp[], year: number, asOfMs: number): FollowUp[] {
  return followUps.filter((followUp) => followUp.year === year && toMillis(followUp.postedAt, 'postedAt') <= asOfMs);
}

/**
 * The earliest follow-up for `year` posted by `asOfMs` (by instant, then comment id; the first of
 * equals), or null: one pass, no list of the qualifying ones.
 */
function earliestQualifying(followUps: readonly FollowUp[], year: number, asOfMs: number): FollowUp | null {
  let best: FollowUp | null = null;
  let bestMs = 0;
  for (const followUp of followUps) {
    if (followUp.year !== year) continue;
    const ms = toMillis(followUp.postedAt, 'postedAt');
    if (ms > asOfMs) continue;
    if (best === null || ms < bestMs || (ms === bestMs && compareIds(followUp.commentId, best.commentId) < 0)) {
      best = followUp;
      bestMs = ms;
    }
  }
  return best;
}

function toCounted(followUp: FollowUp, kind: EvidenceKind, isNone: boolean): CountedFollowUp {
  // The instant in toISOString's form; a text already in it is kept (it would come out the same).
  const postedAt = isCanonicalInstant(followUp.postedAt) ? followUp.postedAt : new Date(toMillis(followUp.postedAt, `postedAt of comment ${followUp.commentId}`)).toISOString();
  return { kind, commentId: followUp.commentId, nodeId: followUp.nodeId, postedAt, isNone };
}

/**
 * Counted follow-ups by instant, then comment id, so ties resolve the same way every run (a stable
 * sort: equal ones keep their order). Each instant is parsed once, not once per comparison.
 */
function sortCounted(counted: readonly CountedFollowUp[]): CountedFollowUp[] {
  // toCounted's instants are toISOString's form, which orders as text (checked: a view may hold any).
  if (counted.every((item) => isCanonicalInstant(item.postedAt))) {
    return [...counted].sort((a, b) => compareInstantTexts(a.postedAt, b.postedAt) || compareIds(a.commentId, b.commentId));
  }
  return counted
    .map((item) => ({ item, ms: Date.parse(item.postedAt) }))
    .sort((a, b) => a.ms - b.ms || compareIds(a.item.commentId, b.item.commentId))
    .map(({ item }) => item);
}

function compareInstantTexts(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The unit's unreadable follow-ups that may count for its action-plan report of one focus area and
 * year: on an expected activity, for year Y or for a year that cannot be read.
 */
export function unreadableForActionPlan(unreadable: readonly UnreadableFollowUp[], expectedNodeIds: readonly string[], year: number): UnreadableEvidence[] {
  if (unreadable.length === 0) return [];
  const expected = new Set(expectedNodeIds);
  return unreadable
    .filter((entry) => entry.kind === 'activity-follow-up' && expected.has(entry.nodeId) && (entry.year === null || entry.year === year))
    .map((entry) => toUnreadable(entry, 'activity-follow-up'));
}

/**
 * The unit's unreadable project statements for year Y (or an unreadable year) and, with
 * `statement-or-project-follow-up`, unreadable follow-ups on its projects.
 */
export function unreadableForProjectReport(
  unreadable: readonly UnreadableFollowUp[],
  projectNodeIds: readonly string[],
  obligation: Pick<ProjectReportObligation, 'evidence'>,
  year: number,
): UnreadableEvidence[] {
  const projects = new Set(projectNodeIds);
  const mayCount = (entry: UnreadableFollowUp) => entry.year === null || entry.year === year;
  return [
    ...unreadable.filter((entry) => entry.kind === 'project-statement' && mayCount(entry)).map((entry) => toUnreadable(entry, 'project-statement')),
    ...(obligation.evidence === 'statement-or-project-follow-up'
      ? unreadable.filter((entry) => entry.kind === 'activity-follow-up' && projects.has(entry.nodeId) && mayCount(entry)).map((entry) => toUnreadable(entry, 'project-follow-up'))
      : []),
  ];
}

function toUnreadable(entry: UnreadableFollowUp, kind: EvidenceKind): UnreadableEvidence {
  return { kind, commentId: entry.commentId, nodeId: entry.nodeId, reason: entry.reason };
}
