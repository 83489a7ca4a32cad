import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestEvent } from '../stratsys/transport.js';
import type { StatusStore } from '../store/status-store.js';
import type { QueueSet } from '../queue/queues.js';
import { JOB_NAMES, QUEUES } from '../queue/names.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'waiting-children', 'prioritized'] as const;
const KNOWN_JOB_NAMES: ReadonlySet<string> = new Set(Object.values(JOB_NAMES));
const KNOWN_QUEUES: ReadonlySet<string> = new Set(Object.values(QUEUES));

/** A label value from a fixed set, `other` for anything else: job names come from Redis, and every distinct value is a new series. */
function knownOr(value: string, known: ReadonlySet<string>): string {
  return known.has(value) ? value : 'other';
}

export interface Metrics {
  registry: Registry;
  observeRequest(event: RequestEvent): void;
  observeJob(info: { queue: string; name: string; state: 'completed' | 'failed'; durationMs: number }): void;
  setMissingReports(byFocusArea: Record<string, number>): void;
}

/** Prometheus metrics of one worker process; job counts and the last nightly success are read at scrape time. */
export function createMetrics(sources: { queues?: QueueSet; status?: StatusStore } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'stratsys_sync_' });
  const requests = new Counter({
    name: 'stratsys_sync_stratsys_requests_total',
    help: 'Stratsys HTTP exchanges by endpoint and status (0 = network failure)',
    labelNames: ['endpoint', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'stratsys_sync_stratsys_request_duration_seconds',
    help: 'Stratsys request latency',
    labelNames: ['endpoint'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const retries = new Counter({ name: 'stratsys_sync_stratsys_retries_total', help: 'Stratsys requests that were retries of an earlier attempt', labelNames: ['endpoint'], registers: [registry] });
  const jobDuration = new Histogram({
    name: 'stratsys_sync_job_duration_seconds',
    help: 'Job processing time by queue, job and final state',
    labelNames: ['queue', 'name', 'state'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const missing = new Gauge({ name: 'stratsys_sync_missing_reports', help: 'Missing yearly reports by focus area at the last evaluation', labelNames: ['focus_area'], registers: [registry] });
  new Gauge({
    name: 'stratsys_sync_jobs',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      if (!sources.queues) return;
      for (const [base, queue] of Object.entries(sources.queues.queues)) {
        // A scrape must answer while Redis is down: leave the last counts after a short wait.
        const counts = await within(queue.getJobCounts(...JOB_STATES), 2_000);
        if (counts) for (const state of JOB_STATES) this.set({ queue: base, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'stratsys_sync_last_nightly_success_timestamp_seconds',
    help: 'Unix time of the last complete nightly run (0 if none yet)',
    registers: [registry],
    async collect() {
      if (!sources.status) return this.set(0);
      const at = await within(sources.status.lastNightlySuccess(), 2_000);
      if (at !== undefined) this.set(at ? Date.parse(at) / 1000 : 0);
    },
  });
  return {
    registry,
    observeRequest(event) {
      requests.inc({ endpoint: event.route, status: String(event.status) });
      latency.observe({ endpoint: event.route }, event.durationMs / 1000);
      if (event.attempt > 0) retries.inc({ endpoint: event.route });
    },
    observeJob(info) {
      const labels = { queue: knownOr(info.queue, KNOWN_QUEUES), name: knownOr(info.name, KNOWN_JOB_NAMES), state: info.state === 'completed' ? 'completed' : 'failed' };
      jobDuration.observe(labels, Math.max(0, info.durationMs) / 1000);
    },
    setMissingReports(byFocusArea) {
      missing.reset();
      for (const [area, count] of Object.entries(byFocusArea)) missing.set({ focus_area: area }, count);
    },
  };
}

/** The promise's value, or undefined when it takes longer than `ms` or fails. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
