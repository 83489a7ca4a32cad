import { AppError } from '../shared/errors.js';
import { TenantDataSchema, type TenantData } from './schema.js';

/**
 * How the tenant's reference data is stored. As a unit's pull (src/snapshot/stored-unit.ts), it is
 * validated once, when it is written, and the record carries `storedFormat`; reading it back is
 * JSON parsing and a structural check of its parts, not a second validation of every activity row
 * (60,000 at 2,000 units: half a second, on every command that reads it, a re-run's first). A
 * record without `storedFormat` (written before it existed) is validated in full as before.
 */
export const STORED_TENANT_FORMAT = 1;

/** The reference data as its stored record: validated against the snapshot schema, with `storedFormat`. */
export function encodeStoredTenant(tenant: TenantData): string {
  const parsed = TenantDataSchema.safeParse(tenant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
    throw new AppError('SNAPSHOT_INVALID', `the tenant's reference data does not match the snapshot schema${where}, so it is not stored`);
  }
  return JSON.stringify({ storedFormat: STORED_TENANT_FORMAT, ...parsed.data });
}

/** A stored tenant record read back; SNAPSHOT_INVALID naming `where` (and the part) when it is not JSON or not reference data. */
export function decodeStoredTenant(text: string, where: string): TenantData {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('SNAPSHOT_INVALID', `${where}: stored snapshot is not valid JSON`);
  }
  if (isRecord(json) && json.storedFormat !== undefined && json.storedFormat !== STORED_TENANT_FORMAT)
    // Another version's record (a newer replica, mid-deploy): its parts may mean something else, so it is not read as this one's.
    throw new AppError(
      'SNAPSHOT_INVALID',
      `${where}: stored reference data of another version of the tool (storedFormat ${JSON.stringify(json.storedFormat)}; this one reads ${STORED_TENANT_FORMAT})`,
      {
        retryable: true,
      },
    );
  if (isRecord(json) && json.storedFormat === STORED_TENANT_FORMAT) {
    const wrong = misshapenPart(json);
    if (wrong !== null) throw new AppError('SNAPSHOT_INVALID', `${where}: stored reference data does not match the snapshot schema (${wrong})`);
    delete json.storedFormat;
    return json as unknown as TenantData;
  }
  const parsed = TenantDataSchema.safeParse(json);
  if (!parsed.success) throw new AppError('SNAPSHOT_INVALID', `${where}: stored snapshot does not match the snapshot schema`);
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isListOfRecords = (value: unknown): boolean => Array.isArray(value) && value.every(isRecord);
const isRecordOfLists = (value: unknown): boolean => isRecord(value) && Object.values(value).every(isListOfRecords);

/**
 * The first part of a stored record whose shape is not what the readers rely on, or null. Its rows
 * were validated when it was written; this catches a record damaged or written by something else.
 */
function misshapenPart(json: Record<string, unknown>): string | null {
  const checks: Array<[string, boolean]> = [
    ['application', json.application === null || isRecord(json.application)],
    ['departments', isListOfRecords(json.departments)],
    ['scorecards', isListOfRecords(json.scorecards)],
    ['columns', isListOfRecords(json.columns)],
    ['statuses', isListOfRecords(json.statuses)],
    ['columnStatuses', isRecordOfLists(json.columnStatuses)],
    ['activityRows', json.activityRows === undefined || isRecordOfLists(json.activityRows)],
    ['statementComments', json.statementComments === undefined || isRecordOfLists(json.statementComments)],
    ['nodeFields', json.nodeFields === undefined || json.nodeFields === 'combined' || json.nodeFields === 'separate'],
    ['reportLists', isRecordOfLists(json.reportLists)],
    ['roleHolders', isRecordOfLists(json.roleHolders)],
    ['pulledAt', typeof json.pulledAt === 'string'],
    ['period', json.period === undefined || (isRecord(json.period) && Number.isInteger(json.period.year) && typeof json.period.asOf === 'string')],
  ];
  return checks.find(([, fits]) => !fits)?.[0] ?? null;
}
