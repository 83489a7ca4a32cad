import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { AppError } from '../shared/errors.js';
import { SnapshotSchema, type EvaluatedSnapshot, type Snapshot, type UnitSnapshot } from '../snapshot/schema.js';
import { updateLatestLink, type CompleteRun } from './latest-link.js';
import type { ReportLinks, ReportMeta } from './model.js';

/**
 * Report versions: every run's files live under `<dir>/<tenant>/<year>/runs/<runId>/`, never
 * overwritten by another run, and `<dir>/<tenant>/<year>/latest` is a symbolic link to the newest
 * complete run's folder (every unit pulled, every report's evidence readable). A partial run's
 * folder is written too, but `latest` stays where it was. Each folder keeps what is needed to
 * make its report again (`run.json` and `snapshot.json.gz`), for `report --run ID`.
 */

/** File of the run's inputs in its folder. */
export const RUN_MANIFEST = 'run.json';
/** The snapshot the run evaluated, gzipped JSON. */
export const RUN_SNAPSHOT = 'snapshot.json.gz';

/** What `run.json` holds: everything besides the snapshot that the report was made from. */
export const RunManifestSchema = z.object({
  schemaVersion: z.literal(1),
  runId: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  timeZone: z.string(),
  meta: z.object({ tenantId: z.string(), generatedAt: z.string(), runId: z.string().nullable(), pulledAt: z.string().nullable() }),
  links: z.object({ nodeTemplate: z.string().nullable(), origin: z.string().nullable(), statementNodeId: z.string().nullable() }),
  /** Every unit pulled and every report's evidence readable. */
  isComplete: z.boolean(),
  /** Units whose pull failed (names), when not complete. */
  missingUnits: z.array(z.string()),
  /** The mapping as it was read for the run (already validated then). */
  mapping: z.record(z.string(), z.unknown()),
  hasSnapshot: z.boolean(),
});
export type RunManifest = Omit<z.infer<typeof RunManifestSchema>, 'mapping'> & { mapping: ProgrammeMapping };

/** A report file's content: whole, in parts (made as they are written), as a stream, or a promise of it. */
export type FileContent = string | Buffer | Iterable<string> | Readable | Promise<string | Buffer>;

/** Writes a file's content; content in parts or a stream is written part by part, never joined in memory. */
async function writeContent(file: string, content: string | Buffer | Iterable<string> | Readable): Promise<void> {
  if (typeof content === 'string' || Buffer.isBuffer(content)) await writeFile(file, content);
  else if (content instanceof Readable) await pipeline(content, createWriteStream(file));
  else await pipeline(Readable.from(content), createWriteStream(file));
}

/** The folder of a year's reports. */
export function yearDir(dir: string, tenantId: string, year: number): string {
  return path.join(dir, tenantId, String(year));
}

/**
 * Writes a run's files into `runs/<runId>/` (through a temporary folder renamed into place, so a
 * folder is either whole or absent) and, when the run is complete, points `latest` at the newest
 * complete run (replaced atomically; src/report/latest-link.ts), also when report jobs on other
 * replicas write into the same folder at once. Returns the folder and whether `latest` names it.
 */
