import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { isAppError, toAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { IndicatorValue, KpiColumnSelector } from '../domain/indicators.js';
import type { AuditEntry, AuditEntryInput, AuditLog } from '../store/audit-log.js';
import { isUnchanged, judgeEcho } from './echo.js';
import { cellKey, currentValuesReader } from './kpi-read.js';
import { checkTargets, describeSelector, targetKey, type KpiTarget } from './kpi-targets.js';
import { loadWriteMemory, writeKey, type WriteMemory } from './write-memory.js';
import type { WriteBackResult } from './write-result.js';
import { currentValueOf } from './write-result.js';

export type { WriteBackChange, WriteBackResult } from './write-result.js';

export interface WriteBackDeps {
  client: StratsysClient;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

export interface WriteBackOptions {
  runId: string;
  failedUnitIds: string[];
  dryRun: boolean;
  /** Attempt ids (default random UUIDs); tests pass a deterministic source. */
  newAttemptId?: () => string;
}

/** `id 90011`, `name "Utfall"` or `index 0`. */
export function describeColumn(column: KpiColumnSelector): string {
  return describeSelector(column);
}

/**
 * Writes indicator values to Stratsys idempotently. Values that depend on a unit whose pull failed,
 * on a report whose evidence could not be read or on a project amount that could not be read, are
 * held back. Every target is checked first
 * (a bad one fails its values only, as a mapping problem); current values are read (one request per
 * KPI and date) and only values that differ at the column's known precision are written. Each write
 * is audited twice: the intent before the `PUT`, the outcome after (applied, perhaps rounded by
 * Stratsys; rejected, when a locked period kept the old value; unknown, when the answer was lost).
 * An earlier intent without an outcome is settled by this run's read and reported. A re-run writes
 * everything that is complete now, not only what depends on the re-run unit. Retryable errors
 * propagate so the caller (job) can retry; a re-run is harmless.
 */
export async function writeBack(deps: WriteBackDeps, values: IndicatorValue[], options: WriteBackOptions): Promise<WriteBackResult> {
  const result: WriteBackResult = { changes: [], written: 0, rounded: [], unchanged: 0, heldBack: [], rejected: [], failed: [], confirmed: [], warnings: [], reads: 0, dryRun: options.dryRun };
  const failedUnits = new Set(options.failedUnitIds);
  const candidates: IndicatorValue[] = [];
  for (const value of values) {
    const failedUnitIds = value.dependsOnUnitIds.filter((id) => failedUnits.has(id));
    const unknownProjectIds = value.unknownProjectIds;
    if (failedUnitIds.length > 0 || value.unknownReportIds.length > 0 || unknownProjectIds.length > 0) {
      result.heldBack.push({ value, failedUnitIds, unknownReportIds: value.unknownReportIds, unknownProjectIds });
    } else candidates.push(value);
  }
  const reader = currentValuesReader(deps.client);
  const date = new Map(candidates.map((value) => [targetKey(value), value.date]));
  const storedValues = async (kpiId: string, group: readonly KpiTarget[]) => {
    const cells = group.map((target) => ({ ...target, date: date.get(targetKey(target)) ?? '' }));
    const read = await reader.read(cells);
    return new Map(cells.map((cell) => [targetKey(cell), read.rows.get(cellKey(cell)) ?? []] as const));
  };
  const targets = await checkTargets(deps.client, candidates, { storedValues });
  result.warnings.push(...targets.warnings);
  const checked = candidates.filter((value) => {
    const problem = targets.problems.get(targetKey(value));
    if (problem !== undefined) result.failed.push({ value, reason: 'bad-target', message: `mapping problem: ${problem}` });
    return problem === undefined;
  });
  const current = await reader.read(checked);
  result.reads = current.reads;
  const memory = await loadWriteMemory(deps.audit);
  for (const value of checked) {
    const readProblem = current.failed.get(cellKey(value));
    if (readProblem !== undefined) {
      result.failed.push({ value, reason: 'read-failed', message: readProblem });
      continue;
    }
    const before = currentValueOf(current.rows.get(cellKey(value)) ?? [], value.column);
    await settlePending(deps, value, before, memory, options, result);
    if (isUnchanged(before, value.value, memory.decimals.get(auditKey(value)) ?? null)) result.unchanged += 1;
    else result.changes.push({ value, before });
  }
  // The transport bounds concurrency and rate; the writes are independent of each other.
  if (!options.dryRun) await Promise.all(result.changes.map((change) => writeOne(deps, change.value, change.before, options, result)));
  return result;
}

function auditKey(value: IndicatorValue): string {
  return writeKey({ kpiId: value.kpiId, departmentId: value.departmentId, column: describeSelector(value.column), date: value.date });
}

function auditBase(value: IndicatorValue, runId: string, attemptId: string, before: number | null) {
  return { runId, attemptId, kpiId: value.kpiId, departmentId: value.departmentId, column: describeSelector(value.column), date: value.date, before, indicatorKey: value.indicatorKey };
}

/**
 * An earlier attempt at this value whose outcome was never recorded (the process died, or the answer
 * was lost): what Stratsys holds now says whether it was applied. Recorded and reported, so a value
 * that is unchanged now because of an unconfirmed write is never silently taken as unchanged.
 */
async function settlePending(deps: WriteBackDeps, value: IndicatorValue, now: number | null, memory: WriteMemory, options: WriteBackOptions, result: WriteBackResult): Promise<void> {
  const intent = memory.pending.get(auditKey(value));
  if (intent === undefined || intent.attemptId === undefined) return;
  const verdict = judgeEcho(intent.sent ?? null, intent.before, now);
  const applied = verdict.outcome === 'applied';
  result.confirmed.push({ value, attemptId: intent.attemptId, runId: intent.runId, sent: intent.sent ?? null, found: now, applied });
  if (options.dryRun) return;
  memory.pending.delete(auditKey(value));
  if (verdict.outcome === 'applied' && verdict.rounded) memory.decimals.set(auditKey(value), verdict.decimals);
  const note = applied
    ? `attempt of run ${intent.runId} had no answer; confirmed applied by the read of run ${options.runId}`
    : `attempt of run ${intent.runId} had no answer; not found applied by the read of run ${options.runId} (Stratsys holds ${now ?? 'nothing'})`;
  await record(deps, {
    ...entryOf(intent, options.runId),
    at: deps.clock.now().toISOString(),
    after: now,
    outcome: applied ? 'applied' : 'unknown',
    rounded: verdict.outcome === 'applied' && verdict.rounded,
    decimals: verdict.decimals,
    note,
  });
}

/** The settling entry of an earlier attempt: its fields, under the settling run's id (see rememberWrites). */
function entryOf(intent: AuditEntry, runId: string): AuditEntryInput {
  const { attemptId, kpiId, departmentId, column, date, before, sent, indicatorKey } = intent;
  return { runId, attemptId, kpiId, departmentId, column, date, before, sent, indicatorKey, at: intent.at, after: null, outcome: 'unknown' };
}

async function writeOne(deps: WriteBackDeps, value: IndicatorValue, before: number | null, options: WriteBackOptions, result: WriteBackResult): Promise<void> {
  const base = { ...auditBase(value, options.runId, options.newAttemptId?.() ?? randomUUID(), before), sent: value.value };
  await record(deps, { ...base, at: deps.clock.now().toISOString(), after: null, outcome: 'intent' });
  let echo: number | null;
  try {
    echo = await deps.client.putKpiValue({ kpiId: value.kpiId, departmentId: value.departmentId, column: value.column, date: value.date, value: value.value });
  } catch (error) {
    const appError = toAppError(error, `PUT kpidata ${value.kpiId}`);
    // Whether Stratsys applied it is unknown: a lost, cut or garbled answer may follow an applied write.
    await record(deps, { ...base, at: deps.clock.now().toISOString(), after: null, outcome: 'unknown', note: appError.message });
    if (isAppError(error) && !error.retryable) {
      result.failed.push({ value, reason: 'answer-lost', message: `${appError.message} (whether it was applied is unknown; the next run reads it back)` });
      return;
    }
    throw error;
  }
  const verdict = judgeEcho(value.value, before, echo);
  if (verdict.outcome === 'applied') {
    result.written += 1;
    if (verdict.rounded) result.rounded.push({ value, stored: echo });
    const note = verdict.rounded ? `rounded by Stratsys to ${verdict.decimals} decimals` : null;
    await record(deps, { ...base, at: deps.clock.now().toISOString(), after: echo, outcome: 'applied', rounded: verdict.rounded, decimals: verdict.decimals, note });
    return;
  }
  result.rejected.push({ value, stored: echo, reason: verdict.reason });
  const note = verdict.reason === 'locked' ? 'Stratsys kept the old value (locked period)' : `Stratsys holds ${echo}, neither the value sent nor the old one`;
  await record(deps, { ...base, at: deps.clock.now().toISOString(), after: echo, outcome: 'rejected', note });
  deps.logger.warn({ kpiId: value.kpiId, departmentId: value.departmentId, date: value.date, reason: verdict.reason }, 'kpi write rejected');
}

async function record(deps: WriteBackDeps, entry: AuditEntryInput): Promise<void> {
  await deps.audit.record(entry);
}
