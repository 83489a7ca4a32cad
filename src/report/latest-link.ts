import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readlink, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Name of the link to the newest complete run. */
export const LATEST = 'latest';
/**
 * Folder of a year's complete runs, one empty file each named `<generatedAt ms, 15 digits>-<runId>`,
 * so that the newest is the last name in order; entries are never removed.
 */
export const COMPLETE_RUNS = '.complete-runs';

/** A complete run whose folder `runs/<runId>/` is in place: its id and when its report was made (ISO instant). */
export interface CompleteRun {
  runId: string;
  generatedAt: string;
}

/**
 * Points `<target>/latest` at the newest complete run, by `generatedAt` (ties: the greater run id),
 * whatever other writers sharing the folder (report jobs on other replicas) do meanwhile. Returns
 * whether `latest` names `run` once this writer is done.
 *
 * Checking the current `latest` and then replacing it is a race: an older run's writer can replace
 * the link just after the newest run's writer set it and left. So every complete run is named in
 * `COMPLETE_RUNS` first, and each writer then looks for the newest named run whose folder is there,
 * reads the link and, while the two differ, points the link at that run and looks again. Why the
 * link ends at the newest run N: N's writer looks after N is named, so its last look found N and the
 * link naming N. If anyone replaced the link after that, take the last replacement: its writer
 * looked again afterwards, found N (named before) and left only because the link named N, so the
 * last replacement pointed at N. No lock is held, so a writer that stops half-way blocks no one.
 * `storedRuns` lists the complete runs already in the year's folder: a folder written before the
 * index existed has them named (also when `latest` names a run the index lacks: a writer stopped
 * while naming them, or a replica of an earlier version moved the link), so an older run written
 * later does not displace them. The argument needs every replica to see a new file in the folder
 * at once (a local disk, or a shared file system without client-side directory caching).
 */
export async function updateLatestLink(target: string, run: CompleteRun, storedRuns: () => Promise<CompleteRun[]>): Promise<boolean> {
  const index = path.join(target, COMPLETE_RUNS);
  await mkdir(index, { recursive: true });
  // The runs already there are named when the index is empty, or when the run `latest` names is not in
  // it: a writer stopped while naming them, or a replica of a version before the index moved the link.
  const named = await readdir(index);
  const current = await latestRunId(target);
  if (named.length === 0 || (current !== null && !named.some((name) => name.slice(16) === current))) for (const stored of await storedRuns()) await writeFile(path.join(index, entryName(stored)), '');
  await writeFile(path.join(index, entryName(run)), '');
  for (;;) {
    const newest = await newestCompleteRun(target);
    const current = await latestRunId(target);
    if (newest === null || newest === current) return current === run.runId;
    await pointLatest(target, newest);
  }
}

/** The run `latest` points at, or null when there is none yet. */
async function latestRunId(target: string): Promise<string | null> {
  try {
    return path.basename(await readlink(path.join(target, LATEST)));
  } catch {
    return null;
  }
}

function entryName(run: CompleteRun): string {
  const ms = Date.parse(run.generatedAt);
  // An instant that does not parse sorts before every dated run rather than failing the report.
  return `${String(Number.isFinite(ms) && ms > 0 ? ms : 0).padStart(15, '0')}-${run.runId}`;
}

/** The newest run named in the index whose folder is there (a folder removed by hand is passed over), or null. */
async function newestCompleteRun(target: string): Promise<string | null> {
  const names = (await readdir(path.join(target, COMPLETE_RUNS))).filter((name) => /^\d{15}-./.test(name)).sort();
  for (const name of names.reverse()) {
    const runId = name.slice(16);
    if (await isThere(path.join(target, 'runs', runId))) return runId;
  }
  return null;
}

async function isThere(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Replaces the link at once (a new link renamed over it): readers see the old run or the new one, never no link. */
async function pointLatest(target: string, runId: string): Promise<void> {
  const temp = path.join(target, `.${LATEST}.${randomBytes(4).toString('hex')}`);
  await symlink(path.join('runs', runId), temp, 'dir');
  await rename(temp, path.join(target, LATEST));
}
