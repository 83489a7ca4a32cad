import type { KpiData } from '../stratsys/schemas.js';
import { invalidRequest, undefinedEntity } from './envelope.js';
import { DEFAULT_READINGS, type Readings } from './readings.js';
import type { FixtureKpi, FixtureKpiColumn } from './fixture.js';
import type { TenantIndex } from './tenant-index.js';
import { kpiColumnsIn, toWireKpiData } from './wire.js';

/** One `PUT kpidata` the simulator handled. */
export interface KpiWriteRecord {
  /** Sim-clock instant of the write (ISO 8601). */
  at: string;
  kpiId: string;
  departmentId: string;
  columnId: string;
  date: string;
  /** The value sent. */
  sent: number | null;
  /** The value stored afterwards (= `Result`); differs from `sent` when the period was locked or the column keeps fewer decimals. */
  stored: number | null;
  locked: boolean;
}

/** A `kpidata` row as served: `DepartmentId` is null under the `no-department-id` reading. */
export type ServedKpiData = Omit<KpiData, 'DepartmentId'> & { DepartmentId: string | null };

/** Parameters of `GET kpidata/{kpiId}/filter` (all optional). */
export interface KpiReadFilter {
  departmentId?: string;
  kpiColumnId?: string;
  kpiColumnName?: string;
  kpiColumnIndex?: number;
  /** Inclusive, `yyyy-MM-dd`. */
  startDate?: string;
  endDate?: string;
}

interface Stored {
  column: FixtureKpiColumn;
  departmentId: string;
  date: string;
  value: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return at.toISOString().slice(0, 10) === value;
}

/**
 * KPI values of the simulated tenant: seeded from the fixture, changed by `PUT kpidata`
 * (SaveOrUpdate). Values are keyed by (KPI, department, column, date) with the date exactly as
 * sent. A write into a locked period is ignored and answered with the old value (contract 2.11).
 */
export class KpiStore {
  private readonly values = new Map<string, Stored>();
  private readonly log: KpiWriteRecord[] = [];

  constructor(
    private readonly index: TenantIndex,
    private readonly clock: () => Date,
    private readonly readings: () => Readings = () => DEFAULT_READINGS,
  ) {
    for (const value of index.fixture.kpiData) {
      const column = (index.kpiColumns.get(value.kpiId) ?? []).find((c) => c.id === value.columnId);
      if (column) this.values.set(key(value.kpiId, value.departmentId, column.id, value.date), { column, departmentId: value.departmentId, date: value.date, value: value.value });
    }
  }

  /**
   * `GET kpidata/{kpiId}/filter`, ordered by department, column index and date. Without
   * `departmentId`: every department's rows, a 400 or rows without `DepartmentId`, per the
   * `kpiDataScope` reading.
   */
  read(kpiId: string, filter: KpiReadFilter): ServedKpiData[] {
    const scope = this.readings().kpiDataScope;
    if (filter.departmentId === undefined && scope === 'department-required') throw invalidRequest('The departmentId field is required.');
    const rows = this.stored(kpiId, filter);
    return filter.departmentId === undefined && scope === 'no-department-id' ? rows.map((row) => ({ ...row, DepartmentId: null })) : rows;
  }

  private stored(kpiId: string, filter: KpiReadFilter): KpiData[] {
    this.kpiIn(kpiId, filter.departmentId ?? null);
    const name = filter.kpiColumnName?.toLowerCase();
    return [...this.values.values()]
      .filter(
        (v) =>
          v.column.kpiId === kpiId &&
          (filter.departmentId === undefined || v.departmentId === filter.departmentId) &&
          (filter.kpiColumnId === undefined || v.column.id === filter.kpiColumnId) &&
          (name === undefined || v.column.name.toLowerCase() === name) &&
          (filter.kpiColumnIndex === undefined || v.column.index === filter.kpiColumnIndex) &&
          (filter.startDate === undefined || v.date >= filter.startDate) &&
          (filter.endDate === undefined || v.date <= filter.endDate),
      )
      .sort((a, b) => a.departmentId.localeCompare(b.departmentId) || a.column.index - b.column.index || a.date.localeCompare(b.date))
      .map((v) => toWireKpiData(v.column, v.departmentId, v.date, v.value));
  }

