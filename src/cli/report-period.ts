import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadMappings, selectPeriod } from '../mapping/file/load.js';
import type { YearReport } from '../report/model.js';
import { buildPeriodReport, type PeriodReport } from '../report/period.js';
import { renderPeriodCsv, renderPeriodHtml, renderPeriodMarkdown, renderPeriodXlsx } from '../report/period-render.js';
import { writeAll } from '../report/write.js';
import { systemClock } from '../shared/clock.js';
import { usageError, type CommandContext } from './common.js';
import { buildReportCommand, reportAsOf, type ReportCommandOptions } from './report-stored.js';

/** Parses `--period 2018-2020` (also `2018–2020`): first and last year, at most 10 years. */
export function parsePeriodArg(value: string): { from: number; to: number } {
  const match = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(value.trim());
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || to < from || to - from > 9) throw usageError(`--period: expected two years such as 2018-2020 (first ≤ last, at most 10 years), got "${value}"`);
  return { from, to };
}

/** Adds `--period <from-to>` to the report command. */
export function registerPeriodOption(command: Command): void {
  command.option('--period <years>', 'the programme period, e.g. 2018-2020: a column per year and the trend per focus area (same as-of for every year)', parsePeriodArg);
}

async function periodFile(period: PeriodReport, format: string): Promise<string | Buffer> {
  if (format === 'csv') return renderPeriodCsv(period);
  if (format === 'md') return renderPeriodMarkdown(period);
  if (format === 'xlsx') return renderPeriodXlsx(period);
  return renderPeriodHtml(period);
}

/**
 * `report --period A-B`: each year's report from the last stored pull, as of one instant, then the
 * period report built from them; every year must lie in one programme mapping.
 */
export async function runPeriodReport(ctx: CommandContext, years: { from: number; to: number }, options: ReportCommandOptions): Promise<void> {
  // One instant for every year, by the same policy as a single-year report (flag > SYNC_AS_OF > the stored pull's > now).
  const asOf = await reportAsOf(ctx, { year: years.to, asOf: options.asOf });
  const mappings = loadMappings(ctx.config.MAPPINGS_DIR);
  const reports: YearReport[] = [];
  for (let year = years.from; year <= years.to; year += 1) {
    if (selectPeriod(mappings, year).id !== selectPeriod(mappings, years.from).id) throw usageError(`--period: ${year} belongs to another programme than ${years.from}`);
    reports.push(await buildReportCommand(ctx, { year, asOf }));
  }
  const period = buildPeriodReport(reports, systemClock.now().toISOString());
  const name = (format: string) => `programperiod-${years.from}-${years.to}.${format}`;
  if (options.out === undefined) {
    process.stdout.write(await periodFile(period, options.format ?? 'html'));
    return;
  }
  await mkdir(options.out, { recursive: true });
  const formats = options.format ? [options.format] : ['html', 'csv', 'md', 'xlsx'];
  const files = Object.fromEntries(await Promise.all(formats.map(async (format) => [name(format), await periodFile(period, format)] as const)));
  process.stdout.write(`${(await writeAll(options.out, files)).join('\n')}\n`);
}
