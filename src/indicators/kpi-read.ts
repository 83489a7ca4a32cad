import { isAppError } from '../shared/errors.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { KpiData, KpiDataAnyDepartment } from '../stratsys/schemas.js';

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
  /** `GET kpidata` requests made (by the reader so far). */
  reads: number;
}

export function cellKey(cell: KpiCell): string {
  return `${cell.kpiId}|${cell.departmentId}|${cell.date}`;
}

/** Reads of what Stratsys holds, each made at most once per reader (one write-back). */
export interface CurrentValuesReader {
  /** The rows of these cells; a cell read before is not read again. */
  read(cells: readonly KpiCell[]): Promise<CurrentValues>;
}

/**
 * Reads what Stratsys holds: one `GET kpidata/{k}/filter` per KPI and date without `departmentId`,
 * which returns every department's rows with their `DepartmentId` (`KpiDataServiceUT.cs`). When the
 * tenant refuses that (4xx) or leaves `DepartmentId` out, the KPI is read per department instead. A
 * non-retryable error on one read (e.g. `400 Kpi undefined: … ('Department: …')`) fails only the
 * cells it covers; transient errors propagate. The reader remembers its answers, so the target check
 * (which takes a stored value as proof that its column exists) and the write-back share one read.
 */
export function currentValuesReader(client: StratsysClient): CurrentValuesReader {
  const whole = new Map<string, Promise<KpiDataAnyDepartment[] | string>>();
  const single = new Map<string, Promise<KpiData[] | string>>();
  let reads = 0;
  const once = <T>(memo: Map<string, Promise<T[] | string>>, key: string, call: () => Promise<T[]>) => {
    let answer = memo.get(key);
    if (answer === undefined) {
      reads += 1;
      answer = orMessage(call);
      // A transient error propagates to this caller; the next read asks again.
      answer.catch(() => memo.delete(key));
      memo.set(key, answer);
    }
    return answer;
  };
  return {
    async read(cells) {
      const out: CurrentValues = { rows: new Map(), failed: new Map(), reads: 0 };
      await Promise.all(
        [...groupByKpi(cells).values()].map(async (group) => {
          const range = { startDate: group.date, endDate: group.date };
          const all = await once(whole, `${group.kpiId}|${group.date}`, () => client.kpiDataAllDepartments(group.kpiId, range));
          const usable = typeof all !== 'string' && all.every((row) => row.DepartmentId !== null);
          await Promise.all(
            [...group.departments].map(async (departmentId) => {
              const key = cellKey({ kpiId: group.kpiId, departmentId, date: group.date });
              const rows = usable ? all.filter((row): row is KpiData => row.DepartmentId === departmentId) : await once(single, key, () => client.kpiData(group.kpiId, { departmentId, ...range }));
              if (typeof rows === 'string') out.failed.set(key, rows);
              else out.rows.set(key, rows);
            }),
          );
        }),
      );
      out.reads = reads;
      return out;
    },
  };
}

function groupByKpi(cells: readonly KpiCell[]): Map<string, { kpiId: string; date: string; departments: Set<string> }> {
  const groups = new Map<string, { kpiId: string; date: string; departments: Set<string> }>();
  for (const cell of cells) {
    const key = `${cell.kpiId}|${cell.date}`;
    const group = groups.get(key) ?? { kpiId: cell.kpiId, date: cell.date, departments: new Set<string>() };
    group.departments.add(cell.departmentId);
    groups.set(key, group);
  }
  return groups;
}

async function orMessage<T>(call: () => Promise<T>): Promise<T | string> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error) && !error.retryable) return error.message;
    throw error;
  }
}
