import type { CoverageReport } from './coverage.js';

/** The plain-text rendering of `mappings coverage` for the CLI (pure, no colours). */

/** A table per scorecard, then rule use, unmapped nodes and issues. */
export function formatCoverage(report: CoverageReport): string {
  const lines = [`Coverage of mapping ${report.periodId}`, ''];
  lines.push(row(['scorecard', 'activities', 'mapped', 'unmapped', 'structure', 'name']));
  for (const card of report.scorecards) {
    lines.push(row([card.scorecardId, String(card.activities), String(card.mapped), String(card.unmapped), String(card.structure), card.name ?? '']));
  }
  for (const card of report.scorecards) {
    lines.push('', `Scorecard ${card.scorecardId}:`);
    lines.push(`  by focus area:   ${pairs(card.byFocusArea, true)}`);
    lines.push(`  decided at:      ${pairs(card.byLevel)}`);
    lines.push(`  unmapped, why:   ${pairs(card.byReason)}`);
  }
  lines.push('', 'Rules (by precedence): matched / decided');
  for (const rule of report.rules) lines.push(`  ${String(rule.matched).padStart(6)} ${String(rule.decided).padStart(6)}  ${rule.level.padEnd(17)} ${rule.label}`);
  if (report.unusedRules.length > 0) lines.push('', `Rules that matched nothing: ${report.unusedRules.map((label) => `"${label}"`).join(', ')}`);
  if (report.unmapped.length > 0) {
    lines.push('', 'Unmapped nodes:');
    for (const node of report.unmapped) lines.push(`  ${node.scorecardId}/${node.unitId}/${node.nodeId} "${node.name}": ${node.reason}`);
  }
  for (const issue of report.issues) lines.push(`${issue.severity}: ${issue.message}`);
  return lines.join('\n');
}

function row(cells: string[]): string {
  const widths = [10, 11, 7, 9, 10];
  return cells
    .map((cell, index) => (index < widths.length ? cell.padEnd(widths[index] ?? 0) : cell))
    .join(' ')
    .trimEnd();
}

function pairs(counts: Record<string, number | undefined>, showZero = false): string {
  const entries = Object.entries(counts).filter((entry): entry is [string, number] => entry[1] !== undefined && (showZero || entry[1] > 0));
  return entries.length === 0 ? '(none)' : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}
