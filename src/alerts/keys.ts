import { createHash } from 'node:crypto';

/**
 * Deterministic identities of the alert ledger. Pure (hashing only). None of them holds a colon or
 * an e-mail address, so they are safe as BullMQ job ids, file names and Redis key suffixes.
 *
 * - owner id: first 16 hex digits of SHA-256 of the lower-cased recipient address;
 * - entry id `<ownerId>/<reportId>/<stepId>`: one recipient told about one report in one cadence
 *   step (report ids are `[A-Za-z0-9._-]`, step ids `r<n>` or `r<n>e`);
 * - digest key `alert-<year>-<ownerId>-<hash>`: one e-mail, where `<hash>` is the first 16 hex
 *   digits of SHA-256 of the digest's sorted entry ids. Two runs that would tell the same
 *   recipient the same new things compute the same key, so the ledger lets only one send it.
 */

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Stable, address-free id of a recipient. */
export function ownerIdOf(address: string): string {
  return sha256Hex(address.trim().toLowerCase()).slice(0, 16);
}

/** Ledger entry: recipient `ownerId` was told about `reportId` in cadence step `stepId`. */
export function entryIdOf(ownerId: string, reportId: string, stepId: string): string {
  return `${ownerId}/${reportId}/${stepId}`;
}

/** The digest key of a recipient's e-mail about `entryIds` (order does not matter). */
export function digestKeyOf(year: number, ownerId: string, entryIds: readonly string[]): string {
  const sorted = [...new Set(entryIds)].sort();
  return `alert-${year}-${ownerId}-${sha256Hex(sorted.join('\n')).slice(0, 16)}`;
}

/** True for a digest key as digestKeyOf makes it (checked before it names a file or a key). */
export function isDigestKey(key: string): boolean {
  return /^alert-\d{4}-[0-9a-f]{16}-[0-9a-f]{16}$/.test(key);
}
