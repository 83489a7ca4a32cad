import type { ExternalProject, UnmappedReason } from '../../domain/programme.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { ScorecardNode } from '../../stratsys/schemas.js';
import { decide, meansOf, sortByPrecedence } from '../engine/decide.js';
import { compileMapping, isActivityColumn, type CompiledMapping } from '../engine/compile.js';
import { factsOf, indexScorecard, type IndexedScorecard, type NodeFacts } from '../engine/facts.js';
import type { MappingIssue } from '../engine/issues.js';
import { recognizeProject } from '../engine/projects.js';
import { describeCondition, describeObserved } from './rule-describe.js';
import type { RuleLevel } from '../file/schema-rules.js';
import type { ProgrammeMapping } from '../file/schema.js';

/** What a node is to the programme, as seen from one unit. */
export type NodeRole = 'activity' | 'inherited-activity' | 'owner-not-pulled' | 'other-activity-column' | 'project-statement' | 'structure' | 'not-action-plan' | 'not-found';

/** One rule tried on the node. */
export interface RuleTrial {
  label: string;
  level: RuleLevel;
  matched: boolean;
  /** What the rule looks for. */
  condition: string;
  /** What the node has in that respect. */
  observed: string;
  focusArea: string | null;
  goals: string[] | null;
}

/** The outcome for an activity, as the view would record it. */
export type ExplainResult = { mapped: true; focusArea: string; goals: readonly string[]; matchedBy: string; level: RuleLevel } | { mapped: false; reasonCode: UnmappedReason; reason: string };

/** Why a node maps (or does not map) the way it does. */
export interface NodeExplanation {
  nodeId: string;
  role: NodeRole;
  /** One sentence for people. */
  summary: string;
  unitId: string | null;
  /**
   * `ownerId`/`ownerName`: `ScorecardNode.Department` as the node list gives it (the owner or the
   * requested department, depending on the tenant); `reportedBy`: the units whose activity rows name
   * the node, which is what decides who reports it.
   */
  node: { name: string; scorecardId: string; columnId: string; columnName: string; nodeType: string; ownerId: string; ownerName: string; reportedBy: string[] } | null;
  /** Ancestors, root first. */
  path: Array<{ id: string; name: string }>;
  keywords: Array<{ id: string; name: string; groupId: string | null; groupName: string | null }>;
  descriptionFields: Array<{ id: string | null; name: string | null; value: string | null }>;
  /** Every rule in precedence order (activities only). */
  trials: RuleTrial[];
  result: ExplainResult | null;
  means: readonly string[];
  project: ExternalProject | null;
  issues: MappingIssue[];
}

/**
 * Explains one node: where it sits, which rules were tried in precedence order, which matched and
 * why, and what it maps to, or why nothing matched. Looks in `departmentId`'s data when given, else
 * in the owner's, else in the first unit that sees the node. Pure.
 */
export function explainNode(snapshot: Snapshot, mapping: ProgrammeMapping, nodeId: string, departmentId?: string): NodeExplanation {
  const compiled = compileMapping(mapping);
  const located = locate(snapshot, compiled, nodeId, departmentId);
  if (located === null) return notFound(snapshot, compiled, nodeId, departmentId);
  const { scorecard, node } = located;
  const facts = factsOf(scorecard, node);
  const role = roleOf(compiled, scorecard, node, snapshot);
  const base = describeNode(facts, role, reportersOf(snapshot, scorecard.card.scorecardId, nodeId));
  if (role !== 'activity' && role !== 'inherited-activity') return { ...base, summary: structureSummary(role, facts) };
  const trials = sortByPrecedence([...compiled.rules]).map((rule): RuleTrial => ({
    label: rule.label,
    level: rule.level,
    matched: rule.test(facts),
    condition: describeCondition(rule),
    observed: describeObserved(rule, facts),
    focusArea: rule.focusArea,
    goals: rule.goals,
  }));
  const decision = decide(sortByPrecedence(compiled.rules.filter((rule) => rule.test(facts))));
  const issues: MappingIssue[] = [];
  const project = recognizeProject(compiled, facts, decision.mapped ? decision.focusArea : null, issues);
  const result: ExplainResult = decision.mapped
    ? { mapped: true, focusArea: decision.focusArea, goals: decision.goals, matchedBy: decision.decidedBy.label, level: decision.level }
    : { mapped: false, reasonCode: decision.reasonCode, reason: decision.reason };
  const summary = decision.mapped
    ? `node ${nodeId} maps to focus area "${decision.focusArea}" by rule "${decision.decidedBy.label}" (${decision.level})`
    : `node ${nodeId} is unmapped: ${decision.reason}`;
  return { ...base, trials, result, means: meansOf(compiled, facts), project, issues, summary };
}

