import type { Department, ResponsibilityRole, Status, User } from '../../../stratsys/schemas.js';
import type { FixtureNode, TenantFixture } from '../../fixture.js';

/**
 * Reference data shared by the demo tenant and the large benchmark tenant (docs/demo-tenant.md):
 * scorecards 50/51/52 and their columns, statuses, roles, keyword groups, description fields,
 * the focus-area and goal nodes of the action plan, periodicities, versions and credentials.
 */

/** Well-known ids of the demo tenant (docs/demo-tenant.md). */
export const ROOT_ID = '1';
export const INTERNATIONAL_OFFICE_ID = '12';
export const ACTION_PLAN_ID = '50';
export const ACTIVITY_COLUMN_ID = '503';
export const PROJECT_REPORT_NODE_ID = '5009';
export const OWNER_ROLE_ID = '1';
export const REPORTER_ROLE_ID = '2';
export const SERVICE_USER_ID = '900';
export const MAIL_DOMAIN = 'gavle.example';

/** Demo credentials of the simulator (not secrets: printed by `sim` on start). */
export const DEMO_CREDENTIALS: TenantFixture['credentials'] = {
  clientId: 'gavle-sync-demo',
  clientSecret: 'sim-secret-gavle',
  bearerTokens: ['sim-token-gavle'],
  scope: 'https://web.stratsys.se/auth/v1/full.access',
};

/** A wire department. */
export function department(Id: string, Name: string, ShortName: string, ParentId: string | null): Department {
  return { Id, ParentId, Name, ShortName };
}

/** A wire user with an e-mail in the reserved `gavle.example` domain. */
export function user(Id: string, username: string, firstName: string, lastName: string, departmentId: string): User {
  return {
    Id,
    GroupId: '1',
    DepartmentId: departmentId,
    Username: username,
    Email: `${username}@${MAIL_DOMAIN}`,
    FirstName: firstName,
    LastName: lastName,
    PhoneRegular: null,
    PhoneMobile: null,
    LanguageCode: 'sv-SE',
    IsStratsysEmployee: false,
    ExtraMemberships: [],
  };
}

const icon = (name: string, color: string) => `https://www.stratsys.se/Icons/Status?iconNames=${name}&color=${color}`;

/** Statuses 1–4 of the demo (Ej påbörjad, Pågående, Avslutad, Inställd). */
export const STATUSES: Status[] = [
  { Id: '1', Name: 'Ej påbörjad', IconUrl: icon('fa-pause-circle', 'F1C40F'), SortOrder: 1, StatusType: 'Paused' },
  { Id: '2', Name: 'Pågående', IconUrl: icon('fa-play-circle', '27AE60'), SortOrder: 2, StatusType: 'Ongoing' },
  { Id: '3', Name: 'Avslutad', IconUrl: icon('fa-check', '27AE60'), SortOrder: 3, StatusType: 'Finished' },
  { Id: '4', Name: 'Inställd', IconUrl: icon('fa-times-circle', 'C0392B'), SortOrder: 4, StatusType: 'Cancelled' },
];

/** Role 1 "Ansvarig" (department specific) and role 2 "Vem rapporterar". */
export const ROLES: ResponsibilityRole[] = [
  { Id: OWNER_ROLE_ID, Name: 'Ansvarig', Description: 'Ansvarar för noden i enheten.', IsDepartmentSpecific: true },
  { Id: REPORTER_ROLE_ID, Name: 'Vem rapporterar', Description: 'Skriver uppföljningen.', IsDepartmentSpecific: false },
];

/** Everything of the fixture that does not depend on the organisation. */
export function referenceData(): Pick<
  TenantFixture,
  | 'companyCode'
  | 'credentials'
  | 'serviceUserId'
  | 'application'
  | 'versions'
  | 'periodicities'
  | 'scorecards'
  | 'scorecardColumns'
  | 'statuses'
  | 'columnStatuses'
  | 'responsibilityRoles'
  | 'keywordGroups'
  | 'keywords'
  | 'descriptionFields'
