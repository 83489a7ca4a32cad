import type { ExternalProject } from '../../domain/programme.js';
import { parseSwedishAmount, parseYearText } from './amounts.js';
import type { CompiledMapping } from './compile.js';
import { descriptionValue, type NodeFacts } from './facts.js';
import type { MappingIssue } from './issues.js';
import type { FinancingRule } from '../file/schema-rules.js';

/**
 * Recognises an externally financed project on an activity node: the first `externalFinancing`
 * rule (file order) whose keyword the node carries. Amount, year and financier name are read from
 * the description fields the rule names; a missing or unreadable amount or year gives null and a
 * warning issue, so reports can flag it.
 */
export function recognizeProject(compiled: CompiledMapping, facts: NodeFacts, focusAreaKey: string | null, issues: MappingIssue[]): ExternalProject | null {
  if (facts.keywords.length === 0) return null;
  // Called for every activity with keywords: no list is made unless a rule matches.
  let at = 0;
  while (at < compiled.financing.length && compiled.financing[at]?.matches(facts.keywords) !== true) at += 1;
  if (at === compiled.financing.length) return null;
  const hits = compiled.financing
    .slice(at)
    .filter((financing, i) => i === 0 || financing.matches(facts.keywords))
    .map((financing) => financing.rule);
  const rule = hits[0] as FinancingRule;
  const where = { nodeId: facts.node.Id, unitId: facts.unitId, scorecardId: facts.scorecardId };
  const about = `project ${facts.node.Id} "${facts.node.Name}" (unit ${facts.unitId})`;
  if (hits.length > 1) {
    issues.push({
      severity: 'warning',
      code: 'several-financing-rules',
      message: `${about} matches financing rules ${hits.map((hit) => `"${hit.label}"`).join(', ')}; "${rule.label}" is used`,
      rules: hits.map((hit) => hit.label),
      ...where,
    });
  }
  const amount = rule.amountField === null ? null : descriptionValue(rule.amountField, facts.descriptionFields);
  return {
    nodeId: facts.node.Id,
    name: facts.node.Name,
    unitId: facts.unitId,
    focusAreaKey,
    financier: rule.financier,
    financierName: rule.financierNameField === null ? null : descriptionValue(rule.financierNameField, facts.descriptionFields),
    ...readAmount(rule, amount, about, issues, where),
    ...yearsOf(readYear(rule, facts, about, issues, where), rule),
  };
}

/** A configured year field wins (the project counts in that year only); without one, see runningYears. */
function yearsOf(year: number | null, rule: FinancingRule): Pick<ExternalProject, 'year' | 'yearSource' | 'countedYears'> {
  if (rule.yearField !== null) return { year, yearSource: 'field', countedYears: year === null ? [] : [year] };
  return { year: null, yearSource: 'running', countedYears: [] };
}

/**
 * The programme years a project without a year field counts in: each year Y of the period in which
 * it runs, i.e. its end date (`yyyy-MM-dd`, from its activity row) is empty or on/after 1 January Y,
 * and Y is not before the period year of its first follow-up, if it has one. Pure.
 */
export function runningYears(period: { startYear: number; endYear: number }, endDate: string | null, followUpYears: readonly number[]): number[] {
  const endYear = endDate === null ? null : Number(/^(\d{4})-\d{2}-\d{2}/.exec(endDate.trim())?.[1] ?? Number.NaN);
  const firstYear = followUpYears.length === 0 ? null : Math.min(...followUpYears);
  const years: number[] = [];
  for (let year = period.startYear; year <= period.endYear; year += 1) {
    const runs = endYear === null || Number.isNaN(endYear) || endYear >= year;
    if (runs && (firstYear === null || year >= firstYear)) years.push(year);
  }
  return years;
}

type Where = Pick<MappingIssue, 'nodeId' | 'unitId' | 'scorecardId'>;

/**
 * The granted amount in SEK (null when none is given or unreadable, with a warning) and as typed
 * (null when none is given: no field, blank, "-", or markup without text such as "<p></p>"), from
 * the amount field's text `raw`.
 */
function readAmount(rule: FinancingRule, raw: string | null, about: string, issues: MappingIssue[], where: Where): Pick<ExternalProject, 'grantedSek' | 'grantedText'> {
  if (rule.amountField === null) return { grantedSek: null, grantedText: null };
  const parsed = parseSwedishAmount(raw);
  const grantedText = parsed.kind === 'empty' ? null : raw?.trim() || null;
  if (parsed.kind === 'amount') return { grantedSek: parsed.sek, grantedText };
  if (parsed.kind === 'empty') {
    issues.push({ severity: 'warning', code: 'project-amount-missing', message: `${about} has no granted amount`, rules: [rule.label], ...where });
  } else {
    issues.push({ severity: 'warning', code: 'project-amount-unparseable', message: `${about}: granted amount unreadable: ${parsed.reason}`, rules: [rule.label], ...where });
  }
  return { grantedSek: null, grantedText };
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
