import type { Command } from 'commander';
import { describeConfig } from '../config/load.js';
import { buildStratsysClient } from '../app/compose.js';
import { systemClock } from '../shared/clock.js';
import { deepCheck, type DeepCheckReport } from '../pipeline/check/deep-check.js';
import { action, createCommandContext, parseIntArg, type CommandContext } from './common.js';
import { commandPeriod } from './period.js';
import { planPacing } from '../stratsys/pacing.js';
import { YEARS } from '../shared/years.js';

/**
 * `stratsys-sync check`: can we reach Stratsys with these credentials, and as which application?
 * `--deep` probes the tenant read-only before the first run (see src/pipeline/check/deep-check.ts).
 */
export function register(program: Command): void {
  program
    .command('check')
    .description(
      'check access to Stratsys (CheckAccess, applications/this) and print the effective settings, secrets masked; --deep probes the tenant read-only: the readings of the open contract points, every mapping id it lacks, and the size of the nightly run',
    )
    .option('--deep', 'probe the tenant (read-only, a few dozen requests); exit 1 on any error finding')
    .option('--year <year>', 'with --deep: the year the nightly run evaluates (default: as the run would)', parseIntArg('--year', YEARS.min, YEARS.max))
    .option('--json', 'print one JSON document')
    .action(
      action(async (options: { json?: boolean; deep?: boolean; year?: number }, command: Command) => {
        const ctx = createCommandContext(command);
        if (options.deep) return runDeepCheck(ctx, options);
        const { config, logger } = ctx;
        const client = buildStratsysClient({ config, clock: systemClock, logger });
        const access = await client.checkAccess();
        const application = await client.application();
        const settings = describeConfig(config);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ access, application, settings }, null, 2)}\n`);
          return;
        }
        const lines = [
          `Stratsys access: ${access}`,
          `Application:     ${application.Name} (version ${application.VersionId ?? 'unknown'}, external source ${application.ExternalSourceId ?? 'none'})`,
          `Base URL:        ${config.STRATSYS_BASE_URL}`,
          `Auth:            ${config.STRATSYS_AUTH}${config.STRATSYS_CLIENT_ID ? ` as ${config.STRATSYS_CLIENT_ID}` : ''}${config.STRATSYS_COMPANY_CODE ? `, company ${config.STRATSYS_COMPANY_CODE}` : ''}, secret ***`,
          `Limits:          ${config.STRATSYS_MAX_CONCURRENCY} in flight, ${config.STRATSYS_MAX_RPS} req/s (paced ${config.STRATSYS_RPS_MARGIN} % below), timeout ${config.STRATSYS_TIMEOUT_MS} ms, ${config.STRATSYS_MAX_RETRIES} retries`,
          `Tenant id:       ${config.TENANT_ID}`,
          '',
          'Settings:',
          ...Object.entries(settings).map(([key, value]) => `  ${key}=${value ?? ''}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}

async function runDeepCheck(ctx: CommandContext, options: { json?: boolean; year?: number }): Promise<void> {
  const { config, logger } = ctx;
  const { year, mapping } = commandPeriod(ctx, { year: options.year }, 'read');
  const client = buildStratsysClient({ config, clock: systemClock, logger });
  await client.checkAccess();
  const report = await deepCheck(client, { mapping, year, maxRps: planPacing(config.STRATSYS_MAX_RPS, config.STRATSYS_RPS_MARGIN).paceRps, maxConcurrency: config.STRATSYS_MAX_CONCURRENCY, logger });
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDeepCheck(report, mapping.file, year));
  if (report.findings.some((finding) => finding.status === 'error')) process.exitCode = 1;
}

/** One block per finding: status, topic and message, then the evidence indented. */
export function formatDeepCheck(report: DeepCheckReport, file: string, year: number): string {
  const order = { error: 0, warning: 1, ok: 2 } as const;
  const findings = [...report.findings].sort((a, b) => order[a.status] - order[b.status]);
  const counts = (['error', 'warning', 'ok'] as const).map((status) => `${report.findings.filter((f) => f.status === status).length} ${status}`).join(', ');
  const lines = [`check --deep: ${file}, year ${year}: ${counts}`, ''];
  for (const finding of findings) lines.push(`${finding.status.toUpperCase().padEnd(7)} ${finding.topic}: ${finding.message}`, `        evidence: ${finding.evidence}`);
  lines.push('', `Nightly run: about ${report.estimate.requests} Stratsys requests, ${report.estimate.seconds} s.`);
  return `${lines.join('\n')}\n`;
}