> {
  return {
    companyCode: 'GAVLE',
    credentials: structuredClone(DEMO_CREDENTIALS),
    serviceUserId: SERVICE_USER_ID,
    application: { Name: 'Uppföljning internationellt arbete (stratsys-sync)', ExternalSourceId: null, VersionId: '4' },
    versions: [
      { Id: '4', Name: '2020', Type: 'current' },
      { Id: '5', Name: 'Planering 2021', Type: 'planning' },
    ],
    periodicities: ['År', 'Halvår', 'Tertial', 'Kvartal', 'Månad'].map((Name, i) => ({ Id: String(i + 1), Name, IsActive: true })),
    scorecards: [
      { Id: ACTION_PLAN_ID, Name: 'Handlingsplan internationellt arbete 2018–2020' },
      { Id: '51', Name: 'Kommunplan 2018–2020' },
      { Id: '52', Name: 'Uppföljning internationellt arbete' },
    ],
    scorecardColumns: [
      { id: '501', scorecardId: '50', name: 'Fokusområde', definition: 'Programmets fokusområden', index: 0, nodeType: 'Goal' },
      { id: '502', scorecardId: '50', name: 'Mål', definition: 'Mål inom fokusområdet', index: 1, nodeType: 'Goal' },
      { id: ACTIVITY_COLUMN_ID, scorecardId: '50', name: 'Aktivitet', definition: 'Förvaltningarnas och bolagens aktiviteter', index: 2, nodeType: 'Activity' },
      { id: '511', scorecardId: '51', name: 'Målområde', definition: null, index: 0, nodeType: 'Goal' },
      { id: '512', scorecardId: '51', name: 'Aktivitet', definition: null, index: 1, nodeType: 'Activity' },
      { id: '521', scorecardId: '52', name: 'Mått', definition: 'Nyckeltal för uppföljningen', index: 0, nodeType: 'Kpi' },
    ],
    statuses: structuredClone(STATUSES),
    // The action plan's activities may be cancelled ("Inställd"); the municipal plan's may not.
    columnStatuses: [
      { columnId: ACTIVITY_COLUMN_ID, statusIds: ['1', '2', '3', '4'] },
      { columnId: '512', statusIds: ['1', '2', '3'] },
    ],
    responsibilityRoles: structuredClone(ROLES),
    keywordGroups: [
      { id: '70', name: 'Medel', columnIds: [ACTIVITY_COLUMN_ID] },
      { id: '71', name: 'Finansiering', columnIds: [ACTIVITY_COLUMN_ID] },
    ],
    keywords: [
      { id: '701', name: 'Vänortssamarbete', groupId: '70' },
      { id: '702', name: 'Partnerskap', groupId: '70' },
      { id: '703', name: 'Nätverk', groupId: '70' },
      { id: '704', name: 'Projekt', groupId: '70' },
      { id: '711', name: 'EU', groupId: '71' },
      { id: '712', name: 'Internationell finansiär', groupId: '71' },
    ],
    descriptionFields: [
      { Id: '801', Name: 'Beviljat belopp (SEK)', Description: 'Beviljade externa medel i kronor.' },
      { Id: '802', Name: 'Beviljat år', Description: 'År då medlen beviljades.' },
      { Id: '803', Name: 'Finansiär/program', Description: 'Finansiär eller EU-program.' },
      { Id: '804', Name: 'Fokusområde', Description: 'Fokusområde när det avviker från målets.' },
      { Id: '805', Name: 'Kommunövergripande mål', Description: 'Det kommunövergripande mål som målet bidrar till.' },
    ],
  };
}

