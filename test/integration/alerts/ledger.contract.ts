import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestKeyOf, entryIdOf, ownerIdOf } from '../../../src/alerts/keys.js';
import type { AlertLedger, SentRecord } from '../../../src/alerts/ledger.js';

/**
 * The one contract every AlertLedger must meet (file, Redis, and any fake a test might use).
 * `open()` gives two handles on the same storage, like two worker replicas.
 */
export interface LedgerHarness {
  first: AlertLedger;
  second: AlertLedger;
  cleanup(): Promise<void>;
}

const owner = ownerIdOf('eva.nordin@gavle.example');
const entries = [entryIdOf(owner, 'action-plan-follow-up-106-2020-naringsliv', 'r0'), entryIdOf(owner, 'project-report-106-2020', 'r0')];
const KEY = digestKeyOf(2020, owner, entries);
const OTHER_KEY = digestKeyOf(2020, owner, entries.slice(0, 1));
const record = (overrides: Partial<SentRecord> = {}): SentRecord => ({ year: 2020, entries, runId: 'run-1', sentAt: '2021-02-17T09:00:00.000Z', messageId: '<m@x>', ...overrides });
const LEASE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeLedgerContract(name: string, open: () => Promise<LedgerHarness>): void {
  describe(`AlertLedger contract: ${name}`, () => {
    let harness: LedgerHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('starts empty', async () => {
      expect(await harness.first.sentEntries(2020)).toEqual(new Set());
      expect(await harness.first.status(KEY)).toBe('absent');
    });

    it('lets exactly one of two replicas claim a digest', async () => {
      expect(await harness.first.claim(KEY, 'token-a', LEASE)).toBe('claimed');
      expect(await harness.second.claim(KEY, 'token-b', LEASE)).toBe('busy');
      expect(await harness.first.claim(KEY, 'token-a', LEASE)).toBe('busy');
      expect(await harness.second.status(KEY)).toBe('claimed');
      expect(await harness.second.claim(OTHER_KEY, 'token-b', LEASE)).toBe('claimed');
    });

    it('tells how long a claim holds; nothing for an absent or a sent digest', async () => {
      expect(await harness.first.leaseLeftMs(KEY)).toBe(0);
      await harness.first.claim(KEY, 'token-a', LEASE);
      const left = await harness.second.leaseLeftMs(KEY);
      expect(left).toBeGreaterThan(LEASE - 5_000);
      expect(left).toBeLessThanOrEqual(LEASE);
      await harness.first.commit(KEY, record());
      expect(await harness.second.leaseLeftMs(KEY)).toBe(0);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? harness.first : harness.second).claim(KEY, `token-${i}`, LEASE)));
      expect(results.filter((result) => result === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result === 'busy')).toHaveLength(11);
    });

    it('records a committed digest as sent, with its entries, for every replica', async () => {
      await harness.first.claim(KEY, 'token-a', LEASE);
      await harness.first.commit(KEY, record());
      expect(await harness.second.status(KEY)).toBe('sent');
      expect(await harness.second.claim(KEY, 'token-b', LEASE)).toBe('sent');
      expect(await harness.second.sentEntries(2020)).toEqual(new Set(entries));
      expect(await harness.second.sentEntries(2021)).toEqual(new Set());
    });

    it('unions the entries of several digests of a year', async () => {
      const more = [entryIdOf(owner, 'project-report-203-2020', 'r1')];
      const moreKey = digestKeyOf(2020, owner, more);
      await harness.first.claim(KEY, 't1', LEASE);
      await harness.first.commit(KEY, record());
      await harness.second.claim(moreKey, 't2', LEASE);
      await harness.second.commit(moreKey, record({ entries: more }));
      expect(await harness.first.sentEntries(2020)).toEqual(new Set([...entries, ...more]));
    });

    it('releases a claim only for its holder', async () => {
      await harness.first.claim(KEY, 'token-a', LEASE);
      await harness.second.release(KEY, 'token-b');
      expect(await harness.first.status(KEY)).toBe('claimed');
      await harness.first.release(KEY, 'token-a');
      expect(await harness.first.status(KEY)).toBe('absent');
      expect(await harness.second.claim(KEY, 'token-b', LEASE)).toBe('claimed');
      expect(await harness.second.sentEntries(2020)).toEqual(new Set());
    });

    it('never releases a sent digest', async () => {
      await harness.first.claim(KEY, 'token-a', LEASE);
      await harness.first.commit(KEY, record());
      await harness.first.release(KEY, 'token-a');
      expect(await harness.second.status(KEY)).toBe('sent');
    });

    it('lets another replica take over a claim whose lease expired', async () => {
      expect(await harness.first.claim(KEY, 'token-a', 50)).toBe('claimed');
      await sleep(150);
      expect(await harness.second.status(KEY)).toBe('absent');
      expect(await harness.second.leaseLeftMs(KEY)).toBe(0);
      expect(await harness.second.claim(KEY, 'token-b', LEASE)).toBe('claimed');
      await harness.first.release(KEY, 'token-a');
      expect(await harness.second.status(KEY)).toBe('claimed');
    });
  });
}
