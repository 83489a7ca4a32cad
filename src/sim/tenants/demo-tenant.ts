/**
 * The bundled demo tenant, "Gävle kommun" (simulated), exactly as docs/demo-tenant.md describes it.
 * Deterministic: texts and times come from a seeded PRNG, never from Math.random or the clock.
 *
 * Choices where the spec is silent or loose:
 * 1. 36 activities (6001–6035 plus 6099), 3–4 per unit; the missing 2020 follow-up of 105 is 6019
 *    (under goal 5103); 6020 sits under 5105 with field 804 "Miljöstrategiskt program".
 * 2. 204 joined in 2019: it has no follow-ups, statement, KPI value or report row for 2018.
 * 3. "103 late for 2019" covers all of 103's 2019 comments, its project statement included.
 * 4. 202's 2020 activity follow-ups are posted 2021-02-05, inside the 14 grace days (on time);
 *    only its 2020 project statement is late (2021-03-03).
 * 5. Role 2 "Vem rapporterar" is not department specific; each unit has one reporter (users 911–920)
 *    who holds it on the unit's activities and writes its comments.
 * 6. Node 9101 is owned by department 1 (one KPI in every unit); KPIs 9001–9007 by department 12.
 *    Stored values for 2018 and 2019 follow the demo's own history (see `kpiHistory`); Totalt is
 *    the sum over the focus-area columns. The lock is `{date: "2018-12-31"}` for every KPI.
 * 7. Report list 910 rows carry progress matching the 2020 pattern; reporting list 920 (extra)
 *    lists every 2020 activity follow-up, `reportNode` where it is still missing.
 */
import type { FixtureComment, ReportingList, ReportList, TenantFixture } from '../fixture.js';
import { createPrng } from '../prng.js';
import { activityNodes, demoActivities, focusAreaOf, type DemoActivity } from './demo/activities.js';
import { demoComments, SILENT_2020_UNITS } from './demo/follow-ups.js';
import { kpiDefinitions, kpiHistory } from './demo/kpis.js';
import { actionPlanTopNodes, department, FOCUS_AREA_OWNERS, municipalPlanNodes, referenceData, SERVICE_USER_ID, user } from './demo/reference.js';

export { generateLargeTenant, type LargeTenantOptions } from './large-tenant.js';

/** Units of the programme: departments 101–106 and companies 201–204. */
export const DEMO_UNIT_IDS = ['101', '102', '103', '104', '105', '106', '201', '202', '203', '204'] as const;
/** Seed of the demo's PRNG (texts and posting times). */
export const DEMO_SEED = 2020;

/** The demo organisation's name as people read it (TENANT_NAME of `npm run demo`). */
export const DEMO_TENANT_NAME = 'Gävle kommun (demo)';
/** A unit of the demo tenant that misses reports, named in examples (`rerun --department`). */
export const DEMO_EXAMPLE_UNIT = 'Kultur och fritid';

const DEPARTMENTS = [
  department('1', 'Gävle kommun', 'GK', null),
  department('10', 'Kommunstyrelsen', 'KS', '1'),
  department('100', 'Förvaltningar', 'FÖRV', '1'),
  department('101', 'Kommunledningsförvaltningen', 'KLF', '100'),
  department('102', 'Utbildning Gävle', 'UG', '100'),
  department('103', 'Socialtjänsten', 'SOC', '100'),
  department('104', 'Omvårdnad Gävle', 'OG', '100'),
  department('105', 'Samhällsbyggnad Gävle', 'SBG', '100'),
  department('106', 'Kultur och fritid', 'KOF', '100'),
  department('12', 'Internationella kontoret', 'IK', '101'),
  department('200', 'Gävle Stadshus AB', 'GSAB', '1'),
  department('201', 'Gävle Energi AB', 'GEAB', '200'),
  department('202', 'AB Gavlegårdarna', 'GG', '200'),
  department('203', 'Gävle Hamn AB', 'GHAB', '200'),
  department('204', 'Gävle Vatten AB', 'GVAB', '200'),
];

/** One reporter per unit: [user name, first name, last name]. */
const REPORTERS: Record<string, [string, string, string]> = {
  '101': ['johan.ahlberg', 'Johan', 'Ahlberg'],
  '102': ['anna.wikstrom', 'Anna', 'Wikström'],
  '103': ['mikael.sjoberg', 'Mikael', 'Sjöberg'],
  '104': ['lena.forsberg', 'Lena', 'Forsberg'],
  '105': ['per.hedlund', 'Per', 'Hedlund'],
  '106': ['ingrid.dahl', 'Ingrid', 'Dahl'],
  '201': ['oskar.lindgren', 'Oskar', 'Lindgren'],
  '202': ['sofia.backstrom', 'Sofia', 'Bäckström'],
  '203': ['nils.engstrom', 'Nils', 'Engström'],
  '204': ['emma.strand', 'Emma', 'Strand'],
};
const reporterOf = (unit: string): string => String(911 + DEMO_UNIT_IDS.indexOf(unit as (typeof DEMO_UNIT_IDS)[number]));
const OFFICE_USER_ID = '906';

