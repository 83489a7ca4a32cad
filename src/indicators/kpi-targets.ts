import type { KpiColumnSelector } from '../domain/indicators.js';
import { isAppError } from '../shared/errors.js';
import { editDistance } from '../shared/edit-distance.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { Kpi, KpiColumn, KpiData } from '../stratsys/schemas.js';
import { matchesColumn } from './write-result.js';

/** Where one value is written: a KPI, a department and a column in it. */
export interface KpiTarget {
  kpiId: string;
  departmentId: string;
  column: KpiColumnSelector;
}

/** The outcome of checking every target of a write-back once. */
export interface TargetCheck {
  /** `targetKey` → why the target is wrong: a mapping problem for the values written there only. */
  problems: Map<string, string>;
  /** Doubts that do not stop the write (e.g. a periodicity whose name is not recognisably yearly). */
  warnings: string[];
  /**
   * Requests a full check of these targets makes: `kpis/filter` per KPI, `periodicities/{id}` per
   * periodicity, `kpicolumns` per target whose selector needs the department's columns and whose
   * column no stored value proves (counted even where `columnChecksPerKpi` skipped it).
   */
  requests: number;
}

export interface CheckTargetsOptions {
  /** Check the column of at most this many departments per KPI (existence is checked for all); default all. */
  columnChecksPerKpi?: number;
  /**
   * The values Stratsys holds for one KPI's targets, asked once the KPI is known to exist: a value
   * stored in a target's column and department proves the column exists there, so its `kpicolumns`
   * read is skipped (on every run after the first, usually all of them).
   */
  storedValues?: (kpiId: string, targets: readonly KpiTarget[]) => Promise<StoredValues>;
}

/** The rows Stratsys holds per target (`targetKey`); a target missing here has no proof. */
export type StoredValues = Map<string, readonly KpiData[]>;

/** Key of a target: KPI, department and column selector. */
export function targetKey(target: KpiTarget): string {
  return `${target.kpiId}|${target.departmentId}|${describeSelector(target.column)}`;
}

/** `id 90011`, `name "Utfall"` or `index 0`. */
export function describeSelector(column: KpiColumnSelector): string {
  return 'id' in column ? `id ${column.id}` : 'name' in column ? `name "${column.name}"` : `index ${column.index}`;
}

/**
 * Checks each target before anything is written, with the calls the reference client shows:
 * `kpis/filter?id=` (one row per department the KPI exists in, with its periodicity and column ids:
 * `KpiServiceUT.cs`), `periodicities/{id}` once per periodicity, and `kpicolumns/{k}/filter?departmentId=`
 * where the selector needs the department's columns (by name or index, or an id that the KPI row does
 * not list) and no value stored in that column proves it (`storedValues`): column ids differ per
 * department (`KpiDataServiceUT.cs`: 18094 in department 1, 18791 in 5).
 * A KPI missing in a department, a column it lacks there or a periodicity that is not yearly is a
 * problem of those targets only. Transient errors propagate (the caller retries).
 */
export async function checkTargets(client: StratsysClient, targets: readonly KpiTarget[], options: CheckTargetsOptions = {}): Promise<TargetCheck> {
  const check: TargetCheck = { problems: new Map(), warnings: [], requests: 0 };
  const byKpi = new Map<string, KpiTarget[]>();
  for (const target of targets) byKpi.set(target.kpiId, [...(byKpi.get(target.kpiId) ?? []), target]);
  const periodicityNames = new Map<string, Promise<string | null>>();
  await Promise.all(
    [...byKpi].map(async ([kpiId, group]) => {
      check.requests += 1;
      const rows = await orProblem(() => client.kpis({ id: kpiId }));
      if (typeof rows === 'string') return group.forEach((target) => check.problems.set(targetKey(target), `KPI ${kpiId}: ${rows}`));
      if (rows.length === 0) return group.forEach((target) => check.problems.set(targetKey(target), `KPI ${kpiId} does not exist (kpis/filter?id=${kpiId} is empty)`));
      const periodicity = await checkPeriodicity(client, rows[0], periodicityNames, check.warnings);
      const stored = group.some((target) => needsColumns(target, rows)) && options.storedValues ? await options.storedValues(kpiId, group) : new Map<string, readonly KpiData[]>();
      const unproven = group.filter((target) => needsColumns(target, rows) && !(stored.get(targetKey(target)) ?? []).some((row) => matchesColumn(row, target.column)));
      const sampled = new Set([...new Set(unproven.map((t) => t.departmentId))].slice(0, options.columnChecksPerKpi ?? Number.POSITIVE_INFINITY));
      check.requests += unproven.length;
      await Promise.all(
        group.map((target) =>
          checkTarget(client, target, rows, periodicity, unproven.includes(target) && sampled.has(target.departmentId)).then(
            (problem) => void (problem !== null && check.problems.set(targetKey(target), problem)),
          ),
        ),
      );
    }),
  );
  check.requests += periodicityNames.size;
  return check;
}

