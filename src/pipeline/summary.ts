import type { ExpectedReport, ReportSummary } from '../domain/evaluation.js';
import { summarizeReports } from '../rules/summaries.js';
import { describeColumn } from '../indicators/write-back.js';
import { localDateTime } from '../shared/local-time.js';
import type { RunResult } from './run-result.js';
import { formatProjectAmounts } from './amount-gaps.js';

/** How the summary names things for people. */
export interface SummaryOptions {
  /** The organisation's display name (TENANT_NAME); default the tenant id. */
  tenantName?: string | undefined;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const REPORT_TYPE_LABEL: Record<ExpectedReport['type'], string> = {
  'action-plan-follow-up': 'action-plan follow-up',
  'project-report': 'external projects report',
};

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}
function num(value: number | null, width: number, suffix = ''): string {
  const text = value === null ? '–' : `${value}${suffix}`;
  return ' '.repeat(Math.max(0, width - text.length)) + text;
}

function summaryRow(label: string, s: ReportSummary, width: number): string {
  return `${pad(label, width)}${num(s.expected, 9)}${num(s.onTime, 9)}${num(s.late, 6)}${num(s.missing, 9)}${num(s.notYetDue, 9)}${num(s.unknown, 9)}${num(s.shareDelivered, 11, ' %')}`;
}

/** `due 2021-01-31 (grace to 2021-02-14)`: the nominal day and the last day of grace, which days overdue count from. */
export function dueText(report: Pick<ExpectedReport, 'dueDate' | 'graceDays'>): string {
  const [y, m, d] = report.dueDate.split('-').map(Number);
  if (report.graceDays <= 0 || y === undefined || m === undefined || d === undefined) return `due ${report.dueDate}`;
  const lastDay = new Date(Date.UTC(y, m - 1, d + report.graceDays)).toISOString().slice(0, 10);
  return `due ${report.dueDate} (grace to ${lastDay})`;
}

/** The human summary of a run: per focus area, every missing report, the write-back. */
export function formatRunSummary(result: RunResult, options: SummaryOptions = {}): string {
  const { evaluation, view } = result.assessment;
  const areaName = new Map(view.period.focusAreas.map((area) => [area.key, area.name]));
  const unitName = (id: string) => view.units.find((unit) => unit.id === id)?.name ?? id;
  const projectReports = evaluation.reports.filter((r) => r.type === 'project-report');
  const tz = evaluation.timeZone;
  const labels = ['Action-plan follow-up per focus area', ...evaluation.byFocusArea.map((s) => `  ${areaName.get(s.focusAreaKey) ?? s.focusAreaKey}`)];
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  const lines = [
    `${options.tenantName ?? result.tenantId} · year ${result.year} as of ${localDateTime(result.asOf, tz)} (${tz}) · programme ${result.mapping.name}`,
    `Pull: ${pullText(result)}, ${plural(result.pull.requests, 'Stratsys request', 'Stratsys requests')}` +
      (result.pull.failures.length > 0 ? ` · FAILED: ${result.pull.failures.map((f) => unitName(f.departmentId)).join(', ')}` : ''),
    `Mapping: ${plural(view.activities.length, 'activity', 'activities')}, ${plural(view.projects.length, 'external project', 'external projects')}, ${plural(view.unmapped.length, 'unmapped node', 'unmapped nodes')}`,
    ...runningYearsNote(result),
    '',
    `${pad(labels[0] ?? '', width - 1)} expected  on time  late  missing  not due  unknown  delivered`,
    ...evaluation.byFocusArea.map((s, i) => summaryRow(labels[i + 1] ?? '', s, width)),
    summaryRow('External projects reports', summarizeReports(projectReports), width),
    summaryRow('Total', evaluation.total, width),
    '',
  ];
  lines.push(...formatUnreadable(result, areaName));
  lines.push(...formatProjectAmounts(result.assessment));
  const missing = evaluation.reports.filter((r) => r.state === 'missing');
  const among = unknownText(result, unitName);
  lines.push(missing.length === 0 ? `No missing reports${among}.` : `Missing reports (${missing.length})${among}:`);
  for (const report of missing) {
    const area = report.focusAreaKey ? ` · ${areaName.get(report.focusAreaKey) ?? report.focusAreaKey}` : '';
    lines.push(`  ${report.unitName} (${report.unitKind}) · ${REPORT_TYPE_LABEL[report.type]}${area} · ${dueText(report)} · ${plural(report.daysOverdue ?? 0, 'day', 'days')} overdue`);
  }
  lines.push('', formatWriteBack(result, unitName));
  if (result.alerts) lines.push('', result.alerts.text);
  return `${lines.join('\n')}\n`;
}

/** `10/10 units`, or for a one-unit run `1 unit pulled now, 9 from their stored pulls (10 in all)`. */
function pullText(result: RunResult): string {
  const total = result.pull.unitIds.length;
  const good = total - result.pull.failures.length;
  const fresh = result.pull.pulledUnitIds.length;
  if (fresh >= good) return `${good}/${plural(total, 'unit', 'units')}`;
  return `${plural(fresh, 'unit', 'units')} pulled now, ${good - fresh} from their stored pulls (${total} in all)`;
}

