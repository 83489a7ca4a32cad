import type { FixtureNode } from '../../fixture.js';
import { ACTION_PLAN_ID, ACTIVITY_COLUMN_ID, FOCUS_AREAS, fixtureNode, PROJECT_REPORT_NODE_ID, REPORTER_ROLE_ID } from './reference.js';

/** An externally financed project's facts (keyword 704 plus a group-71 keyword and fields 801–803). */
export interface DemoProject {
  /** 711 EU or 712 Internationell finansiär. */
  financier: '711' | '712';
  /** Field 801 as written in Stratsys ("1 250 000"); null = not filled in (flagged in reports). */
  amount: string | null;
  year: number;
  programme: string;
}

/** One row of the demo action plan. */
export interface DemoActivity {
  id: string;
  unit: string;
  /** Parent node: a goal 5101–5106 (or 5009 for the unmapped planning day). */
  parent: string;
  name: string;
  /** Keywords of group 70 "Medel". */
  means: string[];
  project: DemoProject | null;
  /** Description field 804 "Fokusområde", overriding the parent goal's focus area. */
  focusOverride: string | null;
  statusId: '2' | '3';
  endDate: string;
}

type Row = [unit: string, parent: string, name: string, means: string[], project?: DemoProject | null, extra?: { focusOverride?: string; finished?: boolean }];

const eu = (amount: string | null, year: number, programme: string): DemoProject => ({ financier: '711', amount, year, programme });
const intl = (amount: string | null, year: number, programme: string): DemoProject => ({ financier: '712', amount, year, programme });

/** The demo action plan: 2–4 activities per unit, 36 in all (ids 6001… in this order, plus 6099). */
const ROWS: Row[] = [
  ['101', '5101', 'Vänortssamarbete med Kokkola kring näringslivsfrågor', ['701']],
  ['101', '5101', 'Medverkan i Eurocities arbetsgrupp för ekonomisk utveckling', ['703']],
  ['101', '5106', 'EU-utbildning för förtroendevalda och chefer', ['702']],
  ['101', '5103', 'Projekt Baltic Smart Cities', ['704'], eu('1 250 000', 2019, 'Interreg Central Baltic')],
  ['102', '5104', 'Elevutbyte med Joensuu inom Erasmus+', ['701', '704'], eu('2 480 000', 2018, 'Erasmus+'), { finished: true }],
  ['102', '5104', 'Internationell lärarfortbildning via eTwinning', ['703']],
  ['102', '5102', 'Språkcafé och läxhjälp för nyanlända elever', ['702']],
  ['102', '5104', 'Projekt Digitala klassrum i Norden', ['704'], intl('480 000', 2019, 'Nordplus (Nordiska ministerrådet)')],
  ['103', '5102', 'Erfarenhetsutbyte om hemlöshet med Gdynia', ['701']],
  ['103', '5102', 'Projekt Ny i Norden – arbetsintegration', ['704'], intl('640 000', 2020, 'Nordiska ministerrådet')],
  ['103', '5102', 'Nätverket ELISAN för social välfärd i Europa', ['703']],
  ['103', '5106', 'Nordiskt nätverk för digitalisering inom socialtjänsten', ['703']],
  ['104', '5102', 'Vänortsutbyte om äldreomsorg med Gjøvik', ['701']],
  ['104', '5101', 'Projekt Välfärdsteknik i Östersjöregionen', ['704'], eu(null, 2020, 'Interreg Baltic Sea Region')],
  ['104', '5106', 'Studiebesök om demensvård i Næstved', ['701']],
  ['104', '5102', 'Partnerskap med Gdynia om hemtjänst på landsbygd', ['702']],
  ['105', '5103', 'Klimatnätverket Covenant of Mayors', ['703']],
  ['105', '5103', 'Projekt Hållbar hamnstad', ['704'], eu('3 900 000', 2020, 'Horisont Europa')],
  ['105', '5103', 'Erfarenhetsutbyte om dagvattenhantering med Kokkola', ['701']],
  ['105', '5105', 'Europeiska trafikantveckan tillsammans med vänorterna', ['703'], null, { focusOverride: 'Miljöstrategiskt program' }],
  ['106', '5105', 'Kulturutbyte med Gdynia – ungdomsorkester', ['701']],
  ['106', '5105', 'Projekt Nordic Street Art', ['704'], eu('820 000', 2018, 'Kreativa Europa'), { finished: true }],
  ['106', '5102', 'Idrottsutbyte för unga med Joensuu', ['701']],
  ['201', '5103', 'Partnerskap om fjärrvärme med Kokkolan Energia', ['702']],
  ['201', '5101', 'Projekt Smart energilagring', ['704'], eu('1 800 000', 2019, 'Interreg Central Baltic')],
  ['201', '5106', 'Nätverket Euroheat & Power – kunskapsutbyte', ['703']],
  ['202', '5102', 'Nätverket Housing Europe – erfarenhetsutbyte', ['703']],
  ['202', '5103', 'Projekt Energieffektiva bostäder i Östersjöregionen', ['704'], eu('2 150 000', 2018, 'Interreg Baltic Sea Region'), { finished: true }],
  ['202', '5102', 'Studieresa om boendeinflytande till Gdynia', ['701']],
  ['203', '5101', 'Hamnsamarbete inom Baltic Ports Organization', ['703']],
  ['203', '5103', 'Projekt Grön korridor Gävle–Kokkola', ['704'], eu('4 600 000', 2019, 'Interreg Botnia-Atlantica')],
  ['203', '5101', 'Partnerskap med Gdynia hamn om digital logistik', ['702']],
  ['204', '5103', 'Partnerskap om vattenrening med Joensuu', ['702']],
  ['204', '5106', 'Nordiskt vattennätverk', ['703', '704'], intl('350 000', 2020, 'Nordiska ministerrådet')],
  ['204', '5103', 'Erfarenhetsutbyte om reservvatten med Kokkola', ['701']],
];