/** Whether the target's column can only be checked with the department's column list. */
function needsColumns(target: KpiTarget, rows: readonly Kpi[]): boolean {
  const row = rows.find((candidate) => candidate.DepartmentId === target.departmentId);
  return row !== undefined && !('id' in target.column && row.KpiColumnIds.includes(target.column.id));
}

async function checkTarget(client: StratsysClient, target: KpiTarget, rows: Kpi[], periodicityProblem: string | null, checkColumn: boolean): Promise<string | null> {
  const row = rows.find((candidate) => candidate.DepartmentId === target.departmentId);
  const about = `KPI ${target.kpiId} "${rows[0]?.Name ?? ''}"`;
  if (row === undefined) return `${about} does not exist in department ${target.departmentId} (it exists in ${rows.map((r) => r.DepartmentId).join(', ')})`;
  if (periodicityProblem !== null) return `${about}: ${periodicityProblem}`;
  const { column } = target;
  if (!needsColumns(target, rows) || !checkColumn) return null;
  const columns = await orProblem(() => client.kpiColumns(target.kpiId, target.departmentId));
  if (typeof columns === 'string') return `${about} in department ${target.departmentId}: ${columns}`;
  if (findColumn(columns, column) !== undefined) return null;
  const listed = columns.map((c) => `${c.Id} "${c.Name}" (index ${c.Index})`).join(', ') || 'none';
  const near = 'id' in column ? closestId(column.id, columns) : null;
  const elsewhere = 'id' in column && rows.some((r) => r.DepartmentId !== target.departmentId && r.KpiColumnIds.includes(column.id));
  const hint = [
    near === null ? '' : ` Did you mean id ${near}?`,
    elsewhere ? ` Column ${describeSelector(column)} belongs to another department: column ids differ per department, so address it by { index } or { name }.` : '',
  ].join('');
  return `${about} has no column ${describeSelector(column)} in department ${target.departmentId} (its columns there: ${listed}).${hint}`;
}

/** The department's column the selector names (names compared case-insensitively, as Stratsys does). */
export function findColumn(columns: readonly KpiColumn[], column: KpiColumnSelector): KpiColumn | undefined {
  if ('id' in column) return columns.find((c) => c.Id === column.id);
  if ('name' in column) return columns.find((c) => c.Name.trim().toLowerCase() === column.name.trim().toLowerCase());
  return columns.find((c) => c.Index === column.index);
}

function closestId(id: string, columns: readonly KpiColumn[]): string | null {
  let best: { id: string; distance: number } | null = null;
  for (const candidate of columns) {
    const distance = editDistance(id, candidate.Id);
    if (distance <= 2 && (best === null || distance < best.distance)) best = { id: candidate.Id, distance };
  }
  return best?.id ?? null;
}

const NOT_YEARLY = /halvår|tertial|kvartal|månad|vecka|dag|half|quarter|month|week|day/i;
const YEARLY = /(^|[^a-zåäö])(år|årlig|årsvis|helår|year|yearly|annual)([^a-zåäö]|$)/i;

/**
 * The values are yearly (dated 31 December): a KPI whose periodicity is named as shorter than a year
 * would get December's value. Periodicities are customer data (contract 2.12), so an unrecognised
 * name is a warning, not a problem.
 */
async function checkPeriodicity(client: StratsysClient, row: Kpi | undefined, names: Map<string, Promise<string | null>>, warnings: string[]): Promise<string | null> {
  const id = row?.PeriodicityId ?? null;
  if (row === undefined || id === null) return null;
  if (!names.has(id))
    names.set(
      id,
      orProblem(() => client.periodicity(id)).then((p) => (typeof p === 'string' ? null : p.Name)),
    );
  const name = await names.get(id);
  if (name === null || name === undefined) {
    warnings.push(`KPI ${row.Id}: periodicity ${id} could not be read; assumed yearly`);
    return null;
  }
  if (NOT_YEARLY.test(name)) return `its periodicity ${id} "${name}" is not yearly, but the values are yearly (dated 31 December)`;
  if (!YEARLY.test(name)) warnings.push(`KPI ${row.Id}: periodicity ${id} "${name}" is not recognisably yearly; the yearly value is written for 31 December`);
  return null;
}

/** The call's result, or the message of a non-retryable Stratsys error (400 "Kpi undefined" and the like). */
async function orProblem<T>(call: () => Promise<T>): Promise<T | string> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error) && !error.retryable) return error.message;
    throw error;
  }
}
