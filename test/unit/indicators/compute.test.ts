import { describe, expect, it } from 'vitest';
import type { IndicatorDefinition } from '../../../src/domain/indicators.js';
import type { ObligationRules } from '../../../src/domain/obligations.js';
import type { ProgrammeView } from '../../../src/domain/programme.js';
import { computeIndicators } from '../../../src/indicators/compute.js';
import { evaluateReports } from '../../../src/rules/expected-reports.js';
import { buildActivity, buildDefinition, buildFixedDay, buildProject, buildRules, buildStatement, buildUnit, buildView, withFollowUps } from '../../support/view-builders.js';

const JAN = '2021-01-15T09:00:00.000Z'; // on time (due 14 Feb 2021 24:00 CET)
const LATE = '2021-02-20T09:00:00.000Z';
const AS_OF = '2021-03-01T00:00:00.000Z';

/**
 * 101 Kommunledning, 102 Utbildning (departments), 201 Energi AB, 204 Vatten AB (companies, 204
 * failed to pull), 12 Internationella kontoret (other: owes nothing, never counted).
 * Reports: näringsliv 101 on time, 102 late; social 201 on time; miljö 101 missing;
 * project reports 101 on time ("none"), 102 missing, 201 late; 204 unknown.
 */
const VIEW: ProgrammeView = buildView({
  units: [
    buildUnit('101', { name: 'Kommunledning' }),
    buildUnit('102', { name: 'Utbildning' }),
    buildUnit('201', { name: 'Energi AB', kind: 'company' }),
    buildUnit('204', { name: 'Vatten AB', kind: 'company' }),
    buildUnit('12', { name: 'Internationella kontoret', kind: 'other' }),
  ],
  activities: [
    withFollowUps(buildActivity('6001', '101', 'naringsliv', { statusKind: 'ongoing', meansKeys: ['projekt'] }), [JAN]),
    buildActivity('6002', '101', 'miljo', { statusKind: 'finished', meansKeys: ['natverk'] }),
    withFollowUps(buildActivity('6003', '102', 'naringsliv', { meansKeys: ['partnerskap', 'projekt'] }), [LATE]),
    withFollowUps(buildActivity('6004', '201', 'social', { statusKind: 'ongoing' }), [JAN]),
    buildActivity('6005', '12', 'social', { statusKind: 'ongoing', meansKeys: ['projekt'] }),
  ],
  projectStatements: [buildStatement('101', JAN, { isNone: true }), buildStatement('201', LATE)],
  projects: [
    buildProject('p1', '101', { focusAreaKey: 'naringsliv', grantedSek: 1_000_000 }),
    buildProject('p2', '102', { focusAreaKey: 'naringsliv', financier: 'international', grantedSek: 250_000 }),
    buildProject('p3', '102', { focusAreaKey: 'miljo', grantedSek: null }),
    buildProject('p4', '201', { grantedSek: 500_000, year: 2019 }),
    buildProject('p5', '12', { grantedSek: 999 }),
    buildProject('p1', '101', { focusAreaKey: 'naringsliv', grantedSek: 1_000_000 }),
    buildProject('p7', '101', { grantedSek: 7, year: null }),
  ],
  failedUnitIds: ['204'],
});

const ALL_UNITS = ['101', '102', '201', '204'];

const compute = (definitions: IndicatorDefinition[], view = VIEW, rules: ObligationRules = buildRules(), asOf = AS_OF) =>
  computeIndicators({ view, evaluation: evaluateReports({ view, rules, year: 2020, asOf }), definitions, year: 2020 });

const valueOf = (overrides: Partial<IndicatorDefinition>, asOf = AS_OF) => compute([buildDefinition(overrides)], VIEW, buildRules(), asOf)[0]?.value;

