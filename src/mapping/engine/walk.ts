import type { UnmappedNode } from '../../domain/programme.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { ScorecardNode } from '../../stratsys/schemas.js';
import { isActivityColumn, type CompiledMapping, type Decision } from './compile.js';
import { decideOnce, findMatchingRules } from './decide.js';
import { factsOf, indexScorecard, type IndexedScorecard, type NodeFacts } from './facts.js';
import type { MappingIssue } from './issues.js';
import { compareIds } from '../../shared/ids.js';

/**
 * One pass over the action-plan scorecards of a snapshot, shared by the programme view, coverage
 * and explain. Each node visible in a pulled unit is one of: an activity the unit reports (in the
 * activity column, with an `activities/filter` row of the unit), an activity no pulled unit reports,
 * an activity-type node outside the activity column, or structure (focus areas, goals, report
 * nodes). An activity distributed to several units is an activity of each of them.
 */

/** An activity node of a pulled unit with the rules' decision. */
export interface ActivityOutcome {
  facts: NodeFacts;
  scorecard: IndexedScorecard;
  decision: Decision;
}

/** Everything one pass over the action plan found. */
export interface ActionPlanWalk {
  activities: ActivityOutcome[];
  /** Nodes that are unmapped for structural reasons (reported by no pulled unit, outside the activity column, not visible). */
  structural: UnmappedNode[];
  /** Scorecard id → ids of structure nodes (focus areas, goals, report nodes). */
  structure: Map<string, Set<string>>;
  /** Every indexed action-plan scorecard, per unit. */
  scorecards: IndexedScorecard[];
  issues: MappingIssue[];
}

/**
 * Walks every action-plan scorecard of every pulled unit once: O(nodes × ancestor depth). With
 * `onActivity`, each activity outcome is handed to it as it is found instead of being collected
 * (`activities` stays empty), so a large tenant's outcomes are never all held at once.
 */
export function walkActionPlan(snapshot: Snapshot, compiled: CompiledMapping, onActivity?: (outcome: ActivityOutcome) => void): ActionPlanWalk {
  const known = new Set([...snapshot.units.map((unit) => unit.departmentId), ...snapshot.failures.map((failure) => failure.departmentId)]);
  // Read only for activity-column nodes the unit does not report (rare), so built on first need.
  let reporters: ReportersIndex | undefined;
  const reportersOfNode = (scorecardId: string, nodeId: string): string[] => {
    const units = (reporters ??= reportersOf(snapshot)).get(scorecardId)?.get(nodeId);
    return units === undefined ? [] : [...units].sort(compareIds);
  };
  const walk: ActionPlanWalk = { activities: [], structural: [], structure: new Map(), scorecards: [], issues: [] };
  const listed = new Set<string>();
  for (const unit of snapshot.units) {
    for (const card of unit.scorecards) {
      const config = compiled.scorecards.get(card.scorecardId);
      if (config === undefined) continue;
      const scorecard = indexScorecard(unit.departmentId, card);
      walk.scorecards.push(scorecard);
      const structure = walk.structure.get(card.scorecardId) ?? new Set<string>();
      walk.structure.set(card.scorecardId, structure);
      for (const node of card.nodes) {
        const isReported = scorecard.reported.has(node.Id);
        if (isActivityColumn(config, node.ScorecardColumn)) {
          if (isReported) {
            const outcome = visitActivity(compiled, scorecard, node, walk.issues);
            if (onActivity === undefined) walk.activities.push(outcome);
            else onActivity(outcome);
          } else if (!listed.has(`${card.scorecardId}/${node.Id}`)) {
            const entry = notReported(node, card.scorecardId, reportersOfNode(card.scorecardId, node.Id), known, snapshot);
            if (entry !== null) {
              listed.add(`${card.scorecardId}/${node.Id}`);
              walk.structural.push(entry);
            }
          }
        } else if (isReported && node.ScorecardColumn.NodeType === 'Activity') {
          walk.structural.push(
            unmapped(
              node,
              unit.departmentId,
              card.scorecardId,
              'other-activity-column',
              `an activity in column ${node.ScorecardColumn.Id} "${node.ScorecardColumn.Name}", not in the action plan's activity column`,
            ),
          );
        } else structure.add(node.Id);
      }
      walk.structural.push(...rowsWithoutNode(scorecard, walk.issues));
    }
  }
  return walk;
}

/** Scorecard id → node id → units reporting it. */
type ReportersIndex = Map<string, Map<string, Set<string>>>;

