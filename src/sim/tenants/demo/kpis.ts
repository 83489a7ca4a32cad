import type { FixtureKpi, FixtureKpiColumn, FixtureKpiValue, FixtureNode } from '../../fixture.js';
import { focusAreaOf, type DemoActivity } from './activities.js';
import { fixtureNode, INTERNATIONAL_OFFICE_ID, OWNER_ROLE_ID, ROOT_ID } from './reference.js';

/** Column names of the per-focus-area KPIs 9001–9005, by column index (0 = total). */
export const FOCUS_AREA_COLUMNS = ['Totalt', 'Näringsliv', 'Social hållbarhet', 'Miljö', 'Utbildning', 'Övriga insatser', 'Kunskapshöjande'] as const;

/** `decimals`: what the column keeps; the share columns keep whole percent, so 66.7 is stored as 67. */
const PER_FOCUS_AREA = [
  { id: '9001', name: 'Förvaltningar och bolag som ska rapportera', postfix: null, decimals: 0 },
  { id: '9002', name: 'Rapporterat i tid', postfix: null, decimals: 0 },
  { id: '9003', name: 'Rapporterat sent', postfix: null, decimals: 0 },
  { id: '9004', name: 'Saknade rapporter', postfix: null, decimals: 0 },
  { id: '9005', name: 'Andel levererade rapporter (%)', postfix: '%', decimals: 0 },
] as const;
const SINGLE = [
  { id: '9006', name: 'Externfinansierade projekt (antal)', postfix: null, decimals: 0 },
  { id: '9007', name: 'Beviljade EU-/internationella projektmedel (SEK)', postfix: 'kr', decimals: 0 },
] as const;
/** The per-unit KPI: one row and one "Utfall" column (`9101<unitId>`) per unit. */
export const PER_UNIT_KPI_ID = '9101';

/** The write-back KPIs of scorecard 52 (yearly), their columns and their nodes. */
export function kpiDefinitions(unitIds: readonly string[], officeUserId: string): { kpis: FixtureKpi[]; kpiColumns: FixtureKpiColumn[]; nodes: FixtureNode[] } {
  const kpi = (id: string, name: string, departmentIds: string[]): FixtureKpi => ({ id, name, scorecardId: '52', periodicityId: '1', templateId: null, departmentIds });
  const column = (kpiId: string, id: string, name: string, index: number, postfix: string | null, decimals: number | null, departmentId: string | null = null): FixtureKpiColumn => ({
    id,
    kpiId,
    departmentId,
    name,
    index,
    prefix: null,
    postfix,
    decimals,
  });
  const office = [INTERNATIONAL_OFFICE_ID];
  const kpis = [...PER_FOCUS_AREA, ...SINGLE].map((k) => kpi(k.id, k.name, office));
  kpis.push(kpi(PER_UNIT_KPI_ID, 'Internationell uppföljning levererad (%)', [...unitIds]));
  const kpiColumns = [
    ...PER_FOCUS_AREA.flatMap((k) => FOCUS_AREA_COLUMNS.map((name, i) => column(k.id, `${k.id}${i}`, name, i, k.postfix, k.decimals))),
    ...SINGLE.map((k) => column(k.id, `${k.id}0`, 'Utfall', 0, k.postfix, k.decimals)),
    ...unitIds.map((unit) => column(PER_UNIT_KPI_ID, `${PER_UNIT_KPI_ID}${unit}`, 'Utfall', 0, '%', 1, unit)),
  ];
  const nodes = kpis.map((k, i) =>
    fixtureNode({
      id: k.id,
      name: k.name,
      parentId: null,
      scorecardId: '52',
      columnId: '521',
      departmentId: k.id === PER_UNIT_KPI_ID ? ROOT_ID : INTERNATIONAL_OFFICE_ID,
      sortOrder: i + 1,
      responsibles: k.id === PER_UNIT_KPI_ID ? [] : [{ userId: officeUserId, roleId: OWNER_ROLE_ID, departmentId: INTERNATIONAL_OFFICE_ID }],
    }),
  );
  return { kpis, kpiColumns, nodes };
}

/** What `kpiHistory` derives the stored values from. */
export interface KpiHistoryInput {
  activities: readonly DemoActivity[];
  /** Units taking part in a year. */
  unitsIn: (year: number) => readonly string[];
  /** Units whose follow-ups of a focus area (1–6) were late in a year. */
  lateIn: (year: number, unit: string, focusArea: number) => boolean;
}

/**
 * Stored KPI values for earlier years, derived from the demo's own history: per focus area the
 * units owing a follow-up (9001), on time (9002), late (9003), missing (9004, always 0) and the
 * delivered share (9005); totals are sums over focus areas. 9006 counts the projects granted in the
 * year, 9007 sums their amounts, 9101 is 100 % for every unit taking part.
 */
export function kpiHistory(years: readonly number[], input: KpiHistoryInput): FixtureKpiValue[] {
  const values: FixtureKpiValue[] = [];
  const put = (kpiId: string, departmentId: string, columnId: string, year: number, value: number) => values.push({ kpiId, departmentId, columnId, date: `${year}-12-31`, value });
  for (const year of years) {
    const units = input.unitsIn(year);
    const active = input.activities.filter((a) => units.includes(a.unit));
    const counts = FOCUS_AREA_COLUMNS.map(() => ({ expected: 0, late: 0 }));
    for (let area = 1; area <= 6; area += 1) {
      const owing = units.filter((u) => active.some((a) => a.unit === u && focusAreaOf(a) === area));
      const late = owing.filter((u) => input.lateIn(year, u, area)).length;
      counts[area] = { expected: owing.length, late };
    }
    counts[0] = counts.slice(1).reduce((sum, c) => ({ expected: sum.expected + c.expected, late: sum.late + c.late }), { expected: 0, late: 0 });
    counts.forEach(({ expected, late }, i) => {
      put('9001', INTERNATIONAL_OFFICE_ID, `9001${i}`, year, expected);
      put('9002', INTERNATIONAL_OFFICE_ID, `9002${i}`, year, expected - late);
      put('9003', INTERNATIONAL_OFFICE_ID, `9003${i}`, year, late);
      put('9004', INTERNATIONAL_OFFICE_ID, `9004${i}`, year, 0);
      put('9005', INTERNATIONAL_OFFICE_ID, `9005${i}`, year, expected === 0 ? 0 : 100);
    });
    const projects = active.flatMap((a) => (a.project ? [a.project] : []));
    put('9006', INTERNATIONAL_OFFICE_ID, '90060', year, projects.filter((p) => p.year === year).length);
    put(
      '9007',
      INTERNATIONAL_OFFICE_ID,
      '90070',
      year,
      projects.filter((p) => p.year === year).reduce((sum, p) => sum + parseAmount(p.amount), 0),
    );
    for (const unit of units) put(PER_UNIT_KPI_ID, unit, `${PER_UNIT_KPI_ID}${unit}`, year, 100);
  }
  return values;
}

/** "1 250 000" → 1250000; null → 0. */
export function parseAmount(amount: string | null): number {
  return amount === null ? 0 : Number(amount.replace(/\s/g, ''));
}