function demoUsers() {
  return [
    user(SERVICE_USER_ID, 'controller', 'Controller', 'Internationella kontoret', '12'),
    user('901', 'eva.nordin', 'Eva', 'Nordin', '101'),
    user('902', 'karin.holm', 'Karin', 'Holm', '103'),
    user('903', 'lars.berg', 'Lars', 'Berg', '105'),
    user('904', 'sara.ek', 'Sara', 'Ek', '102'),
    user('905', 'maria.lund', 'Maria', 'Lund', '101'),
    user(OFFICE_USER_ID, 'internationella.kontoret', 'Internationella', 'kontoret', '12'),
    ...DEMO_UNIT_IDS.map((unit) => {
      const [username, first, last] = REPORTERS[unit] ?? ['', '', ''];
      return user(reporterOf(unit), username, first, last, unit);
    }),
  ];
}

const PROGRESS_2020: Record<string, [number, number]> = { '103': [100, 75], '105': [80, 0], '106': [0, 0], '202': [100, 50], '203': [0, 0] };

function reportList910(): ReportList {
  return {
    id: '910',
    name: 'Årlig redovisning internationellt arbete',
    userId: SERVICE_USER_ID,
    rows: DEMO_UNIT_IDS.map((unit) => {
      const [readyForApproval, approved] = PROGRESS_2020[unit] ?? [100, 100];
      return {
        departmentId: unit,
        reportPeriod: '2020',
        deadline: '2021-01-31',
        name: 'Årlig redovisning internationellt arbete 2020',
        url: `https://www.stratsys.se/PermaLink/GAVLE/Report.mvc/ForId/910?ChangeDepartment=${unit}`,
        progress: { readyForApproval, approved },
      };
    }),
  };
}

function reportingList920(activities: readonly DemoActivity[], comments: readonly FixtureComment[]): ReportingList {
  const done = new Set(comments.filter((c) => c.periodDate === '2020-12-31').map((c) => `${c.nodeId}/${c.departmentId}`));
  return {
    id: '920',
    name: 'Uppföljning av aktiviteter 2020',
    nodeType: 'Activity',
    userId: SERVICE_USER_ID,
    rows: activities.map((a) => ({
      departmentId: a.unit,
      nodeId: a.id,
      periodName: 'Helår 2020',
      deadline: '2021-01-31',
      action: done.has(`${a.id}/${a.unit}`) ? ('showNode' as const) : ('reportNode' as const),
    })),
  };
}

/** Builds the demo tenant fixture (a fresh object on every call; the same content every time). */
export function buildDemoTenant(): TenantFixture {
  const prng = createPrng(DEMO_SEED);
  const activities = demoActivities();
  const comments = demoComments(activities, DEMO_UNIT_IDS, reporterOf, prng);
  const kpi = kpiDefinitions(DEMO_UNIT_IDS, OFFICE_USER_ID);
  const unitsIn = (year: number) => DEMO_UNIT_IDS.filter((u) => !(u === '204' && year < 2019));
  return {
    ...referenceData(),
    departments: DEPARTMENTS.map((d) => ({ ...d })),
    users: demoUsers(),
    nodes: [
      ...actionPlanTopNodes(DEMO_UNIT_IDS.map((unitId) => ({ unitId, userId: reporterOf(unitId) }))),
      ...activityNodes(activities, reporterOf),
      ...municipalPlanNodes(reporterOf('101')),
      ...kpi.nodes,
    ],
    comments,
    kpis: kpi.kpis,
    kpiColumns: kpi.kpiColumns,
    kpiData: kpiHistory([2018, 2019], {
      activities: activities.filter((a) => focusAreaOf(a) !== null),
      unitsIn,
      lateIn: (year, unit) => year === 2019 && unit === '103',
    }),
    lockedPeriods: [{ date: '2018-12-31' }],
    reportLists: [reportList910()],
    reportingLists: [reportingList920(activities, comments)],
  };
}

/** Owners of the focus areas (node id → user id), for tests and docs. */
export const DEMO_FOCUS_AREA_OWNERS: Readonly<Record<string, string>> = FOCUS_AREA_OWNERS;
/** Units that post nothing for 2020. */
export const DEMO_SILENT_2020_UNITS = SILENT_2020_UNITS;
