import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Deadline, UserReportingList, UserReportListItem } from '../stratsys/schemas.js';
import type { ReportingList, ReportList } from './fixture.js';
import type { TenantIndex } from './tenant-index.js';

/** The simulated tenant's calendar: deadlines and "today" are days in this zone. */
export const SIM_TIME_ZONE = 'Europe/Stockholm';

/** The calendar day (`yyyy-MM-dd`) of an instant in Europe/Stockholm. */
export function stockholmDate(instant: Date): string {
  return format(instant, 'yyyy-MM-dd', { in: tz(SIM_TIME_ZONE) });
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

/**
 * The `Deadline` view model: `DaysDelayed` = whole days from the deadline to `today` (positive when
 * overdue, 0 on the day itself, negative before). Overdue → `deadlineOverdue`, "Försenad N dagar"
 * ("1 dag" in the singular); otherwise `deadlineDefault` with the deadline date as text.
 */
export function deadlineView(deadline: string, today: string): Deadline {
  const daysDelayed = dayNumber(today) - dayNumber(deadline);
  if (daysDelayed > 0) {
    return { CssClass: 'deadlineOverdue', DaysDelayed: daysDelayed, Text: `Försenad ${daysDelayed} ${daysDelayed === 1 ? 'dag' : 'dagar'}` };
  }
  return { CssClass: 'deadlineDefault', DaysDelayed: daysDelayed, Text: deadline };
}

/**
 * `GET stratsys-apps/reportlists/{id}/users/{user}`: the list's rows when `userId` owns it, else
 * none. Without `showAll` only rows still needing action (not fully approved) are returned.
 */
export function reportListItems(index: TenantIndex, list: ReportList, userId: string, today: string, showAll: boolean): UserReportListItem[] {
  if (list.userId !== userId) return [];
  return list.rows
    .filter((row) => showAll || (row.progress?.approved ?? 0) < 100)
    .map((row) => ({
      Name: row.name,
      Url: row.url,
      Deadline: deadlineView(row.deadline, today),
      ReportPeriod: row.reportPeriod,
      DepartmentId: row.departmentId,
      DepartmentName: index.departments.get(row.departmentId)?.Name ?? null,
      ReportProgress: row.progress ? { PercentageReadyForApproval: row.progress.readyForApproval, PercentageApproved: row.progress.approved } : null,
    }));
}

const ACTION_TEXT = { reportNode: 'Slutuppfölj, Kommentera', showNode: 'Visa' } as const;

/**
 * `GET stratsys-apps/reportinglists/{id}/users/{user}`: nodes awaiting follow-up. Without
 * `showAll` only `reportNode` rows (a follow-up still expected) are returned.
 */
export function reportingListView(index: TenantIndex, list: ReportingList, userId: string, today: string, showAll: boolean): UserReportingList {
  const rows = list.userId === userId ? list.rows.filter((row) => showAll || row.action === 'reportNode') : [];
  return {
    ShowScorecardName: true,
    ShowAll: showAll,
    ShowPeriod: true,
    Nodes: rows.map((row) => {
      const node = index.nodes.get(row.nodeId);
      const scorecard = node ? index.scorecards.get(node.scorecardId) : undefined;
      return {
        Deadline: deadlineView(row.deadline, today),
        Action: { CssClass: row.action, Text: ACTION_TEXT[row.action] },
        DepartmentId: row.departmentId,
        DepartmentName: index.departments.get(row.departmentId)?.Name ?? null,
        NodeId: row.nodeId,
        NodeName: node?.name ?? null,
        ScorecardId: node?.scorecardId ?? null,
        ScorecardName: scorecard?.Name ?? null,
        PeriodName: row.periodName,
        NodeType: list.nodeType,
        ReportNodeDialogUrl: `https://www.stratsys.se/PermaLink/${index.fixture.companyCode}/ReportNode.mvc?nodeId=${row.nodeId}&departmentId=${row.departmentId}`,
      };
    }),
  };
}
