import type { UnmappedNode } from '../../domain/programme.js';
import type { Snapshot, UnitSnapshot } from '../../snapshot/schema.js';
import type { ScorecardNode } from '../../stratsys/schemas.js';
import { isActivityColumn, type CompiledMapping, type CompiledRule, type Decision } from './compile.js';
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
  issues: MappingIssue[];
}

/** What a walk reads of the snapshot besides its units: the tenant data and the units whose pull failed. */
export type WalkBase = Pick<Snapshot, 'tenant' | 'failures'>;

/**
 * A walk fed one unit at a time, so a large tenant's units need not all be in memory at once:
 * `addUnit` walks the unit's action-plan scorecards and returns them indexed (the caller reads what
 * else it needs of them, then lets them go); `finish` settles what depends on every unit (an
 * activity-column node no pulled unit reports) and returns the walk. The walk of units fed in any
 * order is the same, up to the order of its lists.
 */
export interface ActionPlanWalker {
  addUnit(unit: UnitSnapshot): IndexedScorecard[];
  finish(base: WalkBase): ActionPlanWalk;
}

/**
 * Walks every action-plan scorecard of every unit fed to it once: O(nodes × ancestor depth). With
 * `onActivity`, each activity outcome is handed to it as it is found instead of being collected
 * (`activities` stays empty), so a large tenant's outcomes are never all held at once.
 */
