import { describe, expect, it } from 'vitest';
import { planPull } from '../../../src/mapping/engine/pull-plan.js';
import { classifyUnits } from '../../../src/mapping/engine/classify-units.js';
import { aDepartment, buildMapping } from '../../support/builders.js';

/** 1 → 100 → 101 → 1011; 100 → 102; 1 → 200 → 201 (Energi AB) → 2011; 1 → 300 Hamn AB; 1 → 12 (code KLF-IK). */
const DEPARTMENTS = [
  aDepartment('1', null, 'Kommunen'),
  aDepartment('100', '1', 'Förvaltningar'),
  aDepartment('101', '100', 'Kommunledningsförvaltningen', 'KLF'),
  aDepartment('1011', '101', 'Internationella kontoret'),
  aDepartment('102', '100', 'Utbildning'),
  aDepartment('200', '1', 'Stadshus AB'),
  aDepartment('201', '200', 'Energi AB'),
  aDepartment('2011', '201', 'Energi Elnät AB'),
  aDepartment('300', '1', 'Gävle Hamn AB'),
  aDepartment('KLF-IK', '1', 'Extern kod-enhet'),
];

const kinds = (rules: unknown[], participation: unknown[] = []) =>
  Object.fromEntries(classifyUnits(DEPARTMENTS, buildMapping({ units: { rules, participation } })).map((unit) => [unit.id, `${unit.kind}:${unit.classifiedBy}`]));

describe('classifyUnits', () => {
  it('subtree with depth 1: direct children only, root excluded', () => {
    const result = kinds([{ label: 'förv', kind: 'department', subtree: { root: 100, depth: 1 } }]);
    expect(result).toMatchObject({ '100': 'other:default', '101': 'department:förv', '102': 'department:förv', '1011': 'other:default' });
  });

  it('subtree without depth covers every level; includeRoot adds the root', () => {
    expect(kinds([{ label: 'bolag', kind: 'company', subtree: { root: 200 } }])).toMatchObject({ '200': 'other:default', '201': 'company:bolag', '2011': 'company:bolag' });
    expect(kinds([{ label: 'bolag', kind: 'company', subtree: { root: 200, includeRoot: true, depth: 1 } }])).toMatchObject({
      '200': 'company:bolag',
      '201': 'company:bolag',
      '2011': 'other:default',
    });
  });

  it('by id list, by external code and by name pattern (case-insensitive)', () => {
    const result = kinds([
      { label: 'lista', kind: 'department', ids: [102] },
      { label: 'koder', kind: 'department', externalCodes: ['KLF-IK'] },
      { label: 'namn AB', kind: 'company', nameMatches: '\\bab$' },
    ]);
    expect(result).toMatchObject({ '102': 'department:lista', 'KLF-IK': 'department:koder', '300': 'company:namn AB', '200': 'company:namn AB', '101': 'other:default' });
  });

  it('first matching rule wins, so an exception goes first', () => {
    const rules = [
      { label: 'IK rapporterar inte', kind: 'other', ids: [1011] },
      { label: 'förv', kind: 'department', subtree: { root: 100 } },
    ];
    expect(kinds(rules)).toMatchObject({ '1011': 'other:IK rapporterar inte', '101': 'department:förv' });
  });

  it('adds activeFrom/activeTo from participation, keeps names and parents, sorts by id', () => {
    const units = classifyUnits(
      DEPARTMENTS,
      buildMapping({
        units: {
          rules: [{ label: 'b', kind: 'company', subtree: { root: 200 } }],
          participation: [
            { unit: 201, activeFrom: 2019 },
            { unit: 2011, activeTo: 2019 },
          ],
        },
      }),
    );
    expect(units.find((unit) => unit.id === '201')).toEqual({ id: '201', name: 'Energi AB', shortName: null, parentId: '200', kind: 'company', classifiedBy: 'b', activeFrom: 2019, activeTo: null });
    expect(units.find((unit) => unit.id === '2011')).toMatchObject({ activeFrom: null, activeTo: 2019 });
    expect(units.map((unit) => unit.id)).toEqual(['1', '100', '101', '102', '200', '201', '300', '1011', '2011', 'KLF-IK']);
  });

  it('survives a cycle in the department tree', () => {
    const looping = [aDepartment('1', '2'), aDepartment('2', '1'), aDepartment('3', '2')];
    const units = classifyUnits(looping, buildMapping({ units: { rules: [{ label: 's', kind: 'department', subtree: { root: 9 } }] } }));
    expect(units.map((unit) => unit.kind)).toEqual(['other', 'other', 'other']);
  });
});

describe('planPull', () => {
  it('derives scorecards, units, expansions, comment targets, report lists and role holders from the mapping', () => {
    const mapping = buildMapping({
      units: {
        rules: [
          { label: 'förv', kind: 'department', subtree: { root: 100, depth: 1 } },
          { label: 'bolag', kind: 'company', nameMatches: ' AB$' },
        ],
        participation: [{ unit: 300, activeFrom: 2019 }],
      },
      rules: [{ label: 'f', match: { descriptionField: { id: 804, equals: 'Näringsliv' } }, focusArea: 'naringsliv' }],
      obligations: {
        actionPlanFollowUp: { due: { kind: 'report-list', reportListId: 910, user: 'c@k.example' } },
        projectReport: { due: { kind: 'report-list', reportListId: 910, user: 'c@k.example' } },
      },
      owners: [
        { focusArea: 'naringsliv', role: { roleId: 1, nodeId: 5001, departmentId: 1 } },
        { focusArea: 'social', emails: ['s@k.example'] },
      ],
    });
    expect(planPull(mapping, DEPARTMENTS)).toEqual({
      scorecardIds: ['50'],
      unitIds: ['101', '102', '200', '201', '300', '2011'],
      expand: { keywords: true, descriptionFields: true },
      descriptionFieldsFor: { every: true, keywords: expect.any(Array) },
      commentNodeTypes: ['Activity'],
      commentInheritedNodeIds: ['5009'],
      reportLists: [{ reportListId: '910', user: 'c@k.example' }],
      roleHolders: [{ scorecardId: '50', departmentId: '1', nodeId: '5001', roleId: '1' }],
      unitRoleHolders: [],
    });
  });

  it('leaves out units not active in any year of the period and skips unneeded expansions', () => {
    const mapping = buildMapping({
      means: [{ key: 'projekt', name: 'Projekt' }],
      units: { rules: [{ label: 'förv', kind: 'department', subtree: { root: 100, depth: 1 } }], participation: [{ unit: 102, activeTo: 2018 }] },
      projectStatements: null,
    });
    const plan = planPull({ ...mapping, startYear: 2019 }, DEPARTMENTS);
    expect(plan).toMatchObject({ unitIds: ['101'], expand: { keywords: false, descriptionFields: false }, commentInheritedNodeIds: [], reportLists: [], roleHolders: [] });
  });
});
