import type { Activity, Comment, DescriptionFieldValue, Keyword, KeywordGroup, Kpi, KpiColumn, KpiData, ScorecardColumn } from '../stratsys/schemas.js';
import type { FixtureColumn, FixtureComment, FixtureKeywordGroup, FixtureKpi, FixtureKpiColumn, FixtureNode } from './fixture.js';
import type { TenantIndex } from './tenant-index.js';
import { compareIds } from '../shared/ids.js';

/**
 * Fixture records → wire objects (PascalCase, as Stratsys serialises them). Pure functions of the
 * index; shared by the server routes and the snapshot fast path so both answer identically.
 */

/** A scorecard column with its `Scorecard` filled in. */
export function toWireColumn(index: TenantIndex, column: FixtureColumn): ScorecardColumn {
  const scorecard = index.scorecards.get(column.scorecardId) ?? null;
  return {
    Id: column.id,
    ScorecardId: column.scorecardId,
    Scorecard: scorecard ? { Id: scorecard.Id, Name: scorecard.Name } : null,
    Name: column.name,
    Definition: column.definition,
    Index: column.index,
    NodeType: column.nodeType,
  };
}

/** A keyword group as `keywordgroups/filter` returns it. */
export function toWireKeywordGroup(group: FixtureKeywordGroup): KeywordGroup {
  return { Id: group.id, Name: group.name };
}

/** A keyword with its group, or null for an unknown id. */
export function toWireKeyword(index: TenantIndex, keywordId: string): Keyword | null {
  const keyword = index.keywords.get(keywordId);
  if (!keyword) return null;
  const group = index.keywordGroups.get(keyword.groupId);
  return { Id: keyword.id, Name: keyword.name, KeywordGroup: group ? toWireKeywordGroup(group) : null };
}

/** A node's keywords, in the order the fixture lists them. */
export function nodeKeywords(index: TenantIndex, node: FixtureNode): Keyword[] {
  return node.keywordIds.flatMap((id) => toWireKeyword(index, id) ?? []);
}

/** A node's description-field values (only fields with a value), in field-id order. */
export function nodeDescriptionFields(index: TenantIndex, node: FixtureNode): DescriptionFieldValue[] {
  return Object.entries(node.descriptionFields).map(([fieldId, value]) => {
    const field = index.descriptionFields.get(fieldId);
    return {
      DescriptionField: field ? { Id: field.Id, Name: field.Name, Description: field.Description } : null,
      TextValue: value,
    };
  });
}

/** A follow-up comment as `comments/{node}/filter` returns it (served date overrides applied). */
export function toWireComment(comment: FixtureComment): Comment {
  return {
    Id: comment.id,
    DepartmentId: comment.departmentId,
    Text: comment.text,
    PeriodDate: comment.servedPeriodDate !== undefined ? comment.servedPeriodDate : comment.periodDate,
    PostedDate: comment.servedPostedDate !== undefined ? comment.servedPostedDate : comment.postedDate,
    LastUpdatedDate: comment.lastUpdatedDate,
    UserId: comment.userId,
    CommentType: comment.commentType ? { Id: comment.commentType.id, Name: comment.commentType.name } : null,
  };
}

/** The `activities/filter` row of an Activity node for one reporting department; `withColumns` fills `ScorecardColumns`. */
export function toWireActivity(index: TenantIndex, node: FixtureNode, departmentId: string, withColumns = false): Activity {
  const column = index.columns.get(node.columnId);
  return {
    Id: node.id,
    DepartmentId: departmentId,
    StatusId: node.statusId,
    Name: node.name,
    EndDate: node.endDate,
    ScorecardColumns: withColumns && column ? [toWireColumn(index, column)] : null,
  };
}

/** Columns of a KPI as seen in a department (department-specific ones plus shared ones), by index. */
export function kpiColumnsIn(index: TenantIndex, kpiId: string, departmentId: string | null): FixtureKpiColumn[] {
  const all = index.kpiColumns.get(kpiId) ?? [];
  const visible = departmentId === null ? all : all.filter((c) => c.departmentId === null || c.departmentId === departmentId);
  return [...visible].sort((a, b) => a.index - b.index || compareIds(a.id, b.id));
}

/** The `kpis/filter` row of a KPI in one department. */
export function toWireKpi(index: TenantIndex, kpi: FixtureKpi, departmentId: string): Kpi {
  return {
    Id: kpi.id,
    DepartmentId: departmentId,
    Name: kpi.name,
    PeriodicityId: kpi.periodicityId,
    KpiTemplateId: kpi.templateId,
    KpiColumnIds: kpiColumnsIn(index, kpi.id, departmentId).map((c) => c.id),
  };
}

/** A KPI column as `kpicolumns/{kpi}/filter` returns it. */
export function toWireKpiColumn(column: FixtureKpiColumn): KpiColumn {
  return { Id: column.id, KpiId: column.kpiId, Name: column.name, Prefix: column.prefix, Postfix: column.postfix, Index: column.index };
}

/** One stored KPI value as `kpidata/{kpi}/filter` returns it (all three column selectors set). */
export function toWireKpiData(column: FixtureKpiColumn, departmentId: string, date: string, value: number | null): KpiData {
  return {
    KpiId: column.kpiId,
    DepartmentId: departmentId,
    KpiColumnId: column.id,
    KpiColumnName: column.name,
    KpiColumnIndex: column.index,
    Date: date,
    Value: value,
  };
}
