import { describe, expect, it } from 'vitest';
import { buildProgrammeView } from '../../../src/mapping/engine/programme-view.js';
import { hasBlockingIssues } from '../../../src/mapping/engine/issues.js';
import { loadMappingFile } from '../../../src/mapping/file/load.js';
import { planPull } from '../../../src/mapping/engine/pull-plan.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';

/**
 * Golden test: the shipped Gävle mapping applied to the bundled demo tenant (docs/demo-tenant.md),
 * pulled on 10 March 2021 (after every 2020 follow-up, the late ones included). Every expected
 * number below was counted by hand from the demo's action plan.
 */
const mapping = loadMappingFile(new URL('../../../mappings/gavle-2018-2020.yaml', import.meta.url).pathname);
const fixture = buildDemoTenant();
const plan = planPull(mapping, fixture.departments);
const snapshot = snapshotFromFixture(fixture, { tenantId: 'gavle', pulledAt: '2021-03-10T08:00:00Z', unitIds: plan.unitIds });
const { view, issues } = buildProgrammeView(snapshot, mapping, { timeZone: 'Europe/Stockholm' });

const countBy = <T>(items: readonly T[], key: (item: T) => string) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});

describe('demo tenant through mappings/gavle-2018-2020.yaml', () => {
  it('plans the pull the demo describes', () => {
    expect(plan).toEqual({
      scorecardIds: ['50'],
      unitIds: ['101', '102', '103', '104', '105', '106', '201', '202', '203', '204'],
      expand: { keywords: true, descriptionFields: true },
      descriptionFieldsFor: {
        every: true,
        keywords: [
          { group: { id: '71', name: null }, ids: ['711'], names: null },
          { group: { id: '71', name: null }, ids: ['712'], names: null },
        ],
      },
      commentNodeTypes: ['Activity'],
      commentInheritedNodeIds: ['5009'],
      reportLists: [{ reportListId: '910', user: 'controller@gavle.example' }],
      roleHolders: ['5001', '5002', '5003', '5004', '5006'].map((nodeId) => ({ scorecardId: '50', departmentId: '1', nodeId, roleId: '1' })),
      unitRoleHolders: [{ scorecardId: '50', nodeId: '5009', roleId: '2' }],
    });
  });

  it('classifies departments 101–106 and companies 201–204 (204 from 2019), the rest as other', () => {
    const participating = view.units.filter((unit) => unit.kind !== 'other').map((unit) => `${unit.id} ${unit.kind} ${unit.activeFrom ?? ''}`.trim());
    expect(participating).toEqual([
      '101 department',
      '102 department',
      '103 department',
      '104 department',
      '105 department',
      '106 department',
      '201 company',
      '202 company',
      '203 company',
      '204 company 2019',
    ]);
    expect(view.units.filter((unit) => unit.kind === 'other').map((unit) => unit.id)).toEqual(['1', '10', '12', '100', '200']);
  });

  it('maps 35 activities onto the six focus areas and leaves only the planning day 6099 unmapped', () => {
    expect(countBy(view.activities, (activity) => activity.focusAreaKey)).toEqual({ naringsliv: 6, 'social-hallbarhet': 9, miljo: 10, utbildning: 3, 'ovriga-insatser': 2, kunskapshojande: 5 });
    expect(countBy(view.activities, (activity) => activity.unitId)).toEqual({ '101': 4, '102': 4, '103': 4, '104': 4, '105': 4, '106': 3, '201': 3, '202': 3, '203': 3, '204': 3 });
    expect(view.unmapped).toEqual([{ nodeId: '6099', name: 'Planeringsdag (ej kopplad)', unitId: '106', scorecardId: '50', reason: 'no rule matched', reasonCode: 'no-rule' }]);
    expect(view.activities.every((activity) => activity.status?.kind === 'ongoing' || activity.status?.kind === 'finished')).toBe(true);
    expect(view.activities.every((activity) => activity.meansKeys.length > 0 && activity.goalKeys.length === 2)).toBe(true);
  });

  it('lets description field 804 move 6020 to the environment programme (precedence demo)', () => {
    const moved = view.activities.find((activity) => activity.nodeId === '6020');
    expect(moved).toMatchObject({ unitId: '105', focusAreaKey: 'miljo', matchedBy: 'Fält Fokusområde – Miljö', goalKeys: ['stod-foreningsliv', 'kultur-foreningsliv'], meansKeys: ['natverk'] });
  });

  it('shares one frozen goal list and one frozen means list among activities that have the same ones', () => {
    const byText = (lists: ReadonlyArray<readonly string[]>) => new Map(lists.map((list) => [list.join(','), list]));
    const goalLists = byText(view.activities.map((activity) => activity.goalKeys));
    const meansLists = byText(view.activities.map((activity) => activity.meansKeys));
    for (const activity of view.activities) {
      expect(activity.goalKeys).toBe(goalLists.get(activity.goalKeys.join(',')));
      expect(activity.meansKeys).toBe(meansLists.get(activity.meansKeys.join(',')));
      expect(Object.isFrozen(activity.goalKeys) && Object.isFrozen(activity.meansKeys)).toBe(true);
    }
    // Fewer lists than activities: the sharing is real, and a change to one would reach others, so it throws.
    expect(meansLists.size).toBeLessThan(view.activities.length);
    expect(() => (view.activities[0]?.meansKeys as string[]).push('x')).toThrow(TypeError);
  });

  it('finds the eleven external projects with their financiers and amounts (one without amount)', () => {
    const projects = view.projects.map((project) => `${project.nodeId} ${project.unitId} ${project.financier} ${project.grantedSek ?? '-'} ${project.year ?? '-'} ${project.focusAreaKey ?? '-'}`);
    expect(projects).toEqual([
      '6004 101 eu 1250000 2019 miljo',
      '6005 102 eu 2480000 2018 utbildning',
      '6008 102 international 480000 2019 utbildning',
      '6010 103 international 640000 2020 social-hallbarhet',
      '6014 104 eu - 2020 naringsliv',
      '6018 105 eu 3900000 2020 miljo',
      '6022 106 eu 820000 2018 ovriga-insatser',
      '6025 201 eu 1800000 2019 naringsliv',
      '6028 202 eu 2150000 2018 miljo',
      '6031 203 eu 4600000 2019 miljo',
      '6034 204 international 350000 2020 kunskapshojande',
    ]);
    expect(view.projects.reduce((sum, project) => sum + (project.grantedSek ?? 0), 0)).toBe(18_470_000);
    expect(view.projects[0]?.financierName).toBe('Interreg Central Baltic');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'project-amount-missing', nodeId: '6014' })]);
    expect(hasBlockingIssues(issues)).toBe(false);
  });

  it('reads 27 project statements: "none" where no project was granted that year, 106 and 203 silent for 2020, 202 late', () => {
    const summary = (year: number) =>
      view.projectStatements
        .filter((statement) => statement.year === year)
        .map((statement) => `${statement.unitId}${statement.isNone ? ' none' : ''}`)
        .join(', ');
    expect(summary(2018)).toBe('101 none, 102, 103 none, 104 none, 105 none, 106, 201 none, 202, 203 none');
    expect(summary(2019)).toBe('101, 102, 103 none, 104 none, 105 none, 106 none, 201, 202 none, 203, 204 none');
    expect(summary(2020)).toBe('101 none, 102 none, 103, 104, 105, 201 none, 202 none, 204');
    expect(view.projectStatements).toHaveLength(27);
    const late = view.projectStatements.find((statement) => statement.year === 2020 && statement.unitId === '202');
    expect(late?.followUp.postedAt.slice(0, 10)).toBe('2021-03-03');
  });

  it('follow-ups match the story: 105 misses 6019 for 2020, 103 posts focus area 2 late, 106 and 203 are silent', () => {
    const has2020 = (nodeId: string) => view.activities.find((activity) => activity.nodeId === nodeId)?.followUps.some((followUp) => followUp.year === 2020);
    expect(has2020('6019')).toBe(false);
    expect(has2020('6018')).toBe(true);
    expect(view.activities.filter((activity) => ['106', '203'].includes(activity.unitId)).some((activity) => activity.followUps.some((followUp) => followUp.year === 2020))).toBe(false);
    const late = view.activities.find((activity) => activity.nodeId === '6009')?.followUps.find((followUp) => followUp.year === 2020);
    expect(late?.postedAt.slice(0, 10)).toBe('2021-02-25');
    expect(late?.text).not.toMatch(/[<>]/);
  });

  it('reads the report-list deadlines and the focus-area owners', () => {
    expect(view.reportDeadlines).toHaveLength(10);
    expect(view.reportDeadlines.every((deadline) => deadline.reportListId === '910' && deadline.year === 2020 && deadline.dueDate === '2021-01-31')).toBe(true);
    expect(view.owners).toEqual([
      { focusAreaKey: 'naringsliv', emails: ['eva.nordin@gavle.example'] },
      { focusAreaKey: 'social-hallbarhet', emails: ['karin.holm@gavle.example'] },
      { focusAreaKey: 'miljo', emails: ['lars.berg@gavle.example'] },
      { focusAreaKey: 'utbildning', emails: ['sara.ek@gavle.example'] },
      { focusAreaKey: 'ovriga-insatser', emails: ['internationella.kontoret@gavle.example'] },
      { focusAreaKey: 'kunskapshojande', emails: ['maria.lund@gavle.example'] },
    ]);
    expect(view.failedUnitIds).toEqual([]);
  });
});