function locate(snapshot: Snapshot, compiled: CompiledMapping, nodeId: string, departmentId?: string): { scorecard: IndexedScorecard; node: ScorecardNode } | null {
  const hits: Array<{ unitId: string; card: Snapshot['units'][number]['scorecards'][number]; node: ScorecardNode }> = [];
  for (const unit of snapshot.units) {
    if (departmentId !== undefined && unit.departmentId !== departmentId) continue;
    for (const card of unit.scorecards) {
      const node = compiled.scorecards.has(card.scorecardId) ? card.nodes.find((candidate) => candidate.Id === nodeId) : undefined;
      if (node !== undefined) hits.push({ unitId: unit.departmentId, card, node });
    }
  }
  // Prefer a unit that reports the node (its activity rows), never ScorecardNode.Department (contract 5.9).
  const hit = hits.find((candidate) => candidate.card.activities.some((row) => row.Id === nodeId && row.DepartmentId === candidate.unitId)) ?? hits[0];
  return hit === undefined ? null : { scorecard: indexScorecard(hit.unitId, hit.card), node: hit.node };
}

/** The node's role in the unit: an activity when the unit reports it (its activity rows), else by who else does. */
function roleOf(compiled: CompiledMapping, scorecard: IndexedScorecard, node: ScorecardNode, snapshot: Snapshot): NodeRole {
  const config = compiled.scorecards.get(scorecard.card.scorecardId);
  const own = scorecard.reported.has(node.Id);
  if (compiled.statementNodeIds.has(node.Id)) return 'project-statement';
  if (config !== undefined && isActivityColumn(config, node.ScorecardColumn)) {
    if (own) return 'activity';
    const pulled = new Set(snapshot.units.map((unit) => unit.departmentId));
    const reporters = [
      ...(snapshot.tenant.activityRows?.[scorecard.card.scorecardId] ?? []),
      ...snapshot.units.flatMap((unit) => unit.scorecards.filter((card) => card.scorecardId === scorecard.card.scorecardId).flatMap((card) => card.activities)),
    ].filter((row) => row.Id === node.Id);
    return reporters.some((row) => pulled.has(row.DepartmentId)) ? 'inherited-activity' : 'owner-not-pulled';
  }
  return own && node.ScorecardColumn.NodeType === 'Activity' ? 'other-activity-column' : 'structure';
}

const ROLE_TEXT: Partial<Record<NodeRole, string>> = {
  'project-statement': 'is a project-statement node: units comment on it with their yearly statement on external projects',
  'owner-not-pulled': 'is an activity that no department or company of the programme reports (activities/filter); it is listed as unmapped',
  'other-activity-column': "is an activity outside the scorecard's activity column; it is listed as unmapped",
  structure: 'is structure (a focus-area, goal or other non-activity node); rules apply only to activities',
};

function structureSummary(role: NodeRole, facts: NodeFacts): string {
  return `node ${facts.node.Id} "${facts.node.Name}" ${ROLE_TEXT[role] ?? role}`;
}

function reportersOf(snapshot: Snapshot, scorecardId: string, nodeId: string): string[] {
  const rows = [
    ...(snapshot.tenant.activityRows?.[scorecardId] ?? []),
    ...snapshot.units.flatMap((unit) => unit.scorecards.filter((card) => card.scorecardId === scorecardId).flatMap((card) => card.activities)),
  ];
  return [...new Set(rows.filter((row) => row.Id === nodeId).map((row) => row.DepartmentId))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function describeNode(facts: NodeFacts, role: NodeRole, reportedBy: string[]): NodeExplanation {
  const { node } = facts;
  return {
    nodeId: node.Id,
    role,
    summary: '',
    unitId: facts.unitId,
    node: {
      name: node.Name,
      scorecardId: facts.scorecardId,
      columnId: node.ScorecardColumn.Id,
      columnName: node.ScorecardColumn.Name,
      nodeType: node.ScorecardColumn.NodeType,
      ownerId: node.Department.Id,
      ownerName: node.Department.Name,
      reportedBy,
    },
    path: [...facts.ancestors].reverse().map((ancestor) => ({ id: ancestor.Id, name: ancestor.Name })),
    keywords: facts.keywords.map((keyword) => ({ id: keyword.Id, name: keyword.Name, groupId: keyword.KeywordGroup?.Id ?? null, groupName: keyword.KeywordGroup?.Name ?? null })),
    descriptionFields: facts.descriptionFields.map((value) => ({ id: value.DescriptionField?.Id ?? null, name: value.DescriptionField?.Name ?? null, value: value.TextValue })),
    trials: [],
    result: null,
    means: [],
    project: null,
    issues: [],
  };
}

function notFound(snapshot: Snapshot, compiled: CompiledMapping, nodeId: string, departmentId?: string): NodeExplanation {
  const seenIn = (inPlan: boolean) =>
    snapshot.units
      .filter((unit) => unit.scorecards.some((card) => compiled.scorecards.has(card.scorecardId) === inPlan && card.nodes.some((node) => node.Id === nodeId)))
      .map((unit) => unit.departmentId);
  const inPlan = seenIn(true);
  const outside = seenIn(false);
  let role: NodeRole = 'not-found';
  let summary = `node ${nodeId} is not in the snapshot`;
  if (inPlan.length > 0) summary = `node ${nodeId} is not visible in unit ${departmentId ?? '?'}; it is visible in units ${inPlan.join(', ')}`;
  else if (outside.length > 0) [role, summary] = ['not-action-plan', `node ${nodeId} is in a scorecard that is not part of the action plan (seen in units ${outside.join(', ')})`];
  return { nodeId, role, summary, unitId: departmentId ?? null, node: null, path: [], keywords: [], descriptionFields: [], trials: [], result: null, means: [], project: null, issues: [] };
}