/** Focus areas (column 501) with their goal (column 502) and the goal's municipality-wide goal. */
export const FOCUS_AREAS = [
  { id: '5001', name: '1. Näringslivsprogram', goalId: '5101', goal: 'Fler internationella etableringar och ökad export', municipalGoal: 'Hållbar tillväxt' },
  { id: '5002', name: '2. Socialt hållbarhetsprogram', goalId: '5102', goal: 'Ökad inkludering och social sammanhållning', municipalGoal: 'Trygg och inkluderande kommun' },
  { id: '5003', name: '3. Miljöstrategiskt program', goalId: '5103', goal: 'Minskad klimatpåverkan genom europeiskt samarbete', municipalGoal: 'Hållbar miljö' },
  { id: '5004', name: '4. Utbildning', goalId: '5104', goal: 'Unga förbereds för en internationell värld', municipalGoal: 'Livslångt lärande' },
  { id: '5005', name: '5. Övriga insatser', goalId: '5105', goal: 'Stöd till föreningsliv och verksamheter', municipalGoal: 'Ett rikt kultur- och föreningsliv' },
  { id: '5006', name: 'Kunskapshöjande insatser för politik och tjänstemän', goalId: '5106', goal: 'Ökad kunskap om EU och de globala målen', municipalGoal: 'Livslångt lärande' },
] as const;

/** Focus-area owners (role 1 in department 1); 5005 has none in Stratsys. */
export const FOCUS_AREA_OWNERS: Record<string, string> = { '5001': '901', '5002': '902', '5003': '903', '5004': '904', '5006': '905' };

function node(partial: Pick<FixtureNode, 'id' | 'name' | 'parentId' | 'scorecardId' | 'columnId' | 'departmentId' | 'sortOrder'> & Partial<FixtureNode>): FixtureNode {
  return { keywordIds: [], descriptionFields: {}, responsibles: [], statusId: null, endDate: null, distributedTo: [], ...partial };
}

/** Focus areas, the project-report node 5009 (with each unit's reporter) and the goals of scorecard 50, all owned by department 1. */
export function actionPlanTopNodes(reporters: ReadonlyArray<{ unitId: string; userId: string }> = []): FixtureNode[] {
  const areas = FOCUS_AREAS.map((area, i) => {
    const owner = FOCUS_AREA_OWNERS[area.id];
    const responsibles = owner ? [{ userId: owner, roleId: OWNER_ROLE_ID, departmentId: ROOT_ID }] : [];
    return node({ id: area.id, name: area.name, parentId: null, scorecardId: ACTION_PLAN_ID, columnId: '501', departmentId: ROOT_ID, sortOrder: i + 1, responsibles });
  });
  // Each unit's "Vem rapporterar" on the report node: who reports for the unit.
  const report = node({
    id: PROJECT_REPORT_NODE_ID,
    name: 'Redovisning av externfinansierade projekt',
    parentId: null,
    scorecardId: ACTION_PLAN_ID,
    columnId: '501',
    departmentId: ROOT_ID,
    sortOrder: 9,
    responsibles: reporters.map((r) => ({ userId: r.userId, roleId: REPORTER_ROLE_ID, departmentId: r.unitId })),
  });
  const goals = FOCUS_AREAS.map((area) =>
    node({ id: area.goalId, name: area.goal, parentId: area.id, scorecardId: ACTION_PLAN_ID, columnId: '502', departmentId: ROOT_ID, sortOrder: 1, descriptionFields: { '805': area.municipalGoal } }),
  );
  return [...areas, report, ...goals];
}

/** Scorecard 51 (not part of the programme): one goal area and one activity of department 101. */
export function municipalPlanNodes(reporterId: string): FixtureNode[] {
  return [
    node({ id: '5501', name: 'Attraktiv och hållbar kommun', parentId: null, scorecardId: '51', columnId: '511', departmentId: ROOT_ID, sortOrder: 1 }),
    node({
      id: '5502',
      name: 'Ny webbplats för medborgardialog',
      parentId: '5501',
      scorecardId: '51',
      columnId: '512',
      departmentId: '101',
      sortOrder: 1,
      statusId: '2',
      endDate: '2020-12-31',
      responsibles: [{ userId: reporterId, roleId: REPORTER_ROLE_ID, departmentId: null }],
    }),
  ];
}

export { node as fixtureNode };
