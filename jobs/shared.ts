import { z } from 'zod';
import { selectPeriod } from '../src/mapping/load.js';
import type { ProgrammeMapping } from '../src/mapping/schema.js';
import type { JobServices } from '../src/queue/context.js';
import { defaultYear, resolveAsOf } from '../src/shared/as-of.js';

export const YearSchema = z.number().int().min(2000).max(2100);
export const InstantSchema = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 instant');
export const RunIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, 'expected a run id of letters, digits, dot, dash or underscore');

/** The as-of instant of a job: its payload's, else SYNC_AS_OF, else now. */
export function asOfFor(services: Pick<JobServices, 'config' | 'clock'>, asOf?: string): string {
  return asOf ?? resolveAsOf(services.config.SYNC_AS_OF, services.clock, services.config.REPORT_TIME_ZONE);
}

/** The reported year (payload, else SYNC_YEAR, else the year before `asOf`) and the mapping that covers it. */
export function periodFor(services: Pick<JobServices, 'mappings' | 'timeZone' | 'config'>, asOf: string, year?: number): { year: number; mapping: ProgrammeMapping } {
  const reported = year ?? services.config.SYNC_YEAR ?? defaultYear(asOf, services.timeZone);
  return { year: reported, mapping: selectPeriod(services.mappings, reported) };
}
