import type { ExternalProject } from '../domain/programme.js';
import { parseSwedishAmount, parseYearText } from './amounts.js';
import type { CompiledMapping } from './compile.js';
import { descriptionValue, hasMatchingKeyword, type NodeFacts } from './facts.js';
import type { MappingIssue } from './issues.js';
import type { FinancingRule } from './schema-rules.js';

/**
 * Recognises an externally financed project on an activity node: the first `externalFinancing`
 * rule (file order) whose keyword the node carries. Amount, year and financier name are read from
 * the description fields the rule names; a missing or unreadable amount or year gives null and a
 * warning issue, so reports can flag it.
 */
export function recognizeProject(compiled: CompiledMapping, facts: NodeFacts, focusAreaKey: string | null, issues: MappingIssue[]): ExternalProject | null {
  const hits = compiled.mapping.externalFinancing.filter((rule) => hasMatchingKeyword(rule.keyword, facts.keywords));
  const rule = hits[0];
  if (rule === undefined) return null;
  const where = { nodeId: facts.node.Id, unitId: facts.unitId, scorecardId: facts.scorecardId };
  const about = `project ${facts.node.Id} "${facts.node.Name}" (unit ${facts.unitId})`;
  if (hits.length > 1) {
    issues.push({ severity: 'warning', code: 'several-financing-rules', message: `${about} matches financing rules ${hits.map((hit) => `"${hit.label}"`).join(', ')}; "${rule.label}" is used`, rules: hits.map((hit) => hit.label), ...where });
  }
  return {
    nodeId: facts.node.Id,
    name: facts.node.Name,
    unitId: facts.unitId,
    focusAreaKey,
    financier: rule.financier,
    financierName: rule.financierNameField === null ? null : descriptionValue(rule.financierNameField, facts.descriptionFields),
    grantedSek: readAmount(rule, facts, about, issues, where),
    grantedText: rule.amountField === null ? null : descriptionValue(rule.amountField, facts.descriptionFields)?.trim() || null,
    year: readYear(rule, facts, about, issues, where),
  };
}

type Where = Pick<MappingIssue, 'nodeId' | 'unitId' | 'scorecardId'>;

function readAmount(rule: FinancingRule, facts: NodeFacts, about: string, issues: MappingIssue[], where: Where): number | null {
  if (rule.amountField === null) return null;
  const parsed = parseSwedishAmount(descriptionValue(rule.amountField, facts.descriptionFields));
  if (parsed.kind === 'amount') return parsed.sek;
  if (parsed.kind === 'empty') {
    issues.push({ severity: 'warning', code: 'project-amount-missing', message: `${about} has no granted amount`, rules: [rule.label], ...where });
  } else {
    issues.push({ severity: 'warning', code: 'project-amount-unparseable', message: `${about}: granted amount unreadable: ${parsed.reason}`, rules: [rule.label], ...where });
  }
  return null;
}

function readYear(rule: FinancingRule, facts: NodeFacts, about: string, issues: MappingIssue[], where: Where): number | null {
  if (rule.yearField === null) return null;
  const parsed = parseYearText(descriptionValue(rule.yearField, facts.descriptionFields));
  if (parsed.kind === 'year') return parsed.year;
  if (parsed.kind === 'unparseable') {
    issues.push({ severity: 'warning', code: 'project-year-unparseable', message: `${about}: grant year unreadable: ${parsed.reason}`, rules: [rule.label], ...where });
  }
  return null;
}
