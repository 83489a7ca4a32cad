import type { Snapshot, TenantData } from '../../snapshot/schema.js';
import { isActivityColumn } from './compile.js';
import type { MappingIssue } from './issues.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { normalizeName } from './names.js';

/**
 * Checks the mapping's scorecards against the pulled tenant data: a configured activity column
 * that the scorecard lacks is blocking (otherwise every activity would silently count as
 * structure); a scorecard that was not pulled, or whose name differs from the expected one, is a
 * warning.
 */
export function checkScorecards(tenant: TenantData, pulledCards: ReadonlySet<string>, mapping: ProgrammeMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  for (const config of mapping.scorecards) {
    const scorecardId = config.id;
    const tenantCard = tenant.scorecards.find((card) => card.Id === scorecardId);
    if (tenantCard === undefined && !pulledCards.has(scorecardId)) {
      issues.push({ severity: 'warning', code: 'scorecard-not-pulled', message: `scorecard ${scorecardId} is not in the snapshot`, scorecardId });
      continue;
    }
    if (config.name !== undefined && tenantCard !== undefined && normalizeName(tenantCard.Name) !== normalizeName(config.name)) {
      issues.push({
        severity: 'warning',
        code: 'scorecard-name-differs',
        message: `scorecard ${scorecardId} is called "${tenantCard.Name}" in Stratsys, the mapping expects "${config.name}"`,
        scorecardId,
      });
    }
    const columns = tenant.columns.filter((column) => (column.ScorecardId ?? column.Scorecard?.Id) === scorecardId);
    const activityColumn = columns.find((column) => isActivityColumn(config, column));
    if (activityColumn !== undefined && activityColumn.NodeType !== 'Activity') {
      issues.push({
        severity: 'error',
        code: 'activity-column-missing',
        message: `scorecard ${scorecardId}: the activity column ${activityColumn.Id} "${activityColumn.Name}" holds ${activityColumn.NodeType} nodes, not Activity nodes; who reports an activity comes from activities/filter rows, which only Activity nodes have`,
        scorecardId,
      });
    }
    if (columns.length > 0 && !columns.some((column) => isActivityColumn(config, column))) {
      const wanted = config.activityColumn.id !== null ? `id ${config.activityColumn.id}` : `name "${config.activityColumn.name}"`;
      const present = columns.map((column) => `${column.Id} "${column.Name}"`).join(', ');
      issues.push({
        severity: 'error',
        code: 'activity-column-missing',
        message: `scorecard ${scorecardId} has no column with ${wanted} (its columns: ${present}); no activity can be found`,
        scorecardId,
      });
    }
  }
  return issues;
}

/** Ids of the scorecards pulled for any of the units. */
export function pulledScorecardIds(units: Snapshot['units']): Set<string> {
  const ids = new Set<string>();
  for (const unit of units) for (const card of unit.scorecards) ids.add(card.scorecardId);
  return ids;
}
