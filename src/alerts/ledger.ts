/**
 * The alert ledger: which alert e-mails have been sent, so that none is sent twice within its
 * cadence step, across retries, re-runs, `run --once` and worker replicas.
 *
 * Two records per sent digest (see keys.ts for the key scheme):
 * - the digest key itself: claimed (set only if absent, with a lease) before the e-mail goes out,
 *   turned into a sent record after it went out, released (deleted, only by its claimer) if it
 *   could not be sent. A claim whose holder died expires with its lease, so the digest is sent
 *   again later (at least once, never lost); a sent record is kept for `retentionMs`.
 * - its entries (`<ownerId>/<reportId>/<stepId>`) join the year's sent set, which compose reads
 *   to decide what is new for each recipient.
 *
 * Implementations: Redis (shared by every replica) and files under STATE_DIR/<tenant>/alerts (one
 * machine). Both pass the contract suite in test/integration/alerts/ledger.contract.ts.
 */

/** `claimed`: this caller may send; `sent`: already sent; `busy`: another caller holds the claim. */
export type ClaimResult = 'claimed' | 'sent' | 'busy';

/** A digest key's state; an expired claim reads as `absent`. */
export type DigestStatus = 'absent' | 'claimed' | 'sent';

/** What is kept about a sent digest. No addresses: entries hold owner ids only. */
export interface SentRecord {
  year: number;
  entries: readonly string[];
  runId: string;
  /** ISO 8601 instant the server accepted it. */
  sentAt: string;
  messageId: string | null;
}

/** The ledger port: one interface, a Redis and a file implementation. */
export interface AlertLedger {
  /** Where the ledger lives, for messages: `redis` or a folder. */
  readonly location: string;
  /** Entry ids recorded as sent for `year`. */
  sentEntries(year: number): Promise<Set<string>>;
  /** Claims `key` for `leaseMs` milliseconds, only if it is neither claimed nor sent. */
  claim(key: string, token: string, leaseMs: number): Promise<ClaimResult>;
  /** Records `key` as sent (whoever holds the claim) and adds its entries to the year's set. */
  commit(key: string, record: SentRecord): Promise<void>;
  /** Deletes the claim on `key` if `token` holds it; otherwise does nothing. */
  release(key: string, token: string): Promise<void>;
  status(key: string): Promise<DigestStatus>;
  /** Milliseconds until the claim on `key` expires; 0 when it is not claimed (absent, expired or sent). */
  leaseLeftMs(key: string): Promise<number>;
}

/** How long a claim holds before another caller may take the digest over: 10 minutes. */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/** How long sent records are kept: 400 days, beyond one yearly reporting cycle. */
export const DEFAULT_RETENTION_MS = 400 * 24 * 60 * 60_000;
