import { AppError } from '../shared/errors.js';
import { FACTS_FORMAT } from './facts.js';
import { UnitSnapshotSchema, type UnitSnapshot } from './schema.js';

/**
 * How one unit's pull is stored. A unit is validated once, when it is written (`encodeStoredUnit`),
 * and the record carries `storedFormat`; reading such a record back is JSON parsing and a cheap
 * structural check, not a second full validation that copies every node and comment. A record
 * without `storedFormat` (written before it existed) is validated in full as before, so a worker
 * upgraded mid-week reads last night's pulls.
 */
export const STORED_UNIT_FORMAT = 2;

/** The unit as its stored record: validated against the snapshot schema, with `storedFormat`. */
export function encodeStoredUnit(unit: UnitSnapshot): string {
  const parsed = UnitSnapshotSchema.safeParse(unit);
  if (!parsed.success) throw new AppError('SNAPSHOT_INVALID', `unit ${String(unit.departmentId)}: the pull does not match the snapshot schema, so it is not stored`);
  return JSON.stringify({ storedFormat: STORED_UNIT_FORMAT, ...parsed.data });
}

/** A unit's facts (src/snapshot/facts.ts) as their stored record: a unit record with `factsFormat` first. */
export function encodeStoredFacts(facts: UnitSnapshot): string {
  return `{"factsFormat":${FACTS_FORMAT},${encodeStoredUnit(facts).slice(1)}`;
}

/**
 * Stored facts read back, or null when they were made by another version of the facts rule (or
 * before it had one): the caller derives them again from the snapshot. SNAPSHOT_INVALID naming
 * `where` when the record is not JSON or not a unit.
 */
export function decodeStoredFacts(text: string, where: string): UnitSnapshot | null {
  const json = parseJson(text, where);
  if (!isRecord(json)) return decodeJson(json, where);
  if (json.factsFormat !== FACTS_FORMAT) return null;
  delete json.factsFormat;
  return decodeJson(json, where);
}

/** A stored unit record read back; SNAPSHOT_INVALID naming `where` when it is not JSON or not a unit. */
export function decodeStoredUnit(text: string, where: string): UnitSnapshot {
  return decodeJson(parseJson(text, where), where);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('SNAPSHOT_INVALID', `${where}: stored snapshot is not valid JSON`);
  }
}

function decodeJson(json: unknown, where: string): UnitSnapshot {
  if (isRecord(json) && json.storedFormat === STORED_UNIT_FORMAT) {
    if (!hasUnitShape(json)) throw new AppError('SNAPSHOT_INVALID', `${where}: stored snapshot does not match the snapshot schema`);
    delete json.storedFormat;
    return json as unknown as UnitSnapshot;
  }
  const parsed = UnitSnapshotSchema.safeParse(json);
  if (!parsed.success) throw new AppError('SNAPSHOT_INVALID', `${where}: stored snapshot does not match the snapshot schema`);
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shape the readers rely on, checked down to each scorecard's parts (their rows were validated on write). */
function hasUnitShape(json: Record<string, unknown>): boolean {
  const scalars =
    typeof json.departmentId === 'string' &&
    typeof json.pulledAt === 'string' &&
    Number.isInteger(json.pullVersion) &&
    Number.isInteger(json.requests) &&
    isRecord(json.roleHolders) &&
    Array.isArray(json.scorecards);
  return scalars && (json.scorecards as unknown[]).every(hasScorecardShape);
}

function hasScorecardShape(card: unknown): boolean {
  return (
    isRecord(card) &&
    typeof card.scorecardId === 'string' &&
    Array.isArray(card.nodes) &&
    card.nodes.every(isRecord) &&
    Array.isArray(card.activities) &&
    card.activities.every(isRecord) &&
    isRecord(card.keywords) &&
    isRecord(card.descriptionFields) &&
    isRecord(card.comments) &&
    Object.values(card.comments).every(Array.isArray)
  );
}
