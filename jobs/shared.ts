import { resolvePeriod, type PeriodRequest, type ResolvedPeriod } from '../src/app/period.js';
import { tenantDisplayName } from '../src/config/load.js';
import type { FinishRunOptions } from '../src/pipeline/finish-run.js';
import type { RunResult } from '../src/pipeline/run-result.js';
import { reportLinks } from '../src/report/links.js';
import { writeRunReports } from '../src/report/write.js';
import { selectPeriod } from '../src/mapping/file/load.js';
import type { ProgrammeMapping } from '../src/mapping/file/schema.js';
import type { JobServices } from '../src/queue/context.js';

/**
 * Year, as-of instant and programme of a job, by the one policy (src/app/period.ts): the payload,
 * else SYNC_YEAR / SYNC_AS_OF, else the year before now. Jobs write and send, so a past year
 * evaluated as of now is refused (PERIOD_IMPLAUSIBLE); other unusual periods are logged.
 */
export function periodFor(services: Pick<JobServices, 'mappings' | 'config' | 'clock' | 'logger'>, request: PeriodRequest): ResolvedPeriod {
  const period = resolvePeriod(request, { settings: services.config, clock: services.clock, mappings: services.mappings, purpose: 'write' });
  for (const warning of period.warnings) services.logger.warn({ year: period.year, asOf: period.asOf, warning }, 'unusual period');
  return period;
}

/** The programme (mapping) covering a year already decided by the run (import jobs). */
export function programmeFor(services: Pick<JobServices, 'mappings'>, year: number): ProgrammeMapping {
  return selectPeriod(services.mappings, year);
}

/** How a job finishes a run of `mapping`: its programme and the tenant's name. */
export function finishOptions(services: Pick<JobServices, 'config'>, mapping: ProgrammeMapping): FinishRunOptions {
  return { mapping, tenantName: tenantDisplayName(services.config) };
}

/** Writes a run's report files under REPORT_DIR (src/report/write.ts), as `run --once` does. */
export function writeReportsOf(services: Pick<JobServices, 'config'>, mapping: ProgrammeMapping, result: RunResult): Promise<string[]> {
  const { config } = services;
  return writeRunReports(config.REPORT_DIR, result, { tenantName: tenantDisplayName(config), mapping, links: reportLinks(mapping, config.STRATSYS_BASE_URL) });
}