/** The unmapped activity: a planning day of 106 placed directly under the project-report node. */
export const UNMAPPED_ACTIVITY_ID = '6099';
/** The activity of 105 in focus area 3 whose 2020 follow-up is missing. */
export const MISSING_2020_ACTIVITY_ID = '6019';

function projectEndDate(year: number): string {
  return year <= 2018 ? '2020-06-30' : year === 2019 ? '2021-06-30' : '2022-12-31';
}

/** The demo activities in id order, the planning day 6099 last. */
export function demoActivities(): DemoActivity[] {
  const rows: DemoActivity[] = ROWS.map(([unit, parent, name, means, project = null, extra = {}], i) => ({
    id: String(6001 + i),
    unit,
    parent,
    name,
    means,
    project,
    focusOverride: extra.focusOverride ?? null,
    statusId: extra.finished ? '3' : '2',
    endDate: project ? projectEndDate(project.year) : '2020-12-31',
  }));
  rows.push({
    id: UNMAPPED_ACTIVITY_ID,
    unit: '106',
    parent: PROJECT_REPORT_NODE_ID,
    name: 'Planeringsdag (ej kopplad)',
    means: ['702'],
    project: null,
    focusOverride: null,
    statusId: '2',
    endDate: '2020-12-31',
  });
  return rows;
}

/** Focus-area number 1–6 of an activity (field 804 wins over the parent goal), or null when unmapped. */
export function focusAreaOf(activity: DemoActivity): number | null {
  if (activity.focusOverride !== null) {
    const byName = FOCUS_AREAS.findIndex((area) => area.name.toLowerCase().includes(activity.focusOverride?.toLowerCase() ?? '\u0000'));
    if (byName >= 0) return byName + 1;
  }
  const byGoal = FOCUS_AREAS.findIndex((area) => area.goalId === activity.parent);
  return byGoal >= 0 ? byGoal + 1 : null;
}

/** Activity nodes of column 503, each with its unit's reporter in role 2 ("Vem rapporterar"). */
export function activityNodes(activities: readonly DemoActivity[], reporterOf: (unit: string) => string): FixtureNode[] {
  const sortOrders = new Map<string, number>();
  return activities.map((a) => {
    const sortOrder = (sortOrders.get(a.parent) ?? 0) + 1;
    sortOrders.set(a.parent, sortOrder);
    const descriptionFields: Record<string, string> = {};
    if (a.project?.amount) descriptionFields['801'] = a.project.amount;
    if (a.project) {
      descriptionFields['802'] = String(a.project.year);
      descriptionFields['803'] = a.project.programme;
    }
    if (a.focusOverride) descriptionFields['804'] = a.focusOverride;
    return fixtureNode({
      id: a.id,
      name: a.name,
      parentId: a.parent,
      scorecardId: ACTION_PLAN_ID,
      columnId: ACTIVITY_COLUMN_ID,
      departmentId: a.unit,
      sortOrder,
      keywordIds: a.project ? [...a.means, a.project.financier] : [...a.means],
      descriptionFields,
      responsibles: [{ userId: reporterOf(a.unit), roleId: REPORTER_ROLE_ID, departmentId: null }],
      statusId: a.statusId,
      endDate: a.endDate,
    });
  });
}
