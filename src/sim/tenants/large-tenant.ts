import type { FixtureComment, FixtureKpiValue, FixtureNode, TenantFixture } from '../fixture.js';
import { createPrng, type Prng } from '../prng.js';
import { activityNodes, type DemoActivity } from './demo/activities.js';
import { COMMENT_TYPE } from './demo/follow-ups.js';
import { FOCUS_AREA_COLUMNS, kpiDefinitions, PER_UNIT_KPI_ID } from './demo/kpis.js';
import { actionPlanTopNodes, department, FOCUS_AREAS, PROJECT_REPORT_NODE_ID, referenceData, SERVICE_USER_ID, user } from './demo/reference.js';
import { followUpText, officeTime, projectStatementText } from './demo/texts.js';

/** Sizes of `generateLargeTenant`; every field optional with the default shown. */
export interface LargeTenantOptions {
  /** Departments plus companies taking part. Default 200 (70 % departments, 30 % companies). */
  units?: number;
  /** Activity nodes, spread round-robin over the units. Default 6,000. */
  activities?: number;
  /** Comments in all: project statements (at most one per unit and year, ≤ 10 %) and activity follow-ups. Default 18,000. */
  comments?: number;
  /** Stored KPI values (newest years first). Default 1,000. */
  kpiValues?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
}

const YEARS = [2018, 2019, 2020] as const;
const PARTNERS = ['Kokkola', 'Joensuu', 'Gdynia', 'Gjøvik', 'Næstved', 'Rendsburg', 'Tartu', 'Klaipėda'];
const KINDS = ['Vänortsutbyte med', 'Partnerskap med', 'Nätverksträffar med', 'Studiebesök i', 'Erfarenhetsutbyte med'];
const PROGRAMMES = ['Interreg Central Baltic', 'Erasmus+', 'Horisont Europa', 'Nordiska ministerrådet', 'Interreg Baltic Sea Region', 'Kreativa Europa'];
const MEANS = ['701', '702', '703'];

/**
 * A large tenant with the demo's structure (scorecards, columns, focus areas, KPIs 9001–9007 and
 * 9101, report list 910) for benchmarks. Deterministic for a given seed; sizes are exact.
 * Unit ids are 1000…, activity ids 100001…, reporter user ids 10000….
 */
export function generateLargeTenant(options: LargeTenantOptions = {}): TenantFixture {
  const units = options.units ?? 200;
  const activityCount = options.activities ?? 6_000;
  const commentCount = options.comments ?? 18_000;
  const kpiValueCount = options.kpiValues ?? 1_000;
  const prng = createPrng(options.seed ?? 1);

  const departmentCount = Math.ceil(units * 0.7);
  const unitIds = Array.from({ length: units }, (_, i) => String(1000 + i));
  const pad = (n: number) => String(n + 1).padStart(3, '0');
  const departments = [
    department('1', 'Simulerad storkommun', 'SSK', null),
    department('100', 'Förvaltningar', 'FÖRV', '1'),
    department('200', 'Stadshus AB', 'SAB', '1'),
    ...unitIds.map((id, i) =>
      i < departmentCount ? department(id, `Förvaltning ${pad(i)}`, `F${pad(i)}`, '100') : department(id, `Kommunbolag ${pad(i - departmentCount)} AB`, `B${pad(i - departmentCount)}`, '200'),
    ),
    department('12', 'Internationella kontoret', 'IK', unitIds[0] ?? '1'),
  ];
  const reporterOf = (unit: string) => String(10000 + Number(unit) - 1000);
  const users = [
    user(SERVICE_USER_ID, 'controller', 'Controller', 'Internationella kontoret', '12'),
    ...['901', '902', '903', '904', '905'].map((id) => user(id, `agare.${id}`, 'Ägare', id, unitIds[0] ?? '1')),
    user('906', 'internationella.kontoret', 'Internationella', 'kontoret', '12'),
    ...unitIds.map((unit) => user(reporterOf(unit), `rapportor.${unit}`, 'Rapportör', unit, unit)),
  ];

  const activities = largeActivities(activityCount, unitIds, prng);
  const kpi = kpiDefinitions(unitIds, '906');
  const nodes: FixtureNode[] = [...actionPlanTopNodes(unitIds.map((unitId) => ({ unitId, userId: reporterOf(unitId) }))), ...activityNodes(activities, reporterOf), ...kpi.nodes];
  return {
    ...referenceData(),
    departments,
    users,
    nodes,
    comments: largeComments(commentCount, activities, unitIds, reporterOf, prng),
    kpis: kpi.kpis,
    kpiColumns: kpi.kpiColumns,
    kpiData: largeKpiValues(kpiValueCount, unitIds, prng),
    lockedPeriods: [{ date: '2018-12-31' }],
    reportLists: [
      {
        id: '910',
        name: 'Årlig redovisning internationellt arbete',
        userId: SERVICE_USER_ID,
        rows: unitIds.map((unit) => ({ departmentId: unit, reportPeriod: '2020', deadline: '2021-01-31', name: 'Årlig redovisning internationellt arbete 2020', url: null, progress: null })),
      },
    ],
    reportingLists: [],
  };
}

