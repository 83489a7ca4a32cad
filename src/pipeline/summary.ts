import type { ExpectedReport, ReportSummary } from '../domain/evaluation.js';
import { summarizeReports } from '../rules/summaries.js';
import { describeColumn } from '../indicators/write-back.js';
import { localDateTime } from '../shared/local-time.js';
import type { RunResult } from './run.js';

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
    '',
    `${pad(labels[0] ?? '', width - 1)} expected  on time  late  missing  not due  unknown  delivered`,
    ...evaluation.byFocusArea.map((s, i) => summaryRow(labels[i + 1] ?? '', s, width)),
    summaryRow('External projects reports', summarizeReports(projectReports), width),
    summaryRow('Total', evaluation.total, width),
    '',
  ];
  const missing = evaluation.reports.filter((r) => r.state === 'missing');
  lines.push(missing.length === 0 ? 'No missing reports.' : `Missing reports (${missing.length}):`);
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

function formatWriteBack(result: RunResult, unitName: (id: string) => string): string {
  const w = result.writeBack;
  const head = w.dryRun
    ? `Write-back (dry run): ${plural(w.changes.length, 'value', 'values')} would change, ${w.unchanged} unchanged, ${w.heldBack.length} held back`
    : `Write-back: ${w.written} written, ${w.unchanged} unchanged, ${w.heldBack.length} held back, ${w.rejected.length} rejected (locked period), ${w.failed.length} failed`;
  const lines = [head];
  if (w.dryRun) {
    for (const { value, before } of w.changes) {
      lines.push(`  KPI ${value.kpiId} ${unitName(value.departmentId)} ${describeColumn(value.column)} ${value.date}: ${before ?? '(none)'} → ${value.value}  (${value.label})`);
    }
  }
  for (const { value, stored } of w.rejected) lines.push(`  rejected: KPI ${value.kpiId} ${unitName(value.departmentId)} ${value.date}: Stratsys kept ${stored ?? '(none)'} (period locked)`);
  for (const { value, message } of w.failed) lines.push(`  failed: KPI ${value.kpiId} ${unitName(value.departmentId)}: ${message}`);
  if (w.heldBack.length > 0) {
    const units = [...new Set(w.heldBack.flatMap((h) => h.failedUnitIds))].map(unitName);
    lines.push(`  held back because ${units.join(', ')} could not be pulled`);
  }
  return lines.join('\n');
}
