import type { UnmappedNode, UnmappedReason } from '../../domain/programme.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { sortByPrecedence } from '../engine/decide.js';
import { compileMapping, type CompiledRule } from '../engine/compile.js';
import type { MappingIssue } from '../engine/issues.js';
import type { RuleLevel } from '../file/schema-rules.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { checkScorecards, pulledScorecardIds } from '../engine/scorecard-checks.js';
import { compareIds } from '../../shared/ids.js';
import { conflictIssue, unmappedActivity, walkActionPlan, type ActionPlanWalk } from '../engine/walk.js';

/** How well the mapping covers one action-plan scorecard. */
export interface ScorecardCoverage {
  scorecardId: string;
  name: string | null;
  /** Activity nodes of pulled units, plus activity nodes unmapped for structural reasons. */
  activities: number;
  mapped: number;
  unmapped: number;
  /** Distinct structure nodes (focus areas, goals, report nodes). */
  structure: number;
  byReason: Partial<Record<UnmappedReason, number>>;
  /** Focus-area key → mapped activities; every focus area, in programme order. */
  byFocusArea: Record<string, number>;
  /** Precedence level → activities whose focus area that level decided. */
  byLevel: Partial<Record<RuleLevel, number>>;
}

/** How often one rule matched, and how often it decided the focus area. */
export interface RuleUsage {
  label: string;
  level: RuleLevel;
  matched: number;
  decided: number;
}

/** Coverage of one mapping over one snapshot (see `coverage`). */
export interface CoverageReport {
  periodId: string;
  scorecards: ScorecardCoverage[];
  /** Every rule in precedence order. */
  rules: RuleUsage[];
  /** Labels of rules that matched no node (often a typo in an id). */
  unusedRules: string[];
  unmapped: UnmappedNode[];
  issues: MappingIssue[];
}

/** Per scorecard: mapped, unmapped by reason, structure; per rule: matches. Pure. */
export function coverage(snapshot: Snapshot, mapping: ProgrammeMapping): CoverageReport {
  const compiled = compileMapping(mapping);
  const walk = walkActionPlan(snapshot, compiled);
  const cards = new Map(mapping.scorecards.map((config) => [config.id, emptyCoverage(config.id, snapshot, mapping)]));
  const usage = new Map(sortByPrecedence([...compiled.rules]).map((rule) => [rule, { label: rule.label, level: rule.level, matched: 0, decided: 0 }]));
  const issues = [...checkScorecards(snapshot.tenant, pulledScorecardIds(snapshot.units), mapping), ...walk.issues];
  const unmapped = [...walk.structural, ...countActivities(walk, cards, usage, issues)];
  for (const node of unmapped) {
    const card = cards.get(node.scorecardId);
    if (card === undefined) continue;
    card.unmapped += 1;
    const reason = node.reasonCode ?? 'no-rule';
    card.byReason[reason] = (card.byReason[reason] ?? 0) + 1;
  }
  for (const [scorecardId, card] of cards) {
    card.activities = card.mapped + card.unmapped;
    card.structure = walk.structure.get(scorecardId)?.size ?? 0;
  }
  const rules = [...usage.values()];
  return {
    periodId: mapping.id,
    scorecards: [...cards.values()],
    rules,
    unusedRules: rules.filter((rule) => rule.matched === 0).map((rule) => rule.label),
    unmapped: unmapped.sort((a, b) => compareIds(a.scorecardId, b.scorecardId) || compareIds(a.unitId, b.unitId) || compareIds(a.nodeId, b.nodeId)),
    issues,
  };
}

/** Counts mapped activities and rule use; returns the activities the rules left unmapped. */
function countActivities(walk: ActionPlanWalk, cards: Map<string, ScorecardCoverage>, usage: Map<CompiledRule, RuleUsage>, issues: MappingIssue[]): UnmappedNode[] {
  const unmapped: UnmappedNode[] = [];
  for (const { facts, decision, scorecard } of walk.activities) {
    for (const rule of decision.matched) {
      const used = usage.get(rule);
      if (used !== undefined) used.matched += 1;
    }
    const card = cards.get(facts.scorecardId);
    if (decision.mapped) {
      const used = usage.get(decision.decidedBy);
      if (used !== undefined) used.decided += 1;
      if (card === undefined) continue;
      card.mapped += 1;
      card.byFocusArea[decision.focusArea] = (card.byFocusArea[decision.focusArea] ?? 0) + 1;
      card.byLevel[decision.level] = (card.byLevel[decision.level] ?? 0) + 1;
      continue;
    }
    const entry = unmappedActivity({ facts, decision, scorecard });
    if (entry !== null) unmapped.push(entry);
    const conflict = conflictIssue({ facts, decision, scorecard });
    if (conflict !== null) issues.push(conflict);
  }
  return unmapped;
}

function emptyCoverage(scorecardId: string, snapshot: Snapshot, mapping: ProgrammeMapping): ScorecardCoverage {
  const name = snapshot.tenant.scorecards.find((card) => card.Id === scorecardId)?.Name ?? null;
  // Every focus area listed, in programme order, so one without activities shows as 0.
  const byFocusArea = Object.fromEntries([...mapping.focusAreas].sort((a, b) => a.priority - b.priority).map((area) => [area.key, 0]));
  return { scorecardId, name, activities: 0, mapped: 0, unmapped: 0, structure: 0, byReason: {}, byFocusArea, byLevel: {} };
}
