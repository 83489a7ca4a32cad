import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { idFileName } from '../shared/ids.js';
import type { TenantData, UnitSnapshot } from '../snapshot/schema.js';
import { deriveUnitFacts } from '../snapshot/facts.js';
import { createPartSharer, type PartSharer } from '../snapshot/shared-parts.js';
import { decodeStoredTenant, encodeStoredTenant } from '../snapshot/stored-tenant.js';
import { decodeStoredFacts, decodeStoredUnit, encodeStoredFacts, encodeStoredUnit, STORED_UNIT_FORMAT } from '../snapshot/stored-unit.js';

/**
 * The last good pull of every unit (with its pull time) and of the tenant's reference data, so a
 * re-run of one unit needs only that unit's requests. A failed pull never overwrites a good one.
 */
export interface SnapshotStore {
  saveTenant(tenant: TenantData): Promise<void>;
  loadTenant(): Promise<TenantData | null>;
  saveUnit(unit: UnitSnapshot): Promise<void>;
  /**
   * Stored units, all or the given ids (missing ids are left out). Records are read a few at a time
   * (never every unit's text at once) and validated on write, not on every read (src/snapshot/stored-unit.ts).
   */
  loadUnits(ids?: string[]): Promise<UnitSnapshot[]>;
  /**
   * The compact facts (src/snapshot/facts.ts) of the given stored units, in the order asked (ids
   * never stored are left out): the facts saved with the unit's pull, or, where there are none or
   * they are not of the stored pull (saved before facts existed, or by an older version since),
   * derived from the stored snapshot. A record that cannot be read throws SNAPSHOT_INVALID. Parts
   * repeated on every node (src/snapshot/shared-parts.ts) are one frozen object across the units read.
   */
  loadFacts(ids: string[]): Promise<UnitSnapshot[]>;
  /** The pull time of each given unit's stored pull (null: none stored), without reading the pulls. */
  storedPulls(ids: string[]): Promise<Map<string, string | null>>;
}

/** Writes `text` to `file` through a temporary file and a rename, so readers never see half a file. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}

/** The file's text, or null when it does not exist. */
export async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** How much of a unit record's head holds its id and pull time (encodeStoredUnit writes them first). */
const RECORD_HEAD_BYTES = 1024;
const RECORD_HEAD = new RegExp(`^\\{"storedFormat":${STORED_UNIT_FORMAT},"departmentId":"(?:[^"\\\\]|\\\\.)*","pullVersion":\\d+,"pulledAt":"([^"\\\\]+)"`);

/**
 * The pull time of a stored unit record, read from its head without parsing the whole record:
 * undefined when there is no record, null when its head is not the one encodeStoredUnit writes
 * (an older record, or an id too long for the head): then facts are derived from the record.
 */
async function storedPullOf(file: string): Promise<string | null | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const head = Buffer.alloc(RECORD_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, RECORD_HEAD_BYTES, 0);
    return RECORD_HEAD.exec(head.toString('utf8', 0, bytesRead))?.[1] ?? null;
  } finally {
    await handle.close();
  }
}

/**
 * Files under `<dir>/snapshots/`, written atomically (temp file + rename): `units/<id>.json` and
 * its facts `facts/<id>.json`. Facts are used only when their pull time is the one at the head of
 * the unit record beside them and they are of the current facts rule; otherwise (a crash between
 * the two writes, two processes saving one unit, a restored backup, a version without facts) they
 * are derived from the unit record instead.
 */
export function fileSnapshotStore(dir: string): SnapshotStore {
  const root = path.join(dir, 'snapshots');
  const unitFile = (id: string) => path.join(root, 'units', `${idFileName(id)}.json`);
  const factsFile = (id: string) => path.join(root, 'facts', `${idFileName(id)}.json`);
  const loadFactsOf = async (id: string, share: PartSharer): Promise<UnitSnapshot | null> => {
    const pulledAt = await storedPullOf(unitFile(id));
    if (pulledAt === undefined) return null;
    // Facts are used only when they are of the pull stored beside them (as in Redis), never by file times.
    const text = pulledAt === null ? null : await readOptional(factsFile(id));
    const facts = text === null ? null : decodeStoredFacts(text, factsFile(id), share);
    if (facts !== null && facts.pulledAt === pulledAt) return facts;
    const unit = await readOptional(unitFile(id));
    return unit === null ? null : share.unit(deriveUnitFacts(decodeStoredUnit(unit, unitFile(id))));
  };
  return {
    saveTenant: (tenant) => writeAtomic(path.join(root, 'tenant.json'), encodeStoredTenant(tenant)),
    async loadTenant() {
      const file = path.join(root, 'tenant.json');
      const text = await readOptional(file);
      return text === null ? null : decodeStoredTenant(text, file);
    },
    async saveUnit(unit) {
      await writeAtomic(unitFile(unit.departmentId), encodeStoredUnit(unit));
      await writeAtomic(factsFile(unit.departmentId), encodeStoredFacts(deriveUnitFacts(unit)));
    },
    async loadUnits(ids) {
      const names = ids ?? (await readdir(path.join(root, 'units')).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).map((n) => decodeURIComponent(n.slice(0, -5)));
      const units: UnitSnapshot[] = [];
      for (const id of names) {
        const text = await readOptional(unitFile(id));
        if (text !== null) units.push(decodeStoredUnit(text, unitFile(id)));
      }
      return units;
    },
    async loadFacts(ids) {
      const share = createPartSharer();
      const units: UnitSnapshot[] = [];
      // A few files read at a time, in the order asked: the disk is not waited on one file at a time.
      for (let from = 0; from < ids.length; from += LOAD_BATCH) {
        const batch = await Promise.all(ids.slice(from, from + LOAD_BATCH).map((id) => loadFactsOf(id, share)));
        for (const facts of batch) if (facts !== null) units.push(facts);
      }
      return units;
    },
    async storedPulls(ids) {
      const pulls = new Map<string, string | null>();
      for (const id of ids) {
        const head = await storedPullOf(unitFile(id));
        // A record whose head is not the current one is read in full for its pull time.
        const text = head === null ? await readOptional(unitFile(id)) : null;
        pulls.set(id, head ?? (text === null ? null : decodeStoredUnit(text, unitFile(id)).pulledAt));
      }
      return pulls;
    },
  };
}