/** Scorecard id → node id → units reporting it, from every pulled unit's rows and the tenant-wide rows. */
function reportersOf(snapshot: Snapshot): ReportersIndex {
  const out: ReportersIndex = new Map();
  const add = (scorecardId: string, rows: readonly { Id: string; DepartmentId: string }[]) => {
    let nodes = out.get(scorecardId);
    if (nodes === undefined) out.set(scorecardId, (nodes = new Map()));
    for (const row of rows) {
      const units = nodes.get(row.Id);
      if (units === undefined) nodes.set(row.Id, new Set([row.DepartmentId]));
      else units.add(row.DepartmentId);
    }
  };
  for (const [scorecardId, rows] of Object.entries(snapshot.tenant.activityRows ?? {})) add(scorecardId, rows);
  for (const unit of snapshot.units) for (const card of unit.scorecards) add(card.scorecardId, card.activities);
  return out;
}

/**
 * The unmapped entry of an activity-column node that no pulled unit reports, or null when a pulled or
 * failed unit reports it (that unit lists it), or when nobody is known to report it while some unit's
 * pull failed and the tenant-wide rows are absent (it may be the failed unit's: its values are held back).
 */
function notReported(node: ScorecardNode, scorecardId: string, reporters: string[], known: ReadonlySet<string>, snapshot: Snapshot): UnmappedNode | null {
  if (reporters.some((id) => known.has(id))) return null;
  if (reporters.length === 0 && snapshot.failures.length > 0 && snapshot.tenant.activityRows?.[scorecardId] === undefined) return null;
  const names = new Map(snapshot.tenant.departments.map((department) => [department.Id, department.Name]));
  const reason =
    reporters.length === 0
      ? 'no department reports it (activities/filter has no row for it), so it belongs to no department or company of the programme'
      : `reported by unit ${reporters.map((id) => `${id} "${names.get(id) ?? '?'}"`).join(', ')}, which is not a department or company of the programme (not pulled)`;
  return unmapped(node, reporters[0] ?? '', scorecardId, 'owner-not-pulled', reason);
}

/** Rows of the unit whose node its node list lacks: reported but not visible, so they cannot be mapped. */
function rowsWithoutNode(scorecard: IndexedScorecard, issues: MappingIssue[]): UnmappedNode[] {
  const out: UnmappedNode[] = [];
  for (const row of scorecard.reported.values()) {
    if (scorecard.nodes.has(row.Id)) continue;
    const scorecardId = scorecard.card.scorecardId;
    const reason = `activities/filter reports it for unit ${scorecard.unitId}, but it is not among the unit's nodes of scorecard ${scorecardId}`;
    issues.push({
      severity: 'warning',
      code: 'activity-not-visible',
      message: `activity ${row.Id} "${row.Name}": ${reason}; it is not counted`,
      nodeId: row.Id,
      unitId: scorecard.unitId,
      scorecardId,
    });
    out.push({ nodeId: row.Id, name: row.Name, unitId: scorecard.unitId, scorecardId, reason, reasonCode: 'not-visible' });
  }
  return out;
}

function visitActivity(compiled: CompiledMapping, scorecard: IndexedScorecard, node: ScorecardNode, issues: MappingIssue[]): ActivityOutcome {
  const facts = factsOf(scorecard, node);
  if (facts.hasCycle) {
    issues.push({
      severity: 'warning',
      code: 'node-cycle',
      message: `the parents of node ${node.Id} loop or nest too deep in unit ${scorecard.unitId}; ancestor rules saw part of the chain`,
      nodeId: node.Id,
      unitId: scorecard.unitId,
      scorecardId: scorecard.card.scorecardId,
    });
  }
  return { facts, scorecard, decision: decideOnce(compiled, findMatchingRules(compiled, facts)) };
}

function unmapped(node: ScorecardNode, unitId: string, scorecardId: string, reasonCode: UnmappedNode['reasonCode'], reason: string): UnmappedNode {
  return { nodeId: node.Id, name: node.Name, unitId, scorecardId, reason, reasonCode };
}

/** The unmapped entry of an activity the rules could not place. */
export function unmappedActivity({ facts, decision }: ActivityOutcome): UnmappedNode | null {
  if (decision.mapped) return null;
  return { nodeId: facts.node.Id, name: facts.node.Name, unitId: facts.unitId, scorecardId: facts.scorecardId, reason: decision.reason, reasonCode: decision.reasonCode };
}

/** The blocking issue of a conflict (naming both rules), or null. */
export function conflictIssue({ facts, decision }: ActivityOutcome): MappingIssue | null {
  if (decision.mapped || decision.reasonCode !== 'conflict') return null;
  return {
    severity: 'error',
    code: 'conflict',
    message: `node ${facts.node.Id} "${facts.node.Name}" (unit ${facts.unitId}): ${decision.reason}`,
    nodeId: facts.node.Id,
    unitId: facts.unitId,
    scorecardId: facts.scorecardId,
    rules: decision.conflicting.map((rule) => rule.label),
  };
}
