import { AppError } from '../shared/errors.js';
import type { StepKind } from './cadence.js';
import type { AlertDigest } from './digest.js';
import type { NoAddressReason, OwnerWithoutAddress } from './recipients.js';

/** What the alert step did. Holds no addresses outside `digests` (which preview prints). */
export interface AlertOutcome {
  runId: string;
  year: number;
  dryRun: boolean;
  /** Everything composed in this step (sent, skipped or failed; in a dry run: what would be sent). */
  digests: AlertDigest[];
  sent: SentDigest[];
  /** Already sent in this cadence step. */
  skipped: SkippedDigest[];
  /**
   * Claimed by another worker (sending right now, or stopped mid-send): not known to be sent, so
   * the step must be repeated once the claim's lease has run out.
   */
  pending: PendingDigest[];
  /** Not sent after retries (or sent but not recorded): the job fails and retries later. */
  failed: FailedDigest[];
  ownersWithoutAddress: OwnerWithoutAddress[];
  /** Recipients with missing reports already alerted about all of them in their current step (nothing composed). */
  upToDate: number;
  /** Units with reports whose state is unknown (pull failed, or evidence unreadable): no alert can say they are fine. */
  unknownUnitIds: string[];
}

interface DigestRef {
  key: string;
  ownerId: string;
  step: StepKind;
  reportIds: string[];
}

/** A digest the server accepted and the ledger recorded. */
export interface SentDigest extends DigestRef {
  messageId: string;
  /** Send attempts it took (1 = first try). */
  attempts: number;
  /** Copy recipients the server refused. */
  rejectedCopies: number;
}

/** A digest not sent because the ledger already holds it as sent. */
export interface SkippedDigest extends DigestRef {
  reason: 'already-sent';
}

/** A digest another worker holds a claim on; this step did not send it and does not know it was sent. */
export interface PendingDigest extends DigestRef {
  /** Milliseconds until the claim's lease runs out and the digest can be taken over. */
  leaseLeftMs: number;
}

/** A digest that could not be sent (or recorded); never silently dropped. */
export interface FailedDigest extends DigestRef {
  code: string;
  /** Safe to show: SMTP code and reply without addresses, or the ledger failure. */
  reason: string;
  retryable: boolean;
  attempts: number;
  /** True when the e-mail went out but the ledger could not record it (it may be sent again). */
  isDelivered: boolean;
}

const REASON_TEXT: Record<NoAddressReason, string> = {
  'not-configured': 'no owner in the mapping',
  'role-not-pulled': 'owner role not in the last pull',
  'no-email': 'no e-mail address for the owner',
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One paragraph for the run summary: counts, failures with reasons, areas without an owner address. */
export function formatAlertOutcome(outcome: AlertOutcome): string {
  const head = outcome.dryRun ? 'Alerts (dry run):' : 'Alerts:';
  const parts = [countsSentence(outcome)];
  if (outcome.pending.length > 0) {
    const seconds = Math.ceil(pendingRetryInMs(outcome) / 1000);
    parts.push(`${plural(outcome.pending.length, 'e-mail is', 'e-mails are')} claimed by another worker and not known to be sent; checked again in ${seconds} s, when the claim runs out.`);
  }
  for (const failure of outcome.failed) {
    parts.push(`Failed ${failure.key} after ${plural(failure.attempts, 'attempt', 'attempts')}: ${failure.code} ${failure.reason}${failure.isDelivered ? ' (sent, not recorded)' : ''}.`);
  }
  if (outcome.ownersWithoutAddress.length > 0) {
    const areas = outcome.ownersWithoutAddress.map((owner) => `${owner.focusAreaName} (${REASON_TEXT[owner.reason]}; ${owner.missingReports} missing)`);
    parts.push(`${plural(areas.length, 'focus area has', 'focus areas have')} no owner address, so the International Office gets their alerts: ${areas.join(', ')}.`);
  }
  return `${head} ${parts.join(' ')}`;
}

function countsSentence(outcome: AlertOutcome): string {
  return `${knownSentence(outcome)}${unknownSentence(outcome.unknownUnitIds)}`;
}

/** Never "nothing overdue" while units are unknown: overdue reports there cannot be ruled out. */
function unknownSentence(unitIds: readonly string[]): string {
  if (unitIds.length === 0) return '';
  const shown = unitIds.length > 10 ? `${unitIds.slice(0, 10).join(', ')}, …` : unitIds.join(', ');
  return ` ${plural(unitIds.length, 'unit has', 'units have')} reports in an unknown state (${shown}: pull failed or evidence unreadable): overdue reports there could not be checked and no alert was composed for them.`;
}

function knownSentence(outcome: AlertOutcome): string {
  const reports = plural(new Set(outcome.digests.flatMap((digest) => digest.reportIds)).size, 'missing report', 'missing reports');
  const upToDate = `${plural(outcome.upToDate, 'recipient', 'recipients')} already alerted in the current cadence step`;
  const among = outcome.unknownUnitIds.length > 0 ? ' among the units that could be read' : '';
  if (outcome.digests.length === 0) return outcome.upToDate === 0 ? `nothing overdue${among}.` : `nothing new${among}; ${upToDate}.`;
  if (outcome.dryRun) return `${plural(outcome.digests.length, 'e-mail', 'e-mails')} would be sent about ${reports}${outcome.upToDate > 0 ? `; ${upToDate}` : ''}.`;
  const skipped = outcome.skipped.length + outcome.upToDate;
  return `${plural(outcome.sent.length, 'e-mail', 'e-mails')} sent, ${skipped} already sent in this cadence step, ${outcome.failed.length} failed (${reports}).`;
}

/** How long until every pending digest's claim has run out (0 when none is pending). */
export function pendingRetryInMs(outcome: Pick<AlertOutcome, 'pending'>): number {
  return outcome.pending.reduce((longest, digest) => Math.max(longest, digest.leaseLeftMs), 0);
}

/** ALERT_SEND_FAILED naming how many digests failed (retryable if any failure is), or null if none did. */
export function alertFailure(outcome: AlertOutcome): AppError | null {
  if (outcome.failed.length === 0) return null;
  return new AppError('ALERT_SEND_FAILED', `${outcome.failed.length} of ${outcome.digests.length} alert e-mails could not be sent`, {
    retryable: outcome.failed.some((failure) => failure.retryable || failure.isDelivered),
    details: { keys: outcome.failed.map((failure) => failure.key) },
  });
}