function largeActivities(count: number, unitIds: readonly string[], prng: Prng): DemoActivity[] {
  return Array.from({ length: count }, (_, i) => {
    const isProject = prng.chance(0.1);
    const year = prng.int(2018, 2020);
    return {
      id: String(100001 + i),
      unit: unitIds[i % unitIds.length] ?? '1',
      parent: prng.pick(FOCUS_AREAS).goalId,
      name: isProject ? `Projekt ${prng.pick(PARTNERS)} ${i + 1}` : `${prng.pick(KINDS)} ${prng.pick(PARTNERS)} (${i + 1})`,
      means: isProject ? ['704'] : [prng.pick(MEANS)],
      project: isProject ? { financier: prng.chance(0.8) ? '711' : '712', amount: prng.chance(0.95) ? `${prng.int(2, 90) * 50} 000` : null, year, programme: prng.pick(PROGRAMMES) } : null,
      focusOverride: null,
      statusId: prng.chance(0.2) ? '3' : '2',
      endDate: '2020-12-31',
    };
  });
}

function largeComments(count: number, activities: readonly DemoActivity[], unitIds: readonly string[], reporterOf: (unit: string) => string, prng: Prng): FixtureComment[] {
  const comments: FixtureComment[] = [];
  const add = (nodeId: string, unit: string, year: number, text: string) => {
    const late = prng.chance(0.1);
    const day = late ? `${year + 1}-0${prng.int(2, 3)}-${String(prng.int(15, 28))}` : `${year + 1}-01-${String(prng.int(8, 31)).padStart(2, '0')}`;
    const posted = officeTime(prng, day);
    comments.push({
      id: String(500001 + comments.length),
      nodeId,
      departmentId: unit,
      text,
      periodDate: `${year}-12-31`,
      postedDate: posted,
      lastUpdatedDate: posted,
      userId: reporterOf(unit),
      commentType: { ...COMMENT_TYPE },
    });
  };
  const statements = Math.min(unitIds.length * YEARS.length, Math.floor(count / 10));
  for (let i = 0; i < statements; i += 1) {
    const year = YEARS[Math.floor(i / unitIds.length)] ?? 2020;
    add(PROJECT_REPORT_NODE_ID, unitIds[i % unitIds.length] ?? '1', year, projectStatementText(year, [], i));
  }
  // Selection sampling (Knuth's algorithm S): exactly `needed` of the (activity, year) slots, spread evenly.
  let needed = count - statements;
  const slots = activities.length * YEARS.length;
  for (let round = 0; needed > 0 && slots > 0; round += 1) {
    for (let slot = 0; slot < slots && needed > 0; slot += 1) {
      if (round === 0 && prng.next() * (slots - slot) >= needed) continue;
      const activity = activities[slot % activities.length];
      const year = YEARS[Math.floor(slot / activities.length)] ?? 2020;
      if (activity) add(activity.id, activity.unit, year, followUpText(prng, year, activity.project !== null));
      needed -= 1;
    }
  }
  return comments;
}

function largeKpiValues(count: number, unitIds: readonly string[], prng: Prng): FixtureKpiValue[] {
  const values: FixtureKpiValue[] = [];
  const perFocusArea = ['9001', '9002', '9003', '9004', '9005'];
  for (let year = 2019; values.length < count && year > 1900; year -= 1) {
    const date = `${year}-12-31`;
    const cells: Array<[string, string, string]> = [
      ...perFocusArea.flatMap((kpiId) => FOCUS_AREA_COLUMNS.map((_, i): [string, string, string] => [kpiId, '12', `${kpiId}${i}`])),
      ['9006', '12', '90060'],
      ['9007', '12', '90070'],
      ...unitIds.map((unit): [string, string, string] => [PER_UNIT_KPI_ID, unit, `${PER_UNIT_KPI_ID}${unit}`]),
    ];
    for (const [kpiId, departmentId, columnId] of cells) {
      if (values.length >= count) break;
      values.push({ kpiId, departmentId, columnId, date, value: prng.int(0, 100) });
    }
  }
  return values;
}
