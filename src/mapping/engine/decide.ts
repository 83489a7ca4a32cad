import { levelRank, type CompiledMapping, type CompiledRule, type Decision } from './compile.js';
import type { NodeFacts } from './facts.js';
import { sortSmall } from '../../shared/sort-small.js';

/**
 * Applying the rules to one activity node. Pure. Precedence: node > description-field > keyword >
 * ancestor > column. The focus area comes from the most specific level at which any matching rule
 * names one; if rules at that level name different focus areas, that is a conflict and the node
 * stays unmapped. Goals come, independently, from the most specific level at which any matching
 * rule names goals (the union of that level's goals).
 */

/**
 * Every rule that matches the node, most specific level first, then file order. Uses the id indexes.
 * With `into`, the list is made there instead of in a new array (its slots reused: emptying an
 * array lets its storage go): the walk asks for every activity, and only decideOnce reads the list,
 * copying what it keeps. No match gives an empty list that is not `into`.
 */
export function findMatchingRules(compiled: CompiledMapping, facts: NodeFacts, into?: CompiledRule[]): readonly CompiledRule[] {
  const matched: CompiledRule[] = into ?? [];
  let count = addNew(matched, 0, compiled.byNode.get(facts.node.Id));
  for (const ancestor of facts.ancestors) count = addNew(matched, count, compiled.byAncestor.get(ancestor.Id));
  for (const rule of compiled.scanned) if (rule.test(facts) && !isAmong(matched, count, rule)) matched[count++] = rule;
  if (count === 0) return NO_RULES;
  matched.length = count;
  return count > 1 ? sortByPrecedence(matched) : matched;
}

const NO_RULES: readonly CompiledRule[] = Object.freeze([]);

/** Puts the rules not yet among the first `count` of `matched` after them; returns the new count. */
function addNew(matched: CompiledRule[], count: number, rules: readonly CompiledRule[] | undefined): number {
  if (rules === undefined) return count;
  let next = count;
  for (const rule of rules) if (!isAmong(matched, next, rule)) matched[next++] = rule;
  return next;
}

/** Whether `rule` is among the first `count` of `rules` (lists are short: a linear check). */
function isAmong(rules: readonly CompiledRule[], count: number, rule: CompiledRule): boolean {
  for (let i = 0; i < count; i += 1) if (rules[i] === rule) return true;
  return false;
}

/** Sorts rules by precedence level, then by their position in the file. */
export function sortByPrecedence(rules: CompiledRule[]): CompiledRule[] {
  // A node matches a handful of rules: sorted in place without a sort call per activity.
  return sortSmall(rules, byPrecedence);
}

function byPrecedence(a: CompiledRule, b: CompiledRule): number {
  return levelRank(a.level) - levelRank(b.level) || a.index - b.index;
}

const MAX_CACHED_DECISIONS = 10_000;

/**
 * decide() for the rules matching a node, memoised per set of matched rules (most nodes share a
 * few sets). The returned decision is shared: treat it as read-only.
 */
export function decideOnce(compiled: CompiledMapping, matched: readonly CompiledRule[]): Decision {
  const key = decisionKey(matched);
  let decision = compiled.decisions.get(key);
  if (decision === undefined) {
    decision = decide(matched);
    if (decision.mapped) decision = { ...decision, goals: sharedGoals(compiled, decision.goals) };
    if (compiled.decisions.size >= MAX_CACHED_DECISIONS) compiled.decisions.clear();
    compiled.decisions.set(key, decision);
  }
  return decision;
}

/** One frozen list per set of goals (decisions from different rules may give the same goals). */
function sharedGoals(compiled: CompiledMapping, goals: readonly string[]): readonly string[] {
  const key = goals.join('\n');
  let shared = compiled.goalSets.get(key);
  if (shared === undefined) compiled.goalSets.set(key, (shared = Object.freeze([...goals])));
  return shared;
}

/** The memo key of a set of matched rules: their indexes (one number for the usual one or two rules, no string). */
function decisionKey(matched: readonly CompiledRule[]): string | number {
  const [first, second] = matched;
  if (matched.length === 0) return -1;
  if (matched.length === 1 && first !== undefined && first.index < 2 ** 20) return first.index;
  if (matched.length === 2 && first !== undefined && second !== undefined && first.index < 2 ** 20 && second.index < 2 ** 20) return first.index * 2 ** 21 + second.index + 2 ** 20;
  return matched.map((rule) => rule.index).join(',');
}

/** Decides focus area and goals from the matching rules (sorted by precedence). */
export function decide(matched: readonly CompiledRule[]): Decision {
  const withFocus = matched.filter((rule) => rule.focusArea !== null);
  const first = withFocus[0];
  if (first === undefined) {
    const reasonCode = matched.length === 0 ? 'no-rule' : 'no-focus-area';
    const reason = matched.length === 0 ? 'no rule matched' : `rules ${quoteLabels(matched)} matched but none of them gives a focus area`;
    return { mapped: false, reasonCode, reason, matched: [...matched], conflicting: [] };
  }
  const atLevel = withFocus.filter((rule) => rule.level === first.level);
  const other = atLevel.find((rule) => rule.focusArea !== first.focusArea);
  if (other !== undefined) {
    const reason = `conflict at precedence level ${first.level}: rule "${first.label}" gives focus area "${first.focusArea}" and rule "${other.label}" gives "${other.focusArea}"`;
    return { mapped: false, reasonCode: 'conflict', reason, matched: [...matched], conflicting: [first, other] };
  }
  return { mapped: true, focusArea: first.focusArea ?? '', goals: goalsOf(matched), decidedBy: first, level: first.level, matched: [...matched] };
}

function goalsOf(matched: readonly CompiledRule[]): string[] {
  const firstWithGoals = matched.find((rule) => rule.goals !== null);
  if (firstWithGoals === undefined) return [];
  const goals = matched.filter((rule) => rule.level === firstWithGoals.level).flatMap((rule) => rule.goals ?? []);
  return [...new Set(goals)];
}

/**
 * Means keys whose keyword the node carries, in the order the mapping lists the means. The list is
 * shared (frozen) by every node with the same means, as activities' meansKeys: most nodes share a few.
 */
export function meansOf(compiled: CompiledMapping, facts: NodeFacts): readonly string[] {
  if (facts.keywords.length === 0) return NO_MEANS;
  if (compiled.means.length > 30) return Object.freeze(compiled.means.filter((means) => means.matches(facts.keywords)).map((means) => means.key));
  let mask = 0;
  for (let i = 0; i < compiled.means.length; i += 1) if (compiled.means[i]?.matches(facts.keywords) === true) mask |= 1 << i;
  if (mask === 0) return NO_MEANS;
  let keys = compiled.meansSets.get(mask);
  if (keys === undefined) compiled.meansSets.set(mask, (keys = Object.freeze(compiled.means.filter((_, i) => (mask & (1 << i)) !== 0).map((means) => means.key))));
  return keys;
}

const NO_MEANS: readonly string[] = Object.freeze([]);

function quoteLabels(rules: readonly CompiledRule[]): string {
  return rules.map((rule) => `"${rule.label}"`).join(', ');
}