export function actionPlanWalker(compiled: CompiledMapping, onActivity?: (outcome: ActivityOutcome) => void): ActionPlanWalker {
  const walk: ActionPlanWalk = { activities: [], structural: [], structure: new Map(), issues: [] };
  // Activity-column nodes a unit shows but does not report, first sighting kept: settled once every unit is known.
  const notReportedYet = new Map<string, { node: ScorecardNode; scorecardId: string }>();
  // Who reports what: a pulled unit's own rows are only ever asked whether some pulled unit reports
  // a node, so only their node ids are kept (a list per scorecard, searched at the end for the few
  // nodes in question); other rows (another unit's in a unit's answer, the tenant-wide rows) keep
  // who reports them, for the reason they give.
  const ownRows = new Map<string, string[]>();
  const reporters: ReportersIndex = new Map();
  const pulled = new Set<string>();
  return {
    addUnit(unit) {
      pulled.add(unit.departmentId);
      const indexed: IndexedScorecard[] = [];
      for (const card of unit.scorecards) {
        const config = compiled.scorecards.get(card.scorecardId);
        if (config === undefined) continue;
        addOwnRows(ownRows, reporters, unit.departmentId, card.scorecardId, card.activities);
        const scorecard = indexScorecard(unit.departmentId, card);
        indexed.push(scorecard);
        const structure = walk.structure.get(card.scorecardId) ?? new Set<string>();
        walk.structure.set(card.scorecardId, structure);
        for (const node of card.nodes) {
          const isReported = scorecard.reported.has(node.Id);
          if (isActivityColumn(config, node.ScorecardColumn)) {
            if (isReported) {
              const outcome = visitActivity(compiled, scorecard, node, walk.issues);
              if (onActivity === undefined) walk.activities.push(outcome);
              else onActivity(outcome);
            } else {
              const key = `${card.scorecardId}/${node.Id}`;
              if (!notReportedYet.has(key)) notReportedYet.set(key, { node, scorecardId: card.scorecardId });
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
      return indexed;
    },
    finish(base) {
      const known = new Set([...pulled, ...base.failures.map((failure) => failure.departmentId)]);
      const reportedByPulled = reportedAmong(ownRows, notReportedYet.values());
      const pending = [...notReportedYet.values()].filter(({ node, scorecardId }) => reportedByPulled.get(scorecardId)?.has(node.Id) !== true);
      // Of the tenant-wide rows, only those of a node still in question are indexed.
      const asked = new Set(pending.map(({ node }) => node.Id));
      for (const [scorecardId, rows] of Object.entries(base.tenant.activityRows ?? {}))
        addReporters(
          reporters,
          scorecardId,
          rows.filter((row) => asked.has(row.Id)),
        );
      let names: Map<string, string> | undefined;
      const nameOf = (id: string) => (names ??= new Map(base.tenant.departments.map((department) => [department.Id, department.Name]))).get(id);
      for (const { node, scorecardId } of pending) {
        const units = reporters.get(scorecardId)?.get(node.Id);
        const entry = notReported(node, scorecardId, units === undefined ? [] : [...units].sort(compareIds), known, base, nameOf);
        if (entry !== null) walk.structural.push(entry);
      }
      return walk;
    },
  };
}

/** Walks every action-plan scorecard of every pulled unit of a snapshot once (see actionPlanWalker). */
export function walkActionPlan(snapshot: Snapshot, compiled: CompiledMapping, onActivity?: (outcome: ActivityOutcome) => void): ActionPlanWalk {
  const walker = actionPlanWalker(compiled, onActivity);
  for (const unit of snapshot.units) walker.addUnit(unit);
  return walker.finish(snapshot);
}

/** Scorecard id → node id → units reporting it. */
type ReportersIndex = Map<string, Map<string, Set<string>>>;

/**
 * Adds a unit's activity rows: the node ids of its own to `own`, any other unit's (a tenant may
 * answer with every unit's rows) to the index of who reports what.
 */
function addOwnRows(own: Map<string, string[]>, index: ReportersIndex, unitId: string, scorecardId: string, rows: readonly { Id: string; DepartmentId: string }[]): void {
  let ids = own.get(scorecardId);
  if (ids === undefined) own.set(scorecardId, (ids = []));
  let others: { Id: string; DepartmentId: string }[] | undefined;
  for (const row of rows) {
    if (row.DepartmentId === unitId) ids.push(row.Id);
    else (others ??= []).push(row);
  }
  if (others !== undefined) addReporters(index, scorecardId, others);
}

/** Scorecard id → those of the nodes in question that some pulled unit's own rows report. */
function reportedAmong(own: ReadonlyMap<string, readonly string[]>, inQuestion: Iterable<{ node: ScorecardNode; scorecardId: string }>): Map<string, Set<string>> {
  const asked = new Map<string, Set<string>>();
  for (const { node, scorecardId } of inQuestion) {
    let ids = asked.get(scorecardId);
    if (ids === undefined) asked.set(scorecardId, (ids = new Set()));
    ids.add(node.Id);
  }
  const found = new Map<string, Set<string>>();
  for (const [scorecardId, ids] of asked) {
    const reported = new Set<string>();
    for (const id of own.get(scorecardId) ?? []) if (ids.has(id)) reported.add(id);
    found.set(scorecardId, reported);
  }
  return found;
}

/** Adds activity rows (another unit's, or tenant-wide) to the index of who reports what. */
function addReporters(index: ReportersIndex, scorecardId: string, rows: readonly { Id: string; DepartmentId: string }[]): void {
  let nodes = index.get(scorecardId);
  if (nodes === undefined) index.set(scorecardId, (nodes = new Map()));
  for (const row of rows) {
    const units = nodes.get(row.Id);
    if (units === undefined) nodes.set(row.Id, new Set([row.DepartmentId]));
    else units.add(row.DepartmentId);
  }
}

/**
 * The unmapped entry of an activity-column node that no pulled unit reports, or null when a pulled or
 * failed unit reports it (that unit lists it), or when nobody is known to report it while some unit's
 * pull failed and the tenant-wide rows are absent (it may be the failed unit's: its values are held back).
 */
function notReported(node: ScorecardNode, scorecardId: string, reporters: string[], known: ReadonlySet<string>, base: WalkBase, nameOf: (id: string) => string | undefined): UnmappedNode | null {
  if (reporters.some((id) => known.has(id))) return null;
  if (reporters.length === 0 && base.failures.length > 0 && base.tenant.activityRows?.[scorecardId] === undefined) return null;
  const reason =
    reporters.length === 0
      ? 'no department reports it (activities/filter has no row for it), so it belongs to no department or company of the programme'
      : `reported by unit ${reporters.map((id) => `${id} "${nameOf(id) ?? '?'}"`).join(', ')}, which is not a department or company of the programme (not pulled)`;
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
  return { facts, scorecard, decision: decideOnce(compiled, findMatchingRules(compiled, facts, MATCHED)) };
}

/** The list each activity's matching rules are found in (decideOnce keeps copies, not it). */
const MATCHED: CompiledRule[] = [];

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
