import { randomUUID } from 'node:crypto';
import { appendFile, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { isDigestKey } from './keys.js';
import type { AlertLedger, ClaimResult, DigestStatus, SentRecord } from './ledger.js';

/**
 * The alert ledger in files, for runs without Redis (`run --once` on one machine):
 * - `<dir>/digests/<digestKey>.json`: `{state: "claimed", token, expiresAt}` or `{state: "sent", …}`.
 *   A claim is created by hard-linking a fully written temp file (fails if the key exists), so it
 *   is atomic between processes too; an expired claim is moved aside and re-checked before it is
 *   taken over. Sent records are kept (no retention in file mode).
 * - `<dir>/sent-<year>.jsonl`: one line per sent digest with its entry ids.
 */

type DigestFile = { state: 'claimed'; token: string; expiresAt: number } | ({ state: 'sent' } & SentRecord);

/** A ledger in `dir` (e.g. `STATE_DIR/<tenant>/alerts`); `clock` decides when a claim has expired. */
export function createFileAlertLedger(dir: string, clock: Clock): AlertLedger {
  const fileOf = (key: string) => {
    if (!isDigestKey(key)) throw new AppError('INTERNAL', 'alert ledger: not a digest key', { details: { key } });
    return path.join(dir, 'digests', `${key}.json`);
  };
  const sentFile = (year: number) => path.join(dir, `sent-${year}.jsonl`);
  const isLive = (content: DigestFile | null) => content !== null && (content.state === 'sent' || content.expiresAt > clock.now().getTime());
  return {
    location: dir,
    async sentEntries(year) {
      const text = (await readOptional(sentFile(year))) ?? '';
      return new Set(text.split('\n').flatMap(entriesOfLine));
    },
    async claim(key, token, leaseMs): Promise<ClaimResult> {
      const file = fileOf(key);
      const claim: DigestFile = { state: 'claimed', token, expiresAt: clock.now().getTime() + leaseMs };
      if (await createExclusive(file, claim)) return 'claimed';
      const current = await readDigest(file);
      if (isLive(current)) return current?.state === 'sent' ? 'sent' : 'busy';
      return (await takeOver(file, current, claim)) ? 'claimed' : 'busy';
    },
    async commit(key, record) {
      const file = fileOf(key);
      await mkdir(dir, { recursive: true });
      await appendFile(sentFile(record.year), `${JSON.stringify({ key, entries: record.entries, runId: record.runId, sentAt: record.sentAt })}\n`, 'utf8');
      await writeAtomic(file, { state: 'sent', ...record, entries: [...record.entries] });
    },
    async release(key, token) {
      const file = fileOf(key);
      const current = await readDigest(file);
      if (current?.state === 'claimed' && current.token === token) await unlink(file).catch(ignoreMissing);
    },
    async status(key): Promise<DigestStatus> {
      const current = await readDigest(fileOf(key));
      if (!isLive(current)) return 'absent';
      return current?.state === 'sent' ? 'sent' : 'claimed';
    },
    async leaseLeftMs(key) {
      const current = await readDigest(fileOf(key));
      return current?.state === 'claimed' ? Math.max(0, current.expiresAt - clock.now().getTime()) : 0;
    },
  };
}

/** The entry ids of one sent-file line; a torn last line (crash while appending) counts as nothing. */
function entriesOfLine(line: string): string[] {
  if (line.trim() === '') return [];
  try {
    const entries = (JSON.parse(line) as { entries?: unknown }).entries;
    return Array.isArray(entries) ? entries.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** Writes `content` to `file` only if `file` does not exist (link of a complete temp file). */
async function createExclusive(file: string, content: DigestFile): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(content), 'utf8');
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(ignoreMissing);
  }
}

/**
 * Replaces an expired claim (or an unreadable file) by `claim`. The stale file is moved aside
 * first; if what was moved is not the stale claim that was read (someone took over meanwhile),
 * it is put back and the take-over gives up.
 */
async function takeOver(file: string, stale: DigestFile | null, claim: DigestFile): Promise<boolean> {
  const aside = `${file}.${randomUUID()}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    ignoreMissing(error);
    return createExclusive(file, claim);
  }
  const moved = await readDigest(aside);
  const isSame = JSON.stringify(moved) === JSON.stringify(stale);
  if (!isSame) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(ignoreMissing);
  return isSame ? createExclusive(file, claim) : false;
}

async function readDigest(file: string): Promise<DigestFile | null> {
  const text = await readOptional(file);
  if (text === null) return null;
  try {
    return JSON.parse(text) as DigestFile;
  } catch {
    return null;
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    ignoreMissing(error);
    return null;
  }
}

async function writeAtomic(file: string, content: DigestFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(content), 'utf8');
  await rename(temp, file);
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
