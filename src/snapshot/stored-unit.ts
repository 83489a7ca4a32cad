import { AppError } from '../shared/errors.js';
import { FACTS_FORMAT } from './facts.js';
import { createPartSharer, type PartSharer } from './shared-parts.js';
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

/**
 * A unit's facts (src/snapshot/facts.ts) as their stored record: a unit record with `factsFormat`
 * first, validated as a unit, whose parts repeated on every node or comment (department,
 * scorecard, column, status, statuses, comment type) are written once, in `parts`, and named by
 * their index where they occur. At 2,000 units that is about a third less JSON to read and parse
 * per evaluation, and the reader shares each part without comparing it node by node.
 */
export function encodeStoredFacts(facts: UnitSnapshot): string {
  const parsed = UnitSnapshotSchema.safeParse(facts);
  if (!parsed.success) throw new AppError('SNAPSHOT_INVALID', `unit ${String(facts.departmentId)}: the pull does not match the snapshot schema, so it is not stored`);
  const parts: unknown[] = [];
  const indexOf = new Map<string, number>();
  const ref = (part: object): number => {
    const key = JSON.stringify(part);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = parts.push(part) - 1;
      indexOf.set(key, index);
    }
    return index;
  };
  const scorecards = parsed.data.scorecards.map((card) => ({
    ...card,
    nodes: card.nodes.map((node) => ({
      ...node,
      Department: ref(node.Department),
      Scorecard: ref(node.Scorecard),
      ScorecardColumn: ref(node.ScorecardColumn),
      CurrentStatus: node.CurrentStatus === null ? null : ref(node.CurrentStatus),
      Statuses: node.Statuses === null ? null : ref(node.Statuses),
    })),
    comments: Object.fromEntries(
      Object.entries(card.comments).map(([nodeId, list]) => [nodeId, list.map((comment) => ({ ...comment, CommentType: comment.CommentType === null ? null : ref(comment.CommentType) }))]),
    ),
  }));
  return JSON.stringify({ factsFormat: FACTS_FORMAT, storedFormat: STORED_UNIT_FORMAT, ...parsed.data, scorecards, parts });
}

/**
 * Stored facts read back, or null when they were made by another version of the facts rule (or
 * before it had one): the caller derives them again from the snapshot. Each part is taken through
 * `share` once per record (src/snapshot/shared-parts.ts). SNAPSHOT_INVALID naming `where` when the
 * record is not JSON, not a unit, or names a part it does not hold.
 */
export function decodeStoredFacts(text: string, where: string, share: PartSharer = createPartSharer()): UnitSnapshot | null {
  const json = parseJson(text, where);
  if (!isRecord(json)) return decodeJson(json, where);
  if (json.factsFormat !== FACTS_FORMAT) return null;
  delete json.factsFormat;
  const parts = json.parts;
  delete json.parts;
  if (!Array.isArray(parts)) throw invalid(where, 'its parts are missing');
  const facts = decodeJson(json, where);
  // Each part is checked and shared once per record and use, however many nodes name it.
  const resolved = new Map<string, unknown>();
  const resolve = <T>(value: unknown, field: string, shape: 'object' | 'array', shared: (found: never) => T): T => {
    const key = `${field}:${String(value)}`;
    if (resolved.has(key)) return resolved.get(key) as T;
    const found = Number.isInteger(value) ? (parts[value as number] as unknown) : undefined;
    const fits = shape === 'array' ? Array.isArray(found) && found.every(isRecord) : isRecord(found);
    if (!fits) throw invalid(where, `its ${field} ${JSON.stringify(value)} is not one of its ${parts.length} parts`);
    const result = shared(found as never);
    resolved.set(key, result);
    return result;
  };
  for (const card of facts.scorecards) {
    for (const node of card.nodes) {
      node.Department = resolve(node.Department, 'Department', 'object', share.part);
      node.Scorecard = resolve(node.Scorecard, 'Scorecard', 'object', share.part);
      node.ScorecardColumn = resolve(node.ScorecardColumn, 'ScorecardColumn', 'object', share.column);
      if (node.CurrentStatus !== null) node.CurrentStatus = resolve(node.CurrentStatus, 'CurrentStatus', 'object', share.part);
      if (node.Statuses !== null) node.Statuses = resolve(node.Statuses, 'Statuses', 'array', share.statuses);
    }
    for (const comments of Object.values(card.comments))
      for (const comment of comments) if (comment.CommentType !== null) comment.CommentType = resolve(comment.CommentType, 'CommentType', 'object', share.part);
  }
  return facts;
}

function invalid(where: string, why: string): AppError {
  return new AppError('SNAPSHOT_INVALID', `${where}: stored facts do not match the snapshot schema (${why})`);
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
  if (isRecord(json) && json.storedFormat !== undefined && json.storedFormat !== STORED_UNIT_FORMAT)
    // Another version's record (a newer replica, mid-deploy): its parts may mean something else, so it is not read as this one's.
    throw new AppError('SNAPSHOT_INVALID', `${where}: stored pull of another version of the tool (storedFormat ${JSON.stringify(json.storedFormat)}; this one reads ${STORED_UNIT_FORMAT})`, {
      retryable: true,
    });
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
