import type { Logger } from '../shared/logger.js';
import type { NamedUnit } from '../pipeline/find-unit.js';
import type { QueueSet } from '../queue/queues.js';
import type { YearReport } from '../report/model.js';
import type { SessionRevocations } from '../store/session-revocations.js';
import type { StatusStore } from '../store/status-store.js';
import type { Metrics } from './metrics.js';
import type { QueueDashboardMode } from './queue-board.js';

/** What the admin HTTP app (src/http/app.ts) and its status page are built from. */

/** Everything the admin HTTP app needs. */
export interface HttpDeps {
  tenantId: string;
  /** The organisation's name as people read it (TENANT_NAME). */
  tenantName: string;
  /** Null only when the server is bound to loopback (checked by the caller). */
  adminToken: string | null;
  /** Queues and status on a fail-fast connection (createHttpConnection): no handler waits for a Redis that is down. */
  queues: QueueSet;
  status: StatusStore;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
  /** Units that can be re-run (from the stored pull and the mapping); empty before the first pull. */
  listUnits(year?: number): Promise<NamedUnit[]>;
  /** Redis reachable? */
  pingRedis(): Promise<boolean>;
  /** Result of the last Stratsys request (true when it got an HTTP answer other than 5xx/401). */
  isStratsysReachable(): boolean | null;
  /** What else keeps the worker from being ready (e.g. Redis lost its data); none when absent. */
  readiness?: () => Readiness;
  /** The status page at `/` and the report at `/report` (src/http/status-page.ts). */
  page: StatusPageDeps;
  /** What the queue dashboard may change (QUEUE_DASHBOARD); default `retry-failed`. */
  queueDashboard?: QueueDashboardMode;
  /** Logged-out sessions; shared by replicas through Redis. Default: this process only. */
  sessions?: SessionRevocations;
}

/** A reason the worker is not ready although Redis and Stratsys answer, shown by /readyz. */
export interface ReadinessProblem {
  code: string;
  /** What happened, what the worker did about it, and when it will be ready again. */
  message: string;
  /** ISO 8601 instant it was noticed. */
  since: string;
}

/** Problems known to the worker process (empty when none). */
export type Readiness = ReadinessProblem[];

/** What the status page and `/report` need besides the admin HTTP's own deps. */
export interface StatusPageDeps {
  /** IANA time zone of the dates shown. */
  timeZone: string;
  /** The year shown without `?year=` (by the period policy: SYNC_YEAR, else the stored pull's year; src/app/period.ts). */
  defaultYear(): Promise<number>;
  /** The report for a year from the last stored pull; null before the first pull. Throws MAPPING_NO_PERIOD. */
  loadReport(year: number): Promise<YearReport | null>;
  /**
   * The same report read from the units' compact facts (no follow-up texts, which the status page
   * does not show), so a page view does not read every unit's full snapshot; default `loadReport`.
   */
  loadPageReport?(year: number): Promise<YearReport | null>;
  /** A stored run's report made again from what it kept (src/report/reproduce.ts); throws REPORT_RUN_NOT_FOUND. */
  loadRunReport?(runId: string): Promise<YearReport>;
}
