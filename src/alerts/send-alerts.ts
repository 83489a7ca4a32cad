import { randomUUID } from 'node:crypto';
import type { AlertSource } from '../pipeline/alert-source.js';
import type { Clock } from '../shared/clock.js';
import { toAppError, type AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { composeAlerts } from './compose.js';
import type { AlertDigest, AlertPlan } from './digest.js';
import { DEFAULT_LEASE_MS, type AlertLedger } from './ledger.js';
import type { Mailer, SendReceipt } from './mailer.js';
import type { AlertOutcome, FailedDigest, PendingDigest, SentDigest, SkippedDigest } from './outcome.js';
import { reportersFromRoleHolders, type AlertMapping, type RoleHolders } from './recipients.js';

export { formatAlertOutcome, alertFailure, pendingRetryInMs, type AlertOutcome } from './outcome.js';

/**
 * The alert step: compose the digests, then for each one claim it in the ledger, send it (with a
 * few retries and backoff) and record it as sent, or release the claim when it could not be sent.
 */

/** Retries of one e-mail: `attempts` tries in all, waiting `baseDelayMs · 4^(n-1)` (at most `maxDelayMs`) after try n. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 3 tries, waiting 2 s and then 8 s. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 2_000, maxDelayMs: 30_000 };

/** The adapters of the alert step (see createAlertDeps). */
export interface AlertDeps {
  mailer: Mailer;
  ledger: AlertLedger;
  logger: Logger;
  clock: Clock;
  /** Waits between retries; default a timer. Tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  /** Ledger claim lease in ms; default DEFAULT_LEASE_MS (10 minutes). */
  leaseMs?: number;
}

/** One alert step: what a run's evaluation says (its alert source) and how to treat it. */
export interface AlertStepInput {
  runId: string;
  mapping: AlertMapping;
  source: AlertSource;
  /** TenantData.roleHolders of the pull the evaluation was made from. */
  roleHolders: RoleHolders;
  /** ISO 8601 instant of the evaluation. */
  asOf: string;
  /** Compose only: nothing is sent or recorded. */
  dryRun: boolean;
  /** Unit id → who reports for the unit, where known. */
  reporters?: ReadonlyMap<string, readonly string[]>;
}

/** Who reports for each unit, from the mapping's `alerts.reporters` role as pulled per unit. */
function reportersOf(input: AlertStepInput): ReadonlyMap<string, readonly string[]> | undefined {
  const config = input.mapping.alerts.reporters;
  if (!config) return undefined;
  const scorecardId = config.scorecardId ?? input.mapping.scorecards[0]?.id ?? '';
  const units = input.source.unitIds.map((unitId) => ({ scorecardId, unitId, nodeId: config.nodeId }));
  return reportersFromRoleHolders(input.roleHolders, units, config.roleId);
}

/** The wait after failed try `attempt` (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 4 ** Math.max(0, attempt - 1));
}

/** What would be sent now: the ledger's sent entries for the year, composed with the run's alert source. */
export async function planAlerts(ledger: AlertLedger, input: AlertStepInput): Promise<AlertPlan> {
  const sentEntries = await ledger.sentEntries(input.source.year);
  const reporters = input.reporters ?? reportersOf(input);
  return composeAlerts({ source: input.source, mapping: input.mapping, roleHolders: input.roleHolders, sentEntries, asOf: input.asOf, reporters });
}

/**
 * Runs the alert step once. Never sends a digest twice within its cadence step (ledger claim);
 * a digest that cannot be sent ends up in `failed` and is not recorded, so the next run sends it;
 * a digest another worker holds a claim on ends up in `pending` (not sent as far as this step
 * knows: the caller repeats the step when the claim runs out). Throws only when the ledger cannot be read at all.
 */
export async function runAlertStep(deps: AlertDeps, input: AlertStepInput): Promise<AlertOutcome> {
  const startedAt = deps.clock.now().getTime();
  const plan = await planAlerts(deps.ledger, input);
  const outcome: AlertOutcome = {
    runId: input.runId,
    year: input.source.year,
    dryRun: input.dryRun,
    digests: plan.digests,
    sent: [],
    skipped: [],
    pending: [],
    failed: [],
    ownersWithoutAddress: plan.ownersWithoutAddress,
    upToDate: plan.upToDate,
    unknownUnitIds: input.source.unknownUnitIds,
  };
  for (const digest of input.dryRun ? [] : plan.digests) {
    const result = await deliverDigest(deps, input.runId, digest);
    if (result.kind === 'sent') outcome.sent.push(result.digest);
    else if (result.kind === 'skipped') outcome.skipped.push(result.digest);
    else if (result.kind === 'pending') outcome.pending.push(result.digest);
    else outcome.failed.push(result.digest);
  }
  deps.logger.info(
    {
      runId: input.runId,
      year: outcome.year,
      dryRun: input.dryRun,
      digests: plan.digests.length,
      sent: outcome.sent.length,
      skipped: outcome.skipped.length,
      pending: outcome.pending.length,
      upToDate: plan.upToDate,
      failed: outcome.failed.length,
      ownersWithoutAddress: plan.ownersWithoutAddress.length,
      durationMs: deps.clock.now().getTime() - startedAt,
    },
    'alert step finished',
  );
  return outcome;
}

type DeliveryResult = { kind: 'sent'; digest: SentDigest } | { kind: 'skipped'; digest: SkippedDigest } | { kind: 'pending'; digest: PendingDigest } | { kind: 'failed'; digest: FailedDigest };

async function deliverDigest(deps: AlertDeps, runId: string, digest: AlertDigest): Promise<DeliveryResult> {
  const ref = { key: digest.key, ownerId: digest.ownerId, step: digest.step, reportIds: digest.reportIds };
  const token = `${runId}/${randomUUID()}`;
  const failed = (error: AppError, attempts: number, isDelivered: boolean): DeliveryResult => {
    deps.logger.error({ err: error, digest: digest.key, attempts, isDelivered }, 'alert e-mail failed');
    return { kind: 'failed', digest: { ...ref, code: error.code, reason: error.message, retryable: error.retryable, attempts, isDelivered } };
  };
  let claim;
  try {
    claim = await deps.ledger.claim(digest.key, token, deps.leaseMs ?? DEFAULT_LEASE_MS);
  } catch (error) {
    return failed(toAppError(error, 'claiming the alert in the ledger'), 0, false);
  }
  if (claim === 'sent') {
    deps.logger.debug({ digest: digest.key }, 'alert e-mail already sent');
    return { kind: 'skipped', digest: { ...ref, reason: 'already-sent' } };
  }
  if (claim === 'busy') {
    // Another worker holds the claim: it may be sending, or it died mid-send. Not sent as far as
    // this step knows, so the step is repeated when the claim's lease has run out.
    const leaseLeftMs = await deps.ledger.leaseLeftMs(digest.key).catch(() => deps.leaseMs ?? DEFAULT_LEASE_MS);
    deps.logger.info({ digest: digest.key, leaseLeftMs }, 'alert e-mail claimed by another worker');
    return { kind: 'pending', digest: { ...ref, leaseLeftMs } };
  }
  const sent = await sendWithRetry(deps, digest);
  if (!sent.ok) {
    await deps.ledger.release(digest.key, token).catch((error: unknown) => deps.logger.warn({ err: error, digest: digest.key }, 'alert claim not released; it expires with its lease'));
    return failed(sent.error, sent.attempts, false);
  }
  try {
    const record = { year: digest.year, entries: digest.entries, runId, sentAt: deps.clock.now().toISOString(), messageId: sent.receipt.messageId };
    await deps.ledger.commit(digest.key, record);
  } catch (error) {
    return failed(toAppError(error, 'recording the sent alert in the ledger'), sent.attempts, true);
  }
  deps.logger.debug({ digest: digest.key, reports: digest.reportIds.length, step: digest.step, attempts: sent.attempts }, 'alert e-mail sent');
  return { kind: 'sent', digest: { ...ref, messageId: sent.receipt.messageId, attempts: sent.attempts, rejectedCopies: sent.receipt.rejected } };
}

type SendResult = { ok: true; receipt: SendReceipt; attempts: number } | { ok: false; error: AppError; attempts: number };

async function sendWithRetry(deps: AlertDeps, digest: AlertDigest): Promise<SendResult> {
  const policy = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const message = { key: digest.key, to: digest.to, cc: digest.cc, subject: digest.subject, text: digest.text, html: digest.html };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, receipt: await deps.mailer.send(message), attempts: attempt };
    } catch (thrown) {
      const error = toAppError(thrown, 'sending an alert e-mail');
      if (!error.retryable || attempt >= policy.attempts) return { ok: false, error, attempts: attempt };
      deps.logger.warn({ err: error, digest: digest.key, attempt }, 'alert e-mail not accepted, retrying');
      await sleep(retryDelayMs(attempt, policy));
    }
  }
}
