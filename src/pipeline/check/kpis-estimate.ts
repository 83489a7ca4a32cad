import { TOTAL_COLUMN_KEY, type IndicatorDefinition } from '../../domain/indicators.js';
import { checkTargets, targetKey, type KpiTarget } from '../../indicators/kpi-targets.js';
import { currentValueOf } from '../../indicators/write-result.js';
import { classifyUnits } from '../../mapping/engine/classify-units.js';
import { lastDayOfYear } from '../../rules/local-dates.js';
import { kindsOwingReports, selectUnits } from '../../rules/units.js';
import { toPeriod } from '../../mapping/engine/programme-view.js';
import type { StratsysClient } from '../../stratsys/client.js';
import type { KpiData, KpiDataAnyDepartment } from '../../stratsys/schemas.js';
import type { Finding } from './findings.js';
import { orMessage, type ProbeData } from './probe-data.js';

/** What the nightly run's write-back will do, as far as a read-only probe can tell. */
export interface WriteBackEstimate {
  /** Requests of the target check, the reads and the writes. */
  requests: number;
  findings: Finding[];
}

/** How many departments' columns are checked per KPI (a unit-scope KPI has one per unit). */
const COLUMN_SAMPLE = 3;

/**
 * Checks every indicator target as the write-back does (a bad one is an error naming the mapping
 * problem; a stored value proves its column, as there), reads each KPI's values for the year once
 * (probing whether `kpidata` answers without `departmentId`), and estimates the write-back's
 * requests: the target check, the reads and one write per target that holds no value yet (a value
 * already there may or may not change). Where `kpidata` answers only per department, the probe does
 * not read every department, so it counts their column checks in full: an upper bound.
 */
export async function estimateWriteBack(client: StratsysClient, data: ProbeData, year: number): Promise<WriteBackEstimate> {
  const targets = indicatorTargets(data, year);
  const date = lastDayOfYear(year);
  const answers = new Map<string, Promise<KpiDataAnyDepartment[] | string>>();
  // One read per KPI, shared by the target check (a stored value proves its column) and the estimate below.
  const readKpi = (kpiId: string) =>
    answers.get(kpiId) ??
    answers
      .set(
        kpiId,
        orMessage(() => client.kpiDataAllDepartments(kpiId, { startDate: date, endDate: date })),
      )
      .get(kpiId)!;
  const rowsOf = (answer: KpiDataAnyDepartment[] | string, departmentId: string) => (typeof answer === 'string' ? [] : answer.filter((row): row is KpiData => row.DepartmentId === departmentId));
  const storedValues = async (kpiId: string, group: readonly KpiTarget[]) => {
    const answer = await readKpi(kpiId);
    return new Map(group.map((target) => [targetKey(target), rowsOf(answer, target.departmentId)] as const));
  };
  const checked = await checkTargets(client, targets, { columnChecksPerKpi: COLUMN_SAMPLE, storedValues });
  const findings: Finding[] = [...checked.problems].map(([key, problem]) => ({
    topic: 'mapping:kpi',
    status: 'error' as const,
    message: `${data.mapping.file}: ${problem}`,
    evidence: `target ${key.replaceAll('|', ' / ')}: GET kpis/filter?id=…, kpicolumns/…/filter?departmentId=…`,
  }));
  findings.push(...checked.warnings.map((warning) => ({ topic: 'mapping:kpi', status: 'warning' as const, message: warning, evidence: 'GET periodicities/{id}' })));
  const good = targets.filter((target) => !checked.problems.has(targetKey(target)));
  let reads = 0;
  let writes = 0;
  const scope: string[] = [];
  for (const kpiId of [...new Set(good.map((target) => target.kpiId))]) {
    const mine = good.filter((target) => target.kpiId === kpiId);
    const rows = await readKpi(kpiId);
    const departments = new Set(mine.map((target) => target.departmentId));
    const perDepartment = typeof rows === 'string' || rows.some((row) => row.DepartmentId === null);
    reads += 1 + (perDepartment ? departments.size : 0);
    scope.push(`kpidata/${kpiId}/filter?startDate=${date}&endDate=${date}: ${typeof rows === 'string' ? rows : `${rows.length} rows${perDepartment ? ' without DepartmentId' : ''}`}`);
    writes += mine.filter((target) => currentValueOf(rowsOf(rows, target.departmentId), target.column) === null).length;
  }
  findings.push(kpiDataScopeFinding(scope));
  return { requests: checked.requests + reads + writes, findings };
}

function kpiDataScopeFinding(evidence: string[]): Finding {
  const refused = evidence.filter((line) => !/: \d+ rows/.test(line));
  const anonymous = evidence.filter((line) => line.endsWith('without DepartmentId'));
  const message =
    refused.length > 0
      ? 'kpidata/{k}/filter is refused without departmentId; the worker reads each KPI per department instead (one request per department)'
      : anonymous.length > 0
        ? 'kpidata/{k}/filter without departmentId returns rows without DepartmentId; the worker reads each KPI per department instead'
        : "kpidata/{k}/filter without departmentId returns every department's rows with DepartmentId (KpiDataServiceUT.cs): one read per KPI and date";
  return { topic: 'reading:kpidata-scope', status: 'ok', message, evidence: evidence.slice(0, 3).join('; ') || 'no KPI to read' };
}

/** Where the run writes: every target of every indicator for `year` (per unit for `unit` scope). */
export function indicatorTargets(data: ProbeData, year: number): KpiTarget[] {
  const period = toPeriod(data.mapping);
  const units = classifyUnits(data.departments, data.mapping);
  const areas = new Set([TOTAL_COLUMN_KEY, ...period.focusAreas.map((area) => area.key)]);
  return data.mapping.indicators.flatMap((definition: IndicatorDefinition): KpiTarget[] => {
    const kpiId = definition.kpiId;
    const column = definition.column;
    if (definition.scope === 'unit') {
      const owing = selectUnits(units, kindsOwingReports(data.mapping.obligations, definition.reportType), period, year);
      return column === null ? [] : owing.map((unit) => ({ kpiId, departmentId: unit.id, column }));
    }
    if (definition.departmentId === null) return [];
    const departmentId = definition.departmentId;
    if (definition.scope === 'total') return column === null ? [] : [{ kpiId, departmentId, column }];
    return Object.entries(definition.columnsByFocusArea ?? {})
      .filter(([key]) => areas.has(key))
      .map(([, column]) => ({ kpiId, departmentId, column }));
  });
}