describe('computeIndicators: each measure, total scope', () => {
  it.each<[string, Partial<IndicatorDefinition>, number]>([
    ['expected (both types)', { measure: 'expected' }, 7],
    ['delivered on time', { measure: 'delivered-on-time' }, 3],
    ['delivered late', { measure: 'delivered-late' }, 2],
    ['missing', { measure: 'missing' }, 2],
    ['not yet due', { measure: 'not-yet-due' }, 0],
    ['share delivered, 5 of 7', { measure: 'share-delivered' }, 71.4],
    ['expected action-plan follow-ups', { measure: 'expected', reportType: 'action-plan-follow-up' }, 4],
    ['share of action-plan follow-ups, 3 of 4', { measure: 'share-delivered', reportType: 'action-plan-follow-up' }, 75],
    ['missing project reports', { measure: 'missing', reportType: 'project-report' }, 1],
    ['share of project reports, 2 of 3', { measure: 'share-delivered', reportType: 'project-report' }, 66.7],
    ['activities of owing units', { measure: 'activities' }, 4],
    ['activities by status kind', { measure: 'activities-by-status', filter: 'ongoing' }, 2],
    ['activities by a status kind nobody has', { measure: 'activities-by-status', filter: 'not-started' }, 0],
    ['activities by means', { measure: 'activities-by-means', filter: 'projekt' }, 2],
    ['projects granted in Y (no amount counts, duplicates once)', { measure: 'projects' }, 3],
    ['granted SEK in Y (no amount adds 0)', { measure: 'granted-sek' }, 1_250_000],
  ])('%s', (_case, overrides, value) => {
    expect(valueOf(overrides)).toBe(value);
  });

  it('counts reports not yet due before the deadline', () => {
    expect(valueOf({ measure: 'not-yet-due' }, '2021-02-01T00:00:00Z')).toBe(4);
    expect(valueOf({ measure: 'share-delivered' }, '2021-02-01T00:00:00Z')).toBe(42.9); // 3 of 7
  });

  it('produces a full value dated the last day of the year, depending on every owing unit', () => {
    expect(compute([buildDefinition({ key: 'missing-total', measure: 'missing', kpiId: '9004' })])).toEqual([
      {
        indicatorKey: 'missing-total',
        kpiId: '9004',
        departmentId: '12',
        column: { index: 0 },
        date: '2020-12-31',
        value: 2,
        dependsOnUnitIds: ALL_UNITS,
        unknownReportIds: [],
        unknownProjectIds: [],
        label: 'missing · total',
      },
    ]);
  });

  it('skips share-delivered when nothing is expected (no 0, no 100)', () => {
    const rules = buildRules({ projectReport: null });
    const view = buildView({ units: [buildUnit('101')] });
    expect(compute([buildDefinition({ measure: 'share-delivered' }), buildDefinition({ measure: 'expected' })], view, rules).map((v) => v.value)).toEqual([0]);
  });
});

describe('computeIndicators: focus-area scope', () => {
  const columnsByFocusArea = { total: { id: '90010' }, naringsliv: { id: '90011' }, miljo: { id: '90013' } };

  it('writes the total column first, then each focus area with a column in priority order', () => {
    const values = compute([buildDefinition({ scope: 'focus-area', column: null, columnsByFocusArea })]);
    expect(values.map((v) => [v.column, v.value, v.dependsOnUnitIds, v.label])).toEqual([
      [{ id: '90010' }, 7, ALL_UNITS, 'expected · total'],
      [{ id: '90011' }, 2, ['101', '102', '204'], 'expected · Area naringsliv'],
      [{ id: '90013' }, 1, ['101', '102', '204'], 'expected · Area miljo'],
    ]);
  });

  it.each<[string, Partial<IndicatorDefinition>, number[]]>([
    ['share delivered (late counts as delivered)', { measure: 'share-delivered' }, [71.4, 100, 0]],
    ['granted SEK', { measure: 'granted-sek' }, [1_250_000, 1_250_000, 0]],
    ['projects', { measure: 'projects' }, [3, 2, 1]],
    ['activities by means', { measure: 'activities-by-means', filter: 'projekt' }, [2, 2, 0]],
  ])('%s per focus area', (_case, overrides, values) => {
    const definition = buildDefinition({ scope: 'focus-area', column: null, columnsByFocusArea, ...overrides });
    expect(compute([definition]).map((v) => v.value)).toEqual(values);
  });

  it('omits the total column when none is mapped; a focus area depends only on failed units when nobody owes there', () => {
    const values = compute([buildDefinition({ scope: 'focus-area', columnsByFocusArea: { social: { index: 2 } } })]);
    expect(values.map((v) => [v.value, v.dependsOnUnitIds])).toEqual([[1, ['201', '204']]]);
    const none = compute([buildDefinition({ scope: 'focus-area', columnsByFocusArea: { social: { index: 2 } } })], { ...VIEW, activities: [] });
    expect(none.map((v) => [v.value, v.dependsOnUnitIds])).toEqual([[0, ['204']]]);
  });

  it('rejects a column for a focus area the period lacks', () => {
    const definition = buildDefinition({ scope: 'focus-area', columnsByFocusArea: { kultur: { index: 9 } } });
    expect(() => compute([definition])).toThrow(expect.objectContaining({ code: 'MAPPING_INVALID' }));
  });
});

