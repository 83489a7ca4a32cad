import { CronExpressionParser } from 'cron-parser';
import { AppError } from '../shared/errors.js';
import { JOB_NAMES, NIGHTLY_SCHEDULER_ID } from './names.js';
import { optionsFor, type QueueSet } from './queues.js';

/** Checks a cron pattern and time zone at boot, so a typo stops the process instead of the first run. */
export function validateCron(pattern: string, tz: string): void {
  try {
    CronExpressionParser.parse(pattern, { tz });
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `NIGHTLY_CRON: "${pattern}" is not a valid cron pattern in ${tz}: ${(error as Error).message}`);
  }
}

/**
 * Upserts the nightly scheduler under a stable id: any number of replicas calling this at start
 * leave exactly one schedule, and a changed pattern or time zone replaces the old one.
 */
export async function upsertNightlySchedule(set: QueueSet, pattern: string, tz: string): Promise<void> {
  validateCron(pattern, tz);
  await set.queues.control.upsertJobScheduler(
    NIGHTLY_SCHEDULER_ID,
    { pattern, tz },
    { name: JOB_NAMES.nightlySync, data: { trigger: 'schedule' }, opts: optionsFor(set.registry, JOB_NAMES.nightlySync) },
  );
}
