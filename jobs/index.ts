import type { JobDefinition, JobRegistry } from '../src/queue/job-definition.js';
import type { JobContext } from '../src/queue/context.js';
import { evaluateRun } from './evaluate-run.js';
import { importUnit } from './import-unit.js';
import { nightlySync } from './nightly-sync.js';
import { rerunUnit } from './rerun-unit.js';
import { sendAlerts } from './send-alerts.js';
import { writeReport } from './write-report.js';

/** Every job the worker runs, by name. */
export const JOB_REGISTRY: JobRegistry = new Map(
  [nightlySync, importUnit, evaluateRun, rerunUnit, sendAlerts, writeReport].map((job) => [job.name, job as JobDefinition<unknown, JobContext, unknown>]),
);

export { evaluateRun, importUnit, nightlySync, rerunUnit, sendAlerts, writeReport };
