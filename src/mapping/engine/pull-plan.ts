import type { Department, Keyword } from '../../stratsys/schemas.js';
import type { KeywordMatch } from '../file/schema-common.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { classifyUnits, isActiveInPeriod } from './classify-units.js';
import { hasMatchingKeyword } from './facts.js';
import { compareIds } from '../../shared/ids.js';

/** What the pull must fetch so that the mapping can be applied (the HTTP pull codes against it). */
export interface PullPlan {
  scorecardIds: string[];
  /** Departments and companies (classified, active some year of the period), sorted. */
  unitIds: string[];
  /** Which per-node expansions the rules need for the unit's own nodes. */
  expand: { keywords: boolean; descriptionFields: boolean };
  /**
   * Which reported activities need their description fields: every one (a description-field rule
   * reads them), or only those carrying one of these keywords (projects whose financing rule reads
   * an amount, year or financier field). Empty keywords and no `every`: none.
   */
  descriptionFieldsFor: { every: boolean; keywords: KeywordMatch[] };
  /** Comments are pulled for the unit's own nodes of these NodeTypes ... */
  commentNodeTypes: string[];
  /** ... and for these inherited nodes (e.g. the project-report node). */
  commentInheritedNodeIds: string[];
  reportLists: Array<{ reportListId: string; user: string }>;
  roleHolders: Array<{ scorecardId: string; departmentId: string; nodeId: string; roleId: string }>;
  /** Role lookups made in every unit, as part of the unit's pull (e.g. who reports for it). */
  unitRoleHolders: Array<{ scorecardId: string; nodeId: string; roleId: string }>;
}

/**
 * Derives the pull from the mapping and the tenant's departments. Pure. Keywords are pulled when a
 * rule, a means or a financing rule reads them; description fields when a rule or a financing rule
 * reads one; comments on the activity nodes and on the project-statement nodes.
 */
export function planPull(mapping: ProgrammeMapping, departments: readonly Department[]): PullPlan {
  const units = classifyUnits(departments, mapping).filter((unit) => unit.kind !== 'other' && isActiveInPeriod(unit, mapping));
  return {
    scorecardIds: unique(mapping.scorecards.map((card) => card.id)),
    unitIds: unique(units.map((unit) => unit.id)).sort(compareIds),
    expand: { keywords: needsKeywords(mapping), descriptionFields: needsDescriptionFields(mapping) },
    descriptionFieldsFor: descriptionFieldsFor(mapping),
    commentNodeTypes: unique(mapping.scorecards.map((card) => card.activityNodeType)),
    commentInheritedNodeIds: unique(mapping.projectStatements?.nodeIds ?? []),
    reportLists: reportListsOf(mapping),
    roleHolders: roleHoldersOf(mapping),
    unitRoleHolders: reporterHoldersOf(mapping),
  };
}

function needsKeywords(mapping: ProgrammeMapping): boolean {
  return mapping.rules.some((rule) => rule.match.kind === 'keyword') || mapping.means.some((means) => means.keyword !== null) || mapping.externalFinancing.length > 0;
}

function needsDescriptionFields(mapping: ProgrammeMapping): boolean {
  return (
    mapping.rules.some((rule) => rule.match.kind === 'description-field') ||
    mapping.externalFinancing.some((rule) => rule.amountField !== null || rule.yearField !== null || rule.financierNameField !== null)
  );
}

function descriptionFieldsFor(mapping: ProgrammeMapping): PullPlan['descriptionFieldsFor'] {
  const readsField = (rule: ProgrammeMapping['externalFinancing'][number]) => rule.amountField !== null || rule.yearField !== null || rule.financierNameField !== null;
  return {
    every: mapping.rules.some((rule) => rule.match.kind === 'description-field'),
    keywords: mapping.externalFinancing.filter(readsField).map((rule) => rule.keyword),
  };
}

/**
 * Whether the pull needs an activity's description fields, given its keywords: a description-field
 * rule reads every activity's; a financing rule that reads a field, those of the activities carrying
 * its keyword (the rules read no other activity's fields, so the evaluation is the same).
 */
export function needsDescriptionFieldsOf(plan: Pick<PullPlan, 'descriptionFieldsFor'>, keywords: readonly Keyword[]): boolean {
  const { every, keywords: matches } = plan.descriptionFieldsFor;
  return every || matches.some((match) => hasMatchingKeyword(match, keywords));
}

function reportListsOf(mapping: ProgrammeMapping): PullPlan['reportLists'] {
  const { actionPlanFollowUp, projectReport } = mapping.obligations;
  const seen = new Map<string, { reportListId: string; user: string }>();
  for (const due of [actionPlanFollowUp?.due, projectReport?.due]) {
    if (due?.kind === 'report-list') seen.set(`${due.reportListId}\u0000${due.user}`, { reportListId: due.reportListId, user: due.user });
  }
  return [...seen.values()];
}

function roleHoldersOf(mapping: ProgrammeMapping): PullPlan['roleHolders'] {
  const defaultScorecard = mapping.scorecards[0]?.id ?? '';
  return mapping.owners.flatMap((owner) =>
    owner.role === null ? [] : [{ scorecardId: owner.role.scorecardId ?? defaultScorecard, departmentId: owner.role.departmentId, nodeId: owner.role.nodeId, roleId: owner.role.roleId }],
  );
}

/** The "who reports" role on the reporter node, looked up in each unit as part of its pull. */
function reporterHoldersOf(mapping: ProgrammeMapping): PullPlan['unitRoleHolders'] {
  const reporters = mapping.alerts.reporters;
  if (reporters === null) return [];
  return [{ scorecardId: reporters.scorecardId ?? mapping.scorecards[0]?.id ?? '', nodeId: reporters.nodeId, roleId: reporters.roleId }];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
