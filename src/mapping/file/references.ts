import type { ProgrammeMapping } from './schema.js';
import type { KeywordMatch, Ref } from './schema-common.js';

/**
 * Every Stratsys id (or name) a mapping file names, with where, so that `check --deep` can look each
 * up in the tenant. Pure. KPIs and their columns are checked through the indicators' targets.
 */
export interface MappingReferences {
  scorecards: Array<{ id: string; path: string }>;
  /** Columns: the activity column of each scorecard and the columns of column rules. */
  columns: Array<{ ref: Ref; scorecardId: string | null; path: string }>;
  /** Nodes: of node and ancestor rules, project statements, owner roles and the reporters' node. */
  nodes: Array<{ id: string; scorecardId: string; departmentId: string | null; path: string }>;
  units: Array<{ id: string; path: string }>;
  keywordGroups: Array<{ ref: Ref; path: string }>;
  keywords: Array<{ id: string | null; name: string | null; path: string }>;
  descriptionFields: Array<{ ref: Ref; path: string }>;
  roles: Array<{ id: string; path: string }>;
  reportLists: Array<{ reportListId: string; user: string; path: string }>;
}

/** Collects the references of a mapping (see MappingReferences). */
export function collectReferences(mapping: ProgrammeMapping): MappingReferences {
  const firstScorecard = mapping.scorecards[0]?.id ?? '';
  const refs: MappingReferences = { scorecards: [], columns: [], nodes: [], units: [], keywordGroups: [], keywords: [], descriptionFields: [], roles: [], reportLists: [] };
  mapping.scorecards.forEach((card, i) => {
    refs.scorecards.push({ id: card.id, path: `scorecards[${i}].id` });
    refs.columns.push({ ref: card.activityColumn, scorecardId: card.id, path: `scorecards[${i}].activityColumn` });
  });
  mapping.rules.forEach((rule, i) => {
    const path = `rules[${i}].match`;
    const match = rule.match;
    if (match.kind === 'node' || match.kind === 'ancestor') match.nodeIds.forEach((id) => refs.nodes.push({ id, scorecardId: firstScorecard, departmentId: null, path }));
    else if (match.kind === 'column') refs.columns.push({ ref: match.column, scorecardId: match.scorecardId, path });
    else if (match.kind === 'description-field') refs.descriptionFields.push({ ref: match.field, path });
    else addKeyword(refs, match.keyword, path);
  });
  mapping.means.forEach((means, i) => means.keyword !== null && addKeyword(refs, means.keyword, `means[${i}].keyword`));
  mapping.externalFinancing.forEach((rule, i) => {
    addKeyword(refs, rule.keyword, `externalFinancing[${i}].keyword`);
    for (const [field, ref] of [
      ['amount', rule.amountField],
      ['year', rule.yearField],
      ['financierName', rule.financierNameField],
    ] as const) {
      if (ref !== null) refs.descriptionFields.push({ ref, path: `externalFinancing[${i}].${field}` });
    }
  });
  mapping.projectStatements?.nodeIds.forEach((id, i) => refs.nodes.push({ id, scorecardId: firstScorecard, departmentId: null, path: `projectStatements.nodes[${i}]` }));
  collectUnits(mapping, refs);
  mapping.owners.forEach((owner, i) => {
    if (owner.role === null) return;
    const path = `owners[${i}].role`;
    refs.roles.push({ id: owner.role.roleId, path });
    refs.nodes.push({ id: owner.role.nodeId, scorecardId: owner.role.scorecardId ?? firstScorecard, departmentId: owner.role.departmentId, path });
    refs.units.push({ id: owner.role.departmentId, path });
  });
  const reporters = mapping.alerts.reporters;
  if (reporters !== null) {
    refs.roles.push({ id: reporters.roleId, path: 'alerts.reporters' });
    refs.nodes.push({ id: reporters.nodeId, scorecardId: reporters.scorecardId ?? firstScorecard, departmentId: null, path: 'alerts.reporters' });
  }
  for (const [name, rule] of [
    ['actionPlanFollowUp', mapping.obligations.actionPlanFollowUp],
    ['projectReport', mapping.obligations.projectReport],
  ] as const) {
    if (rule?.due.kind === 'report-list') refs.reportLists.push({ reportListId: rule.due.reportListId, user: rule.due.user, path: `obligations.${name}.due` });
  }
  return refs;
}

function collectUnits(mapping: ProgrammeMapping, refs: MappingReferences): void {
  mapping.units.rules.forEach((rule, i) => {
    const path = `units.rules[${i}]`;
    if (rule.match.kind === 'subtree') refs.units.push({ id: rule.match.root, path: `${path}.subtree.root` });
    else if (rule.match.kind === 'ids') rule.match.ids.forEach((id) => refs.units.push({ id, path: `${path}.ids` }));
    else if (rule.match.kind === 'external-codes') rule.match.codes.forEach((id) => refs.units.push({ id, path: `${path}.externalCodes` }));
  });
  mapping.units.participation.forEach((entry, i) => refs.units.push({ id: entry.unit, path: `units.participation[${i}].unit` }));
  mapping.indicators.forEach((indicator, i) => indicator.departmentId !== null && refs.units.push({ id: indicator.departmentId, path: `indicators[${i}].departmentId` }));
}

function addKeyword(refs: MappingReferences, match: KeywordMatch, path: string): void {
  if (match.group !== null) refs.keywordGroups.push({ ref: match.group, path });
  for (const id of match.ids ?? []) refs.keywords.push({ id, name: null, path });
  for (const name of match.names ?? []) refs.keywords.push({ id: null, name, path });
}