/** How long a worker keeps the parsed tenant data after the last job asked for it. */
const TENANT_CACHE_MS = 60_000;

/** Stored units read per Redis round trip: bounded text in memory, few round trips. */
const LOAD_BATCH = 25;

/** A unit's snapshot, pull time and facts, set together (never facts of one pull beside the snapshot of another). */
const SAVE_IF_NEWER = `
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current and current > ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
return 1
`;

/**
 * Redis: one key for the tenant data (with a stamp that changes on every save), one hash field per
 * unit (and its pull time, for ordering, and its facts, with the pull time they were derived from:
 * facts whose pull time is not the stored one's were left by a version without facts and are
 * derived from the snapshot instead). The tenant data is parsed and validated once per save and
 * process: a load whose stamp is unchanged returns the copy already parsed (read-only for callers),
 * so each import job of a run no longer re-reads and re-validates the whole reference data; a
 * minute after the last load the copy is let go.
 */
export function redisSnapshotStore(redis: Redis, keyPrefix: string): SnapshotStore {
  const tenantKey = `${keyPrefix}:snapshot:tenant`;
  const stampKey = `${tenantKey}:stamp`;
  const unitsKey = `${keyPrefix}:snapshot:units`;
  const pulledAtKey = `${unitsKey}:pulled-at`;
  const factsKey = `${keyPrefix}:snapshot:facts`;
  let parsed: { stamp: string; tenant: TenantData } | null = null;
  // The parsed copy is let go once no job has asked for it for a while, so an idle worker does not keep the tenant.
  let forget: NodeJS.Timeout | undefined;
  const forgetLater = () => {
    clearTimeout(forget);
    forget = setTimeout(() => (parsed = null), TENANT_CACHE_MS).unref();
  };
  const loadUnits = async (ids?: string[]): Promise<UnitSnapshot[]> => {
    const wanted = ids ?? (await redis.hkeys(unitsKey));
    const units: UnitSnapshot[] = [];
    for (let from = 0; from < wanted.length; from += LOAD_BATCH) {
      const batch = wanted.slice(from, from + LOAD_BATCH);
      const texts = await redis.hmget(unitsKey, ...batch);
      texts.forEach((text, i) => text !== null && units.push(decodeStoredUnit(text, `${unitsKey}[${batch[i] ?? ''}]`)));
    }
    return units;
  };
  return {
    async saveTenant(tenant) {
      await redis.multi().set(tenantKey, encodeStoredTenant(tenant)).set(stampKey, randomUUID()).exec();
    },
    async loadTenant() {
      const stamp = await redis.get(stampKey);
      if (stamp !== null && parsed?.stamp === stamp) {
        forgetLater();
        return parsed.tenant;
      }
      const [text, current] = await redis.mget(tenantKey, stampKey);
      if (text === null || text === undefined) return null;
      const tenant = decodeStoredTenant(text, tenantKey);
      parsed = current ? { stamp: current, tenant } : null;
      forgetLater();
      return tenant;
    },
    async saveUnit(unit) {
      // Never replace a newer pull with an older one (a slow import finishing after a re-run).
      await redis.eval(SAVE_IF_NEWER, 3, unitsKey, pulledAtKey, factsKey, unit.departmentId, unit.pulledAt, encodeStoredUnit(unit), encodeStoredFacts(deriveUnitFacts(unit)));
    },
    loadUnits,
    async loadFacts(ids) {
      const share = createPartSharer();
      const units: UnitSnapshot[] = [];
      for (let from = 0; from < ids.length; from += LOAD_BATCH) {
        const batch = ids.slice(from, from + LOAD_BATCH);
        const [texts, pulledAt] = await Promise.all([redis.hmget(factsKey, ...batch), redis.hmget(pulledAtKey, ...batch)]);
        const facts = texts.map((text, i) => (text === null ? null : decodeStoredFacts(text, `${factsKey}[${batch[i] ?? ''}]`, share)));
        const derive = batch.filter((_, i) => facts[i] === null || facts[i]?.pulledAt !== pulledAt[i]);
        const derived = new Map(derive.length === 0 ? [] : (await loadUnits(derive)).map((unit) => [unit.departmentId, share.unit(deriveUnitFacts(unit))]));
        batch.forEach((id, i) => {
          const found = derived.get(id) ?? (derive.includes(id) ? undefined : facts[i]);
          if (found) units.push(found);
        });
      }
      return units;
    },
    async storedPulls(ids) {
      const pulls = new Map<string, string | null>();
      for (let from = 0; from < ids.length; from += 500) {
        const batch = ids.slice(from, from + 500);
        (await redis.hmget(pulledAtKey, ...batch)).forEach((pulledAt, i) => pulls.set(batch[i] ?? '', pulledAt));
      }
      return pulls;
    },
  };
}