describe('computeIndicators: unit scope', () => {
  it('writes one value per owing unit, for the unit itself, by name', () => {
    const values = compute([buildDefinition({ scope: 'unit', departmentId: null, column: { name: 'Utfall' } })]);
    expect(values.map((v) => [v.departmentId, v.value, v.dependsOnUnitIds, v.label])).toEqual([
      ['201', 2, ['201'], 'expected · Energi AB'],
      ['101', 3, ['101'], 'expected · Kommunledning'],
      ['102', 2, ['102'], 'expected · Utbildning'],
      ['204', 0, ['204'], 'expected · Vatten AB'],
    ]);
  });

  it.each<[string, Partial<IndicatorDefinition>, Array<[string, number]>]>([
    [
      'share delivered skips the failed unit',
      { measure: 'share-delivered' },
      [
        ['201', 100],
        ['101', 66.7],
        ['102', 50],
      ],
    ],
    [
      'granted SEK',
      { measure: 'granted-sek' },
      [
        ['201', 0],
        ['101', 1_000_000],
        ['102', 250_000],
        ['204', 0],
      ],
    ],
    [
      'activities by status',
      { measure: 'activities-by-status', filter: 'ongoing' },
      [
        ['201', 1],
        ['101', 1],
        ['102', 0],
        ['204', 0],
      ],
    ],
  ])('%s', (_case, overrides, expected) => {
    const values = compute([buildDefinition({ scope: 'unit', ...overrides })]);
    expect(values.map((v) => [v.departmentId, v.value])).toEqual(expected);
  });

  it('lists only the units owing the report type', () => {
    const rules = buildRules({ projectReport: { appliesTo: ['department'], evidence: 'statement', due: buildFixedDay() } });
    const values = compute([buildDefinition({ scope: 'unit', measure: 'missing', reportType: 'project-report' })], VIEW, rules);
    expect(values.map((v) => [v.departmentId, v.value])).toEqual([
      ['101', 0],
      ['102', 1],
    ]);
  });
});

describe('computeIndicators: held-back aggregates', () => {
  it('adds failed unit ids missing from the unit list to every aggregate, not to unit values', () => {
    const view = { ...VIEW, failedUnitIds: ['204', '999'] };
    const definitions = [
      buildDefinition({ key: 'total' }),
      buildDefinition({ key: 'area', scope: 'focus-area', columnsByFocusArea: { social: { index: 2 } } }),
      buildDefinition({ key: 'unit', scope: 'unit' }),
    ];
    const depends = compute(definitions, view).map((v) => [v.indicatorKey, v.dependsOnUnitIds]);
    expect(depends).toEqual([
      ['total', [...ALL_UNITS, '999']],
      ['area', ['201', '204', '999']],
      ['unit', ['201']],
      ['unit', ['101']],
      ['unit', ['102']],
      ['unit', ['204']],
    ]);
  });
});