/** ` among the units that could be read; …` naming failed units and reports with unreadable evidence, or ''. */
function unknownText(result: RunResult, unitName: (id: string) => string): string {
  const failed = result.assessment.view.failedUnitIds;
  const unreadable = result.assessment.evaluation.reports.filter((r) => r.unknownReason === 'unreadable-evidence');
  const parts = [
    ...(failed.length > 0 ? [`${failed.length} unknown (pull failed: ${failed.map(unitName).join(', ')})`] : []),
    ...(unreadable.length > 0 ? [`${plural(unreadable.length, 'report', 'reports')} unknown (a follow-up date could not be read)`] : []),
  ];
  return parts.length === 0 ? '' : ` among the units that could be read; ${parts.join(', ')}`;
}

/** Says when projects count by the years they run (no year field in their financing rule), and how many. */
function runningYearsNote(result: RunResult): string[] {
  const running = result.assessment.view.projects.filter((p) => p.yearSource === 'running');
  if (running.length === 0) return [];
  const counted = running.filter((p) => (p.countedYears ?? []).includes(result.year)).length;
  return [
    `Projects: ${plural(running.length, 'project has', 'projects have')} no grant year (no year field in the financing rule): each counts in every programme year it runs; ${counted} of them count in ${result.year}`,
  ];
}

/** Reports that are unknown because a follow-up date could not be read, with the comments. */
function formatUnreadable(result: RunResult, areaName: Map<string, string>): string[] {
  const reports = result.assessment.evaluation.reports.filter((r) => r.unknownReason === 'unreadable-evidence');
  if (reports.length === 0) return [];
  const lines = [`UNKNOWN: ${plural(reports.length, 'report has', 'reports have')} follow-ups whose date could not be read; neither missing nor delivered, their values are held back:`];
  for (const report of reports) {
    lines.push(`  ${report.unitName} (${report.unitKind}) · ${REPORT_TYPE_LABEL[report.type]}${report.focusAreaKey ? ` · ${areaName.get(report.focusAreaKey) ?? report.focusAreaKey}` : ''}`);
    for (const entry of report.evidence.unreadable ?? []) lines.push(`    comment ${entry.commentId} on node ${entry.nodeId}: ${entry.reason}`);
  }
  return [...lines, ''];
}

function formatWriteBack(result: RunResult, unitName: (id: string) => string): string {
  const w = result.writeBack;
  const rounded = w.rounded.length > 0 ? ` (${w.rounded.length} rounded by Stratsys to the column's decimals)` : '';
  const head = w.dryRun
    ? `Write-back (dry run): ${plural(w.changes.length, 'value', 'values')} would change, ${w.unchanged} unchanged, ${w.heldBack.length} held back, ${w.failed.length} failed`
    : `Write-back: ${w.written} written${rounded}, ${w.unchanged} unchanged, ${w.heldBack.length} held back, ${w.rejected.length} rejected, ${w.failed.length} failed`;
  const lines = [head];
  if (w.dryRun) {
    for (const { value, before } of w.changes) {
      lines.push(`  KPI ${value.kpiId} ${unitName(value.departmentId)} ${describeColumn(value.column)} ${value.date}: ${before ?? '(none)'} → ${value.value}  (${value.label})`);
    }
  }
  for (const { value, stored } of w.rounded)
    lines.push(`  rounded: KPI ${value.kpiId} ${unitName(value.departmentId)} ${describeColumn(value.column)}: sent ${value.value}, Stratsys stored ${stored ?? '(none)'}`);
  for (const { value, stored, reason } of w.rejected) {
    lines.push(
      `  rejected: KPI ${value.kpiId} ${unitName(value.departmentId)} ${value.date}: Stratsys kept ${stored ?? '(none)'}${reason === 'locked' ? ' (period locked)' : ' (neither the value sent nor the old one)'}`,
    );
  }
  for (const { value, message } of w.failed) lines.push(`  failed: KPI ${value.kpiId} ${unitName(value.departmentId)} ${describeColumn(value.column)}: ${message}`);
  for (const c of w.confirmed) {
    lines.push(
      `  earlier write without answer (run ${c.runId}): KPI ${c.value.kpiId} ${unitName(c.value.departmentId)} sent ${c.sent ?? '(none)'}, Stratsys holds ${c.found ?? '(none)'}: ${c.applied ? 'it was applied' : 'it was not applied'}`,
    );
  }
  for (const warning of w.warnings) lines.push(`  warning: ${warning}`);
  const units = [...new Set(w.heldBack.flatMap((h) => h.failedUnitIds))].map(unitName);
  if (units.length > 0) lines.push(`  held back because ${units.join(', ')} could not be pulled`);
  const unknownIds = new Set(w.heldBack.flatMap((h) => h.unknownReportIds));
  const reports = result.assessment.evaluation.reports.filter((report) => unknownIds.has(report.id)).map((report) => `${report.unitName} (${REPORT_TYPE_LABEL[report.type]})`);
  if (reports.length > 0) lines.push(`  held back because the reports of ${[...new Set(reports)].join(', ')} are unknown (unreadable follow-up dates)`);
  const projectIds = new Set(w.heldBack.flatMap((h) => h.unknownProjectIds));
  const projects = result.assessment.view.projects.filter((p) => projectIds.has(p.nodeId));
  const named = [...new Map(projects.map((p) => [p.nodeId, `${p.name} (${unitName(p.unitId)})`])).values()];
  if (named.length > 0) lines.push(`  held back because the granted amounts of ${named.join(', ')} could not be read`);
  return lines.join('\n');
}