export async function writeRunVersion(
  target: string,
  manifest: RunManifest,
  kept: { snapshot: EvaluatedSnapshot; units: Iterable<UnitSnapshot> | AsyncIterable<UnitSnapshot> } | undefined,
  files: Record<string, FileContent | (() => FileContent)>,
): Promise<{ folder: string; isLatest: boolean }> {
  const runs = path.join(target, 'runs');
  const folder = path.join(runs, manifest.runId);
  const temp = path.join(runs, `.${manifest.runId}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(temp, { recursive: true });
  try {
    // A file given as a function is made when written, so one file's content is in memory at a time.
    for (const [name, content] of Object.entries(files)) await writeContent(path.join(temp, name), await (typeof content === 'function' ? content() : content));
    if (kept) await pipeline(Readable.from(snapshotJson(kept.snapshot, kept.units)), createGzip(), createWriteStream(path.join(temp, RUN_SNAPSHOT)));
    await writeFile(path.join(temp, RUN_MANIFEST), JSON.stringify(manifest, null, 2));
    // A retried job writes the same run again: the new folder replaces the old one.
    await rm(folder, { recursive: true, force: true });
    await rename(temp, folder);
  } finally {
    // A write that failed half-way (a full disk, a text refused as not the run's) leaves no partial folder behind.
    await rm(temp, { recursive: true, force: true });
  }
  const isLatest = manifest.isComplete && (await updateLatestLink(target, { runId: manifest.runId, generatedAt: manifest.meta.generatedAt }, () => completeRunsIn(target)));
  return { folder, isLatest };
}

/** The snapshot's JSON with `units` in place of its own, a unit at a time, so the whole tenant never exists as one string. */
async function* snapshotJson(snapshot: EvaluatedSnapshot, units: Iterable<UnitSnapshot> | AsyncIterable<UnitSnapshot>): AsyncGenerator<string> {
  const { units: _units, ...rest } = snapshot;
  yield `${JSON.stringify(rest).slice(0, -1)},"units":[`;
  let first = true;
  for await (const unit of units) {
    yield `${first ? '' : ','}${JSON.stringify(unit)}`;
    first = false;
  }
  yield ']}';
}

/** The complete runs stored in a year's folder (a folder being written, or without a readable manifest, left out). */
async function completeRunsIn(target: string): Promise<CompleteRun[]> {
  const names = (await readdir(path.join(target, 'runs')).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));
  const runs: CompleteRun[] = [];
  for (const runId of names) {
    const manifest = await readManifest(path.join(target, 'runs', runId)).catch(() => null);
    if (manifest?.isComplete === true) runs.push({ runId, generatedAt: manifest.meta.generatedAt });
  }
  return runs;
}

async function readManifest(folder: string): Promise<RunManifest> {
  const raw: unknown = JSON.parse(await readFile(path.join(folder, RUN_MANIFEST), 'utf8'));
  const parsed = RunManifestSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('SNAPSHOT_INVALID', `${path.join(folder, RUN_MANIFEST)} is not a run manifest: ${parsed.error.issues[0]?.message ?? ''}`);
  return { ...parsed.data, mapping: parsed.data.mapping as unknown as ProgrammeMapping };
}

/** Finds a run's folder under `<dir>/<tenant>/*\/runs/<runId>`, or throws REPORT_RUN_NOT_FOUND. */
export async function findRunFolder(dir: string, tenantId: string, runId: string): Promise<string> {
  if (!/^[A-Za-z0-9._-]{1,120}$/.test(runId) || runId.startsWith('.')) throw new AppError('REPORT_RUN_NOT_FOUND', `"${runId}" is not a run id`);
  const tenantDir = path.join(dir, tenantId);
  const years = await readdir(tenantDir).catch(() => [] as string[]);
  for (const year of years
    .filter((name) => /^\d{4}$/.test(name))
    .sort()
    .reverse()) {
    const folder = path.join(tenantDir, year, 'runs', runId);
    const manifest = await readFile(path.join(folder, RUN_MANIFEST)).catch(() => null);
    if (manifest !== null) return folder;
  }
  throw new AppError('REPORT_RUN_NOT_FOUND', `no stored run ${runId} under ${tenantDir} (each run's reports are in <year>/runs/<runId>)`);
}

/** A stored run's manifest and snapshot, to make its report again; REPORT_RUN_NOT_FOUND when it kept no snapshot. */
export async function loadRunVersion(folder: string): Promise<{ manifest: RunManifest; snapshot: Snapshot; meta: ReportMeta; links: ReportLinks }> {
  const manifest = await readManifest(folder);
  if (!manifest.hasSnapshot) throw new AppError('REPORT_RUN_NOT_FOUND', `run ${manifest.runId} kept no snapshot, so its report cannot be made again`);
  const parsed = SnapshotSchema.safeParse(JSON.parse(gunzipSync(await readFile(path.join(folder, RUN_SNAPSHOT))).toString('utf8')));
  if (!parsed.success) throw new AppError('SNAPSHOT_INVALID', `${path.join(folder, RUN_SNAPSHOT)} is not a snapshot: ${parsed.error.issues[0]?.message ?? ''}`);
  return { manifest, snapshot: parsed.data, meta: manifest.meta, links: manifest.links };
}
