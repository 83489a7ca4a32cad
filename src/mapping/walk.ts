import type { UnmappedNode } from '../domain/programme.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { ScorecardNode } from '../stratsys/schemas.js';
import { decideOnce, findMatchingRules, type Decision } from './apply.js';
import { isActivityColumn, type CompiledMapping } from './compile.js';
import { factsOf, indexScorecard, type IndexedScorecard, type NodeFacts } from './facts.js';
import type { MappingIssue } from './issues.js';

/**
 * One pass over the action-plan scorecards of a snapshot, shared by the programme view, coverage
 * and explain. Each node visible in a pulled unit is one of: an activity of that unit (in the
 * activity column, owned by the unit), an activity owned by a unit that was not pulled, an
 * activity-type node outside the activity column, or structure (focus areas, goals, report nodes).
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
  /** Nodes that are unmapped for structural reasons (owner not pulled, outside the activity column). */
  structural: UnmappedNode[];
  /** Scorecard id → ids of structure nodes (focus areas, goals, report nodes). */
  structure: Map<string, Set<string>>;
  /** Every indexed action-plan scorecard, per unit. */
  scorecards: IndexedScorecard[];
  issues: MappingIssue[];
}

/** Walks every action-plan scorecard of every pulled unit once: O(nodes × ancestor depth). */
export function walkActionPlan(snapshot: Snapshot, compiled: CompiledMapping): ActionPlanWalk {
  const known = new Set([...snapshot.units.map((unit) => unit.departmentId), ...snapshot.failures.map((failure) => failure.departmentId)]);
  const walk: ActionPlanWalk = { activities: [], structural: [], structure: new Map(), scorecards: [], issues: [] };
  const reported = new Set<string>();
  for (const unit of snapshot.units) {
    for (const card of unit.scorecards) {
      const config = compiled.scorecards.get(card.scorecardId);
      if (config === undefined) continue;
      const scorecard = indexScorecard(unit.departmentId, card);
      walk.scorecards.push(scorecard);
      const structure = walk.structure.get(card.scorecardId) ?? new Set<string>();
      walk.structure.set(card.scorecardId, structure);
      for (const node of card.nodes) {
        const own = node.Department.Id === unit.departmentId;
        if (isActivityColumn(config, node.ScorecardColumn)) {
          if (own) walk.activities.push(visitActivity(compiled, scorecard, node, walk.issues));
          else if (!known.has(node.Department.Id) && !reported.has(node.Id)) {
            reported.add(node.Id);
            walk.structural.push(unmapped(node, card.scorecardId, 'owner-not-pulled', `owned by unit ${node.Department.Id} "${node.Department.Name}", which is not a department or company of the programme (not pulled)`));
          }
        } else if (own && node.ScorecardColumn.NodeType === 'Activity') {
          walk.structural.push(unmapped(node, card.scorecardId, 'other-activity-column', `an activity in column ${node.ScorecardColumn.Id} "${node.ScorecardColumn.Name}", not in the action plan's activity column`));
        } else structure.add(node.Id);
      }
    }
  }
  return walk;
}

function visitActivity(compiled: CompiledMapping, scorecard: IndexedScorecard, node: ScorecardNode, issues: MappingIssue[]): ActivityOutcome {
  const facts = factsOf(scorecard, node);
  if (facts.hasCycle) {
    issues.push({ severity: 'warning', code: 'node-cycle', message: `the parents of node ${node.Id} loop or nest too deep in unit ${scorecard.unitId}; ancestor rules saw part of the chain`, nodeId: node.Id, unitId: scorecard.unitId, scorecardId: scorecard.card.scorecardId });
  }
  return { facts, scorecard, decision: decideOnce(compiled, findMatchingRules(compiled, facts)) };
}

function unmapped(node: ScorecardNode, scorecardId: string, reasonCode: UnmappedNode['reasonCode'], reason: string): UnmappedNode {
  return { nodeId: node.Id, name: node.Name, unitId: node.Department.Id, scorecardId, reason, reasonCode };
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
