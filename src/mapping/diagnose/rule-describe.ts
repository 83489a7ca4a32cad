import type { CompiledRule } from '../engine/compile.js';
import { descriptionValue, type NodeFacts } from '../engine/facts.js';
import type { Ref, KeywordMatch } from '../file/schema-common.js';

/** Human texts for explain: what a rule looks for, and what the node has in that respect. */

/** What the rule requires, e.g. `description field 804 equals "Miljöstrategiskt program"`. */
export function describeCondition(rule: CompiledRule): string {
  const match = rule.rule.match;
  switch (match.kind) {
    case 'node':
      return `node is ${match.nodeIds.join(' or ')}`;
    case 'ancestor':
      return `below node ${match.nodeIds.join(' or ')}`;
    case 'column':
      return `in column ${describeRef(match.column)}${match.scorecardId === null ? '' : ` of scorecard ${match.scorecardId}`}`;
    case 'keyword':
      return `has ${describeKeywordMatch(match.keyword)}`;
    case 'description-field': {
      const wanted = match.equals !== null ? `equals ${match.equals.map((value) => `"${value}"`).join(' or ')}` : `matches /${match.matches ?? ''}/i`;
      return `description field ${describeRef(match.field)} ${wanted}`;
    }
  }
}

/** What the node has that the rule looks at, e.g. `ancestors: 5105, 5005`. */
export function describeObserved(rule: CompiledRule, facts: NodeFacts): string {
  const match = rule.rule.match;
  switch (match.kind) {
    case 'node':
      return `node is ${facts.node.Id}`;
    case 'ancestor':
      return facts.ancestors.length === 0 ? 'no ancestors' : `ancestors: ${facts.ancestors.map((node) => node.Id).join(', ')}`;
    case 'column':
      return `column ${facts.node.ScorecardColumn.Id} "${facts.node.ScorecardColumn.Name}" of scorecard ${facts.scorecardId}`;
    case 'keyword':
      return facts.keywords.length === 0 ? 'no keywords' : `keywords: ${facts.keywords.map((keyword) => `${keyword.Id} "${keyword.Name}"`).join(', ')}`;
    case 'description-field': {
      const value = descriptionValue(match.field, facts.descriptionFields);
      return value === null ? `field ${describeRef(match.field)} is empty or absent` : `field ${describeRef(match.field)} = "${value}"`;
    }
  }
}

function describeRef(ref: Ref): string {
  return ref.id !== null ? ref.id : `"${ref.name ?? ''}"`;
}

/** E.g. `keyword 704 of group 70`, `any keyword of group "Finansiering"`. */
export function describeKeywordMatch(match: KeywordMatch): string {
  const group = match.group === null ? '' : ` of group ${describeRef(match.group)}`;
  const which = [...(match.ids ?? []), ...(match.names ?? []).map((name) => `"${name}"`)];
  return which.length === 0 ? `any keyword${group}` : `keyword ${which.join(' or ')}${group}`;
}
