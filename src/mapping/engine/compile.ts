import type { Keyword, ScorecardColumn } from '../../stratsys/schemas.js';
import type { UnmappedReason } from '../../domain/programme.js';
import { descriptionValue, hasMatchingKeyword, keywordsMatcher, refMatches, type NodeFacts } from './facts.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { RULE_LEVELS, type FinancingRule, type MappingRule, type RuleLevel, type ScorecardConfig } from '../file/schema-rules.js';
import type { Ref } from '../file/schema-common.js';
import { compileTextPattern, type TextPattern } from '../file/pattern.js';
import { normalizeName } from './names.js';

/** A mapping rule ready to apply: its level, file position and a match test. */
export interface CompiledRule {
  /** Position in `rules` (file order). */
  index: number;
  label: string;
  level: RuleLevel;
  focusArea: string | null;
  goals: string[] | null;
  rule: MappingRule;
  test: (facts: NodeFacts) => boolean;
}

/** What the rules decided for one activity: its focus area and goals, or why it stays unmapped. */
export type Decision =
  | { mapped: true; focusArea: string; goals: readonly string[]; decidedBy: CompiledRule; level: RuleLevel; matched: CompiledRule[] }
  | { mapped: false; reasonCode: UnmappedReason; reason: string; matched: CompiledRule[]; conflicting: CompiledRule[] };

/** A mapping with its rules indexed for fast application. Built once per mapping object. */
export interface CompiledMapping {
  mapping: ProgrammeMapping;
  rules: CompiledRule[];
  scorecards: Map<string, ScorecardConfig>;
  byNode: Map<string, CompiledRule[]>;
  byAncestor: Map<string, CompiledRule[]>;
  /** Rules tested one by one on each node (description field, keyword, column). */
  scanned: CompiledRule[];
  statementNodeIds: Set<string>;
  noneMarker: TextPattern | null;
  /** Decisions by set of matched rules: nodes placed alike share one (see decideOnce). */
  decisions: Map<string | number, Decision>;
  /** Bit mask of the means a node has (bit i: `means[i]`) → their keys, one shared list per set (see meansOf). */
  meansSets: Map<number, readonly string[]>;
  /** Goal keys (joined) → one shared frozen list: a decision's goals and the activities' goalKeys (see decideOnce). */
  goalSets: Map<string, readonly string[]>;
  /** The means that have a keyword, in mapping order, each with its keyword test. */
  means: Array<{ key: string; matches: (keywords: readonly Keyword[]) => boolean }>;
  /** The external-financing rules in file order, each with its keyword test. */
  financing: Array<{ rule: FinancingRule; matches: (keywords: readonly Keyword[]) => boolean }>;
}

const LEVEL_OF: Record<MappingRule['match']['kind'], RuleLevel> = {
  node: 'node',
  'description-field': 'description-field',
  keyword: 'keyword',
  ancestor: 'ancestor',
  column: 'column',
};

const cache = new WeakMap<ProgrammeMapping, CompiledMapping>();

/** Compiles (once, cached per mapping object) the rules into id indexes and tests. */
export function compileMapping(mapping: ProgrammeMapping): CompiledMapping {
  const cached = cache.get(mapping);
  if (cached !== undefined) return cached;
  const readers: FieldReaders = new Map();
  const rules = mapping.rules.map((rule, index): CompiledRule => ({
    index,
    label: rule.label,
    level: LEVEL_OF[rule.match.kind],
    focusArea: rule.focusArea,
    goals: rule.goals,
    rule,
    test: compileTest(rule.match, readers),
  }));
  const compiled: CompiledMapping = {
    mapping,
    rules,
    scorecards: new Map(mapping.scorecards.map((card) => [card.id, card])),
    byNode: indexBy(rules, 'node'),
    byAncestor: indexBy(rules, 'ancestor'),
    scanned: rules.filter((rule) => rule.level !== 'node' && rule.level !== 'ancestor'),
    statementNodeIds: new Set(mapping.projectStatements?.nodeIds ?? []),
    noneMarker: mapping.projectStatements?.noneMarker == null ? null : compileTextPattern(mapping.projectStatements.noneMarker),
    decisions: new Map(),
    meansSets: new Map(),
    goalSets: new Map(),
    means: mapping.means.flatMap((means) => (means.keyword === null ? [] : [{ key: means.key, matches: keywordsMatcher(means.keyword) }])),
    financing: mapping.externalFinancing.map((rule) => ({ rule, matches: keywordsMatcher(rule.keyword) })),
  };
  cache.set(mapping, compiled);
  return compiled;
}

