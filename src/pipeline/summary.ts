import type { ExpectedReport, ReportSummary } from '../domain/evaluation.js';
import { summarizeReports } from '../rules/summaries.js';
import { describeColumn } from '../indicators/write-back.js';
import type { RunResult } from './run.js';

const REPORT_TYPE_LABEL: Record<ExpectedReport['type'], string> = {
  'action-plan-follow-up': 'action-plan follow-up',
  'project-report': 'external projects report',
};

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}
function num(value: number | null, width: number, suffix = ''): string {
  const text = value === null ? '–' : `${value}${suffix}`;
  return ' '.repeat(Math.max(0, width - text.length)) + text;
}

function summaryRow(label: string, s: ReportSummary): string {
  return `${pad(label, 46)}${num(s.expected, 9)}${num(s.onTime, 9)}${num(s.late, 6)}${num(s.missing, 9)}${num(s.notYetDue, 9)}${num(s.unknown, 9)}${num(s.shareDelivered, 11, ' %')}`;
}

/** The human summary of a run: per focus area, every missing report, the write-back. */
export function formatRunSummary(result: RunResult): string {
  const { evaluation, view } = result.assessment;
  const areaName = new Map(view.period.focusAreas.map((area) => [area.key, area.name]));
  const projectReports = evaluation.reports.filter((r) => r.type === 'project-report');
  const lines = [
    `Year ${result.year} as of ${result.asOf} (${evaluation.timeZone}) · programme ${result.mapping.id} · run ${result.runId}`,
    `Pull: ${result.pull.unitIds.length - result.pull.failures.length}/${result.pull.unitIds.length} units, ${result.pull.requests} Stratsys requests` +
      (result.pull.failures.length > 0 ? ` · FAILED: ${result.pull.failures.map((f) => `${f.departmentId} (${f.code})`).join(', ')}` : ''),
    `Mapping: ${view.activities.length} activities, ${view.projects.length} external projects, ${view.unmapped.length} unmapped nodes`,
    '',
    `${pad('Action-plan follow-up per focus area', 46)} expected  on time  late  missing  not due  unknown  delivered`,
    ...evaluation.byFocusArea.map((s) => summaryRow(`  ${areaName.get(s.focusAreaKey) ?? s.focusAreaKey}`, s)),
    summaryRow('External projects reports', summarizeReports(projectReports)),
    summaryRow('Total', evaluation.total),
    '',
  ];
  const missing = evaluation.reports.filter((r) => r.state === 'missing');
  lines.push(missing.length === 0 ? 'No missing reports.' : `Missing reports (${missing.length}):`);
  for (const report of missing) {
    const area = report.focusAreaKey ? ` · ${areaName.get(report.focusAreaKey) ?? report.focusAreaKey}` : '';
    lines.push(`  ${report.unitName} (${report.unitKind}) · ${REPORT_TYPE_LABEL[report.type]}${area} · due ${report.dueDate} · ${report.daysOverdue ?? 0} days overdue`);
  }
  lines.push('', formatWriteBack(result));
  if (result.alerts) lines.push('', result.alerts.text);
  return `${lines.join('\n')}\n`;
}

function formatWriteBack(result: RunResult): string {
  const w = result.writeBack;
  const head = w.dryRun
    ? `Write-back (dry run): ${w.changes.length} values would change, ${w.unchanged} unchanged, ${w.heldBack.length} held back`
    : `Write-back: ${w.written} written, ${w.unchanged} unchanged, ${w.heldBack.length} held back, ${w.rejected.length} rejected (locked period), ${w.failed.length} failed`;
  const lines = [head];
  if (w.dryRun) {
    for (const { value, before } of w.changes) {
      lines.push(`  KPI ${value.kpiId} dept ${value.departmentId} ${describeColumn(value.column)} ${value.date}: ${before ?? '(none)'} → ${value.value}  (${value.label})`);
    }
  }
  for (const { value, stored } of w.rejected) lines.push(`  rejected: KPI ${value.kpiId} dept ${value.departmentId} ${value.date}: Stratsys kept ${stored ?? '(none)'} (period locked)`);
  for (const { value, message } of w.failed) lines.push(`  failed: KPI ${value.kpiId} dept ${value.departmentId}: ${message}`);
  if (w.heldBack.length > 0) {
    const units = [...new Set(w.heldBack.flatMap((h) => h.failedUnitIds))];
    lines.push(`  held back because units ${units.join(', ')} could not be pulled`);
  }
  return lines.join('\n');
}
