import { isAppError } from '../shared/errors.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { KpiData } from '../stratsys/schemas.js';

/** One value's place: KPI, department, period date. */
export interface KpiCell {
  kpiId: string;
  departmentId: string;
  /** `yyyy-MM-dd`. */
  date: string;
}

/** What Stratsys holds for a set of cells. */
export interface CurrentValues {
  /** `cellKey` → the rows of that KPI, department and date (every column). */
  rows: Map<string, KpiData[]>;
  /** `cellKey` → why it could not be read (a non-retryable error: that cell's values fail, the others go on). */
  failed: Map<string, string>;
  /** `GET kpidata` requests made. */
  reads: number;
}

export function cellKey(cell: KpiCell): string {
  return `${cell.kpiId}|${cell.departmentId}|${cell.date}`;
}

/**
 * Reads what Stratsys holds: one `GET kpidata/{k}/filter` per KPI and date without `departmentId`,
 * which returns every department's rows with their `DepartmentId` (`KpiDataServiceUT.cs`). When the
 * tenant refuses that (4xx) or leaves `DepartmentId` out, the KPI is read per department instead. A
 * non-retryable error on one read (e.g. `400 Kpi undefined: … ('Department: …')`) fails only the
 * cells it covers; transient errors propagate.
 */
export async function readCurrent(client: StratsysClient, cells: readonly KpiCell[]): Promise<CurrentValues> {
  const out: CurrentValues = { rows: new Map(), failed: new Map(), reads: 0 };
  const groups = new Map<string, { kpiId: string; date: string; departments: Set<string> }>();
  for (const cell of cells) {
    const key = `${cell.kpiId}|${cell.date}`;
    const group = groups.get(key) ?? { kpiId: cell.kpiId, date: cell.date, departments: new Set<string>() };
    group.departments.add(cell.departmentId);
    groups.set(key, group);
  }
  await Promise.all([...groups.values()].map((group) => readGroup(client, group, out)));
  return out;
}

async function readGroup(client: StratsysClient, group: { kpiId: string; date: string; departments: Set<string> }, out: CurrentValues): Promise<void> {
  const range = { startDate: group.date, endDate: group.date };
  out.reads += 1;
  const all = await orMessage(() => client.kpiDataAllDepartments(group.kpiId, range));
  if (typeof all !== 'string' && all.every((row) => row.DepartmentId !== null)) {
    for (const departmentId of group.departments) {
      const rows = all.filter((row): row is KpiData => row.DepartmentId === departmentId);
      out.rows.set(cellKey({ kpiId: group.kpiId, departmentId, date: group.date }), rows);
    }
    return;
  }
  await Promise.all(
    [...group.departments].map(async (departmentId) => {
      const key = cellKey({ kpiId: group.kpiId, departmentId, date: group.date });
      out.reads += 1;
      const rows = await orMessage(() => client.kpiData(group.kpiId, { departmentId, ...range }));
      if (typeof rows === 'string') out.failed.set(key, rows);
      else out.rows.set(key, rows);
    }),
  );
}

async function orMessage<T>(call: () => Promise<T>): Promise<T | string> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error) && !error.retryable) return error.message;
    throw error;
  }
}