describe('computeIndicators: order and validation', () => {
  it('keeps definition order and is repeatable', () => {
    const definitions = [buildDefinition({ key: 'b', measure: 'projects' }), buildDefinition({ key: 'a', measure: 'activities' })];
    expect(compute(definitions).map((v) => v.indicatorKey)).toEqual(['b', 'a']);
    expect(compute(definitions)).toEqual(compute(definitions));
  });

  it.each<[string, Partial<IndicatorDefinition>]>([
    ['total scope without departmentId', { departmentId: null }],
    ['total scope without column', { column: null }],
    ['unit scope without column', { scope: 'unit', column: null }],
    ['focus-area scope without columns', { scope: 'focus-area', columnsByFocusArea: null }],
    ['focus-area scope without departmentId', { scope: 'focus-area', departmentId: null, columnsByFocusArea: { miljo: { index: 3 } } }],
    ['by status without filter', { measure: 'activities-by-status', filter: null }],
    ['by means with an empty filter', { measure: 'activities-by-means', filter: '' }],
  ])('rejects %s', (_case, overrides) => {
    expect(() => compute([buildDefinition(overrides)])).toThrow(expect.objectContaining({ code: 'MAPPING_INVALID' }));
  });

  it('rejects an evaluation of another year', () => {
    const evaluation = evaluateReports({ view: VIEW, rules: buildRules(), year: 2019, asOf: AS_OF });
    expect(() => computeIndicators({ view: VIEW, evaluation, definitions: [buildDefinition()], year: 2020 })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('labels filters and report types', () => {
    const [value] = compute([buildDefinition({ measure: 'activities-by-means', filter: 'projekt' })]);
    expect(value?.label).toBe('activities-by-means (projekt) · total');
    const [typed] = compute([buildDefinition({ measure: 'missing', reportType: 'project-report' })]);
    expect(typed?.label).toBe('missing [project-report] · total');
  });
});

describe('computeIndicators: granted amounts that could not be read', () => {
  const view: ProgrammeView = {
    ...VIEW,
    projects: [...VIEW.projects, buildProject('p8', '101', { focusAreaKey: 'miljo', grantedSek: null, grantedText: '2 miljoner euro' })],
  };
  const columnsByFocusArea = { total: { id: '90070' }, naringsliv: { id: '90071' }, miljo: { id: '90073' } };
  const unknownOf = (definition: IndicatorDefinition) => compute([definition], view).map((v) => [v.departmentId, v.column, v.unknownProjectIds]);

  it('make every granted-SEK value counting the project unknown, and no other', () => {
    expect(unknownOf(buildDefinition({ measure: 'granted-sek' }))).toEqual([['12', { index: 0 }, ['p8']]]);
    expect(unknownOf(buildDefinition({ measure: 'granted-sek', scope: 'focus-area', column: null, columnsByFocusArea }))).toEqual([
      ['12', { id: '90070' }, ['p8']],
      ['12', { id: '90071' }, []],
      ['12', { id: '90073' }, ['p8']],
    ]);
    expect(unknownOf(buildDefinition({ measure: 'granted-sek', scope: 'unit', departmentId: null })).map(([unit, , ids]) => [unit, ids])).toEqual([
      ['201', []],
      ['101', ['p8']],
      ['102', []],
      ['204', []],
    ]);
    // Counting projects does not need their amounts.
    expect(unknownOf(buildDefinition({ measure: 'projects' }))).toEqual([['12', { index: 0 }, []]]);
  });

  it('leave a blank amount (no text) a known gap that adds 0', () => {
    // p3 (102, miljo) has neither an amount nor text.
    expect(compute([buildDefinition({ measure: 'granted-sek' })]).map((v) => [v.value, v.unknownProjectIds])).toEqual([[1_250_000, []]]);
  });

  it('do not count when the project does not count in the year', () => {
    const earlier = { ...VIEW, projects: [...VIEW.projects, buildProject('p9', '101', { grantedSek: null, grantedText: 'okänt', year: 2019 })] };
    expect(compute([buildDefinition({ measure: 'granted-sek' })], earlier).map((v) => v.unknownProjectIds)).toEqual([[]]);
  });
});
