import { z } from 'zod';
import { defineJobSpec, STANDARD_RETENTION, type JobSpecs } from '../src/queue/job-definition.js';
import { JOB_NAMES, QUEUES } from '../src/queue/names.js';
import { isValidAsOf } from '../src/shared/as-of.js';
import { YEARS } from '../src/shared/years.js';

/**
 * What a producer needs of each job: its name, queue, payload schema and retry defaults, without
 * its handler. `rerun`, `sync-now` and the admin HTTP queue jobs with these alone, so they never
 * load the pipeline, the report writers or the mailer the handlers use (jobs/index.ts joins each
 * spec with its handler for the worker).
 */

export const YearSchema = z.number().int().min(YEARS.min).max(YEARS.max);
/** An ISO 8601 instant with date, time and offset (`Date.parse` alone would take "1" as the year 2001). */
export const InstantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/, 'expected an ISO 8601 instant such as 2021-03-01T08:00:00Z')
  .refine(isValidAsOf, 'expected an ISO 8601 instant from 1970 on');
/** A Stratsys department id as jobs carry it: ids are short; anything longer is not one. */
export const UnitIdSchema = z.string().min(1).max(64);
export const RunIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, 'expected a run id of letters, digits, dot, dash or underscore');

export const EvaluatePayloadSchema = z
  .object({
    runId: RunIdSchema,
    kind: z.enum(['nightly', 'rerun']),
    year: YearSchema,
    asOf: InstantSchema,
    unitIds: z.array(UnitIdSchema),
    /** When the run began (the sweep's start). */
    startedAt: InstantSchema.optional(),
    /** Stratsys requests of the sweep's reference data (the imports' own are in the status store). */
    referenceRequests: z.number().int().nonnegative().optional(),
    /** Evaluate and show the write-back diff and the e-mails; write, send and record nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();
export type EvaluatePayload = z.output<typeof EvaluatePayloadSchema>;

/** The nightly sweep (and `sync-now`): jobs/nightly-sync.ts. */
export const nightlySyncSpec = defineJobSpec({
  name: JOB_NAMES.nightlySync,
  queue: QUEUES.control,
  payload: z.object({ year: YearSchema.optional(), asOf: InstantSchema.optional(), trigger: z.enum(['schedule', 'manual']).default('schedule'), dryRun: z.boolean().optional() }).strict(),
  defaults: { attempts: 5, backoffMs: 30_000, ...STANDARD_RETENTION },
});

/** One unit's import in a run: jobs/import-unit.ts. */
export const importUnitSpec = defineJobSpec({
  name: JOB_NAMES.importUnit,
  queue: QUEUES.import,
  payload: z.object({ runId: RunIdSchema, unitId: UnitIdSchema, year: YearSchema }).strict(),
  defaults: { attempts: 4, backoffMs: 5_000, ...STANDARD_RETENTION },
});

/** A run's evaluation once its imports are in: jobs/evaluate-run.ts. */
export const evaluateRunSpec = defineJobSpec({
  name: JOB_NAMES.evaluateRun,
  queue: QUEUES.evaluate,
  payload: EvaluatePayloadSchema,
  defaults: { attempts: 5, backoffMs: 15_000, ...STANDARD_RETENTION },
});

/** A manual re-run of one unit: jobs/rerun-unit.ts. */
export const rerunUnitSpec = defineJobSpec({
  name: JOB_NAMES.rerunUnit,
  queue: QUEUES.control,
  payload: z.object({ unitId: UnitIdSchema, year: YearSchema.optional(), asOf: InstantSchema.optional(), dryRun: z.boolean().optional() }).strict(),
  defaults: { attempts: 3, backoffMs: 10_000, ...STANDARD_RETENTION },
});

/** A run's alert step: jobs/send-alerts.ts. */
export const sendAlertsSpec = defineJobSpec({
  name: JOB_NAMES.sendAlerts,
  queue: QUEUES.alerts,
  payload: z.object({ runId: RunIdSchema, year: YearSchema, asOf: InstantSchema, failedUnitIds: z.array(UnitIdSchema) }).strict(),
  defaults: { attempts: 6, backoffMs: 60_000, ...STANDARD_RETENTION },
});

/** Tries of a run's report job (jobs/write-report.ts reads it to know its last). */
export const WRITE_REPORT_ATTEMPTS = 3;

/** A run's report files: jobs/write-report.ts. */
export const writeReportSpec = defineJobSpec({
  name: JOB_NAMES.writeReport,
  queue: QUEUES.report,
  payload: z.object({ runId: RunIdSchema, year: YearSchema, asOf: InstantSchema }).strict(),
  defaults: { attempts: WRITE_REPORT_ATTEMPTS, backoffMs: 10_000, ...STANDARD_RETENTION },
});

/** Every job's spec, by name: what producers queue with. */
export const JOB_SPECS: JobSpecs = new Map([nightlySyncSpec, importUnitSpec, evaluateRunSpec, rerunUnitSpec, sendAlertsSpec, writeReportSpec].map((spec) => [spec.name, spec]));
