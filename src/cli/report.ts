import { mkdir } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { YearReport } from '../report/model.js';
import { renderReport, reportFileName } from '../report/render.js';
import { reproduceRunReport } from '../report/reproduce.js';
import { renderReportFiles, writeAll } from '../report/write.js';
import { renderReportXlsx } from '../report/xlsx.js';
import { action, createCommandContext, parseInstantArg, parseIntArg, usageError } from './common.js';
import { registerPeriodOption, runPeriodReport } from './report-period.js';
import { CLI_FORMATS, buildReportCommand, type CliFormat, type ReportCommandOptions } from './report-stored.js';
import { YEARS } from '../shared/years.js';

/** Writes the report in `formats` to `dir`; returns the paths. */
export async function writeReportFiles(report: YearReport, dir: string, formats: readonly CliFormat[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const all = await renderReportFiles(report);
  const wanted = new Set(formats.map((format) => reportFileName(report.year, format as 'html')));
  return writeAll(dir, Object.fromEntries(Object.entries(all).filter(([name]) => wanted.has(name))));
}

/**
 * Prints one format, or writes files with --out. A terminal gets Markdown (readable text) unless
 * a format is asked for, and never the xlsx bytes; a pipe gets HTML by default.
 */
export async function printOrWrite(report: YearReport, options: ReportCommandOptions, isTerminal = process.stdout.isTTY === true): Promise<void> {
  if (options.out === undefined) {
    if (isTerminal && options.format === 'xlsx') throw usageError('--format xlsx is a binary file: give --out DIR, or redirect the output to a file');
    const format = options.format ?? (isTerminal ? 'md' : 'html');
    if (isTerminal && options.format === undefined) process.stderr.write('(Markdown on a terminal; --format html|csv|md|xlsx to choose, --out DIR to write the files)\n');
    process.stdout.write(format === 'xlsx' ? await renderReportXlsx(report) : renderReport(report, format));
    return;
  }
  const files = await writeReportFiles(report, options.out, options.format ? [options.format] : CLI_FORMATS);
  process.stdout.write(`${files.join('\n')}\n`);
}

/** `stratsys-sync report`: the yearly compilation for the executive board. */
export function register(program: Command): void {
  const command = program
    .command('report')
    .description('the yearly compilation (follow-up texts, goals, deliveries, project funds) from the last stored pull, a stored run, or a programme period')
    .option('--year <year>', 'reported year (default: SYNC_YEAR, else that of the stored pull)', parseIntArg('--year', YEARS.min, YEARS.max))
    .option('--as-of <date>', 'evaluate as of this instant or date (yyyy-MM-dd = 00:00 in REPORT_TIME_ZONE); default SYNC_AS_OF, else that of the stored pull', parseInstantArg)
    .option('--run <runId>', "make a stored run's report again from its own snapshot (REPORT_DIR/<tenant>/<year>/runs/<runId>)")
    .addOption(
      new Option(
        '--format <format>',
        'html, csv (semicolons, UTF-8 with BOM, for Excel), md or xlsx; printed format without --out (default html), only format written with --out (default all)',
      ).choices(CLI_FORMATS),
    )
    .option('--out <dir>', 'write arsrapport-<year>.<format> files to this folder and print their paths');
  registerPeriodOption(command);
  command.action(
    action(async (options: ReportCommandOptions, cmd: Command) => {
      const ctx = createCommandContext(cmd);
      if (options.run !== undefined && (options.period !== undefined || options.year !== undefined || options.asOf !== undefined)) {
        throw usageError('--run makes a stored report again as it was: it takes no --year, --as-of or --period');
      }
      if (options.period !== undefined) return runPeriodReport(ctx, options.period, options);
      const report = options.run !== undefined ? await reproduceRunReport(ctx.config.REPORT_DIR, ctx.config.TENANT_ID, options.run) : await buildReportCommand(ctx, options);
      await printOrWrite(report, options);
    }),
  );
}