  /**
   * `PUT kpidata`: stores the value and returns what is stored now: the old value if locked, the
   * value rounded to the column's decimals under the `column-decimals` reading.
   */
  write(data: KpiData): number | null {
    const kpi = this.kpiIn(data.KpiId, data.DepartmentId);
    const column = this.columnFor(kpi, data);
    if (!isCalendarDate(data.Date)) throw invalidRequest(`Date must be a date yyyy-MM-dd, got "${data.Date}".`);
    const id = key(kpi.id, data.DepartmentId, column.id, data.Date);
    const previous = this.values.get(id)?.value ?? null;
    const locked = this.isLocked(kpi.id, data.DepartmentId, data.Date);
    const value = this.readings().kpiRounding === 'column-decimals' ? roundValue(data.Value, column.decimals) : data.Value;
    if (!locked) this.values.set(id, { column, departmentId: data.DepartmentId, date: data.Date, value });
    const stored = locked ? previous : value;
    this.log.push({ at: this.clock().toISOString(), kpiId: kpi.id, departmentId: data.DepartmentId, columnId: column.id, date: data.Date, sent: data.Value, stored, locked });
    return stored;
  }

  /** Every stored value, in the order of `read` (whatever the readings). */
  all(): KpiData[] {
    return [...this.index.kpis.keys()].flatMap((kpiId) => this.stored(kpiId, {}));
  }

  /** Every write handled so far, oldest first. */
  writes(): KpiWriteRecord[] {
    return this.log.map((w) => ({ ...w }));
  }

  private kpiIn(kpiId: string, departmentId: string | null): FixtureKpi {
    const kpi = this.index.kpis.get(kpiId);
    if (!kpi || (departmentId !== null && !kpi.departmentIds.includes(departmentId))) {
      throw undefinedEntity('Kpi', kpiId, `Department: ${departmentId ?? ''}`);
    }
    return kpi;
  }

  private columnFor(kpi: FixtureKpi, data: KpiData): FixtureKpiColumn {
    const selectors = [data.KpiColumnId, data.KpiColumnName, data.KpiColumnIndex].filter((s) => s !== null);
    if (selectors.length !== 1) throw invalidRequest('Give exactly one of KpiColumnId, KpiColumnName and KpiColumnIndex.');
    const columns = kpiColumnsIn(this.index, kpi.id, data.DepartmentId);
    const name = data.KpiColumnName?.toLowerCase();
    const column = columns.find((c) => (data.KpiColumnId !== null ? c.id === data.KpiColumnId : name !== undefined ? c.name.toLowerCase() === name : c.index === data.KpiColumnIndex));
    if (!column) throw undefinedEntity('KpiColumn', String(selectors[0]), `Kpi: ${kpi.id}`);
    return column;
  }

  private isLocked(kpiId: string, departmentId: string, date: string): boolean {
    return this.index.fixture.lockedPeriods.some((p) => p.date === date && (p.kpiId === undefined || p.kpiId === kpiId) && (p.departmentId === undefined || p.departmentId === departmentId));
  }
}

/**
 * Half away from zero, on the decimal text (the simulator's own choice, independent of the worker's
 * code; Stratsys' manual says only that values are saved rounded).
 */
function roundValue(value: number | null, decimals: number | null): number | null {
  if (value === null || decimals === null) return value;
  const rounded = Number(`${Math.round(Number(`${Math.abs(value)}e${decimals}`))}e-${decimals}`);
  return value < 0 ? -rounded : rounded;
}

function key(kpiId: string, departmentId: string, columnId: string, date: string): string {
  return `${kpiId}|${departmentId}|${columnId}|${date}`;
}