/** The precedence rank of a level: 0 is the most specific. */
export function levelRank(level: RuleLevel): number {
  return LEVEL_RANKS.get(level) ?? -1;
}

const LEVEL_RANKS: ReadonlyMap<RuleLevel, number> = new Map(RULE_LEVELS.map((level, rank) => [level, rank]));

/** Whether a column is the configured activity column of its scorecard. */
export function isActivityColumn(card: ScorecardConfig, column: ScorecardColumn): boolean {
  return refMatches(card.activityColumn, column);
}

function indexBy(rules: readonly CompiledRule[], kind: 'node' | 'ancestor'): Map<string, CompiledRule[]> {
  const index = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    if (rule.rule.match.kind !== kind) continue;
    for (const nodeId of rule.rule.match.nodeIds) index.set(nodeId, [...(index.get(nodeId) ?? []), rule]);
  }
  return index;
}

function compileTest(match: MappingRule['match'], readers: FieldReaders): (facts: NodeFacts) => boolean {
  switch (match.kind) {
    case 'node': {
      const ids = new Set(match.nodeIds);
      return (facts) => ids.has(facts.node.Id);
    }
    case 'ancestor': {
      const ids = new Set(match.nodeIds);
      return (facts) => facts.ancestors.some((ancestor) => ids.has(ancestor.Id));
    }
    case 'keyword':
      return (facts) => hasMatchingKeyword(match.keyword, facts.keywords);
    case 'column':
      return (facts) => (match.scorecardId === null || match.scorecardId === facts.scorecardId) && refMatches(match.column, facts.node.ScorecardColumn);
    case 'description-field':
      return compileDescriptionTest(match, readers);
  }
}

function compileDescriptionTest(match: Extract<MappingRule['match'], { kind: 'description-field' }>, readers: FieldReaders): (facts: NodeFacts) => boolean {
  const equals = match.equals === null ? null : new Set(match.equals.map(normalizeName));
  const pattern = match.matches === null ? null : compileTextPattern(match.matches);
  const read = readerOf(readers, match.field);
  return (facts) => {
    const field = read(facts);
    if (field === null) return false;
    return equals !== null ? equals.has(field.normalized) : (pattern?.test(field.value) ?? false);
  };
}

/** A field's value (and its normalised form) for a node; null when it has none. */
type FieldReader = (facts: NodeFacts) => { value: string; normalized: string } | null;

/** One reader per field the rules name (by id, else by name): rules on one field read it once per node. */
type FieldReaders = Map<string, FieldReader>;

/**
 * The reader of a field: descriptionValue, remembered for the node last asked about, since the
 * scanned rules are tested one after another on each node.
 */
function readerOf(readers: FieldReaders, field: Ref): FieldReader {
  const key = field.id !== null ? `id:${field.id}` : `name:${field.name ?? ''}`;
  let reader = readers.get(key);
  if (reader === undefined) {
    let lastFacts: NodeFacts | null = null;
    let last: ReturnType<FieldReader> = null;
    reader = (facts) => {
      if (facts !== lastFacts) {
        const value = descriptionValue(field, facts.descriptionFields);
        last = value === null ? null : { value, normalized: normalizeName(value) };
        lastFacts = facts;
      }
      return last;
    };
    readers.set(key, reader);
  }
  return reader;
}
