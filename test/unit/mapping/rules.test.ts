import { describe, expect, it } from 'vitest';
import { buildProgrammeView } from '../../../src/mapping/engine/programme-view.js';
import { assertNoBlockingIssues, hasBlockingIssues } from '../../../src/mapping/engine/issues.js';
import { aField, aKeyword, buildMapping, buildSnapshot, structureNodes, TZ, type NodeSpec } from '../../support/builders.js';

/**
 * Precedence and conflicts. Activity 6001 of unit 101 sits under goal 5101 (focus area 5001), in
 * column 503, with keyword 711 (group 71 "Finansiering") and field 804 = "Social hållbarhet".
 */
const ACTIVITY: NodeSpec = {
  id: '6001',
  name: 'Aktiviteten',
  owner: '101',
  parentId: '5101',
  keywords: [aKeyword('711', 'EU', '71', 'Finansiering')],
  fields: [aField('804', 'Social hållbarhet', 'Fokusområde')],
};

const RULES = {
  node: { label: 'nod', match: { node: 6001 }, focusArea: 'kunskap' },
  field: { label: 'fält', match: { descriptionField: { name: 'fokusområde', equals: ['social hållbarhet'] } }, focusArea: 'social' },
  keyword: { label: 'nyckelord', match: { keyword: { groupName: 'Finansiering', names: ['eu'] } }, focusArea: 'naringsliv' },
  ancestor: { label: 'förfader', match: { ancestor: 5001 }, focusArea: 'kunskap' },
  column: { label: 'kolumn', match: { column: { name: 'Aktivitet' } }, focusArea: 'social' },
};

function place(rules: unknown[], node: NodeSpec = ACTIVITY) {
  const snapshot = buildSnapshot({ nodes: [...structureNodes(), node] });
  return buildProgrammeView(snapshot, buildMapping({ rules }), { timeZone: TZ });
}

describe('rule precedence: node > description field > keyword > ancestor > column', () => {
  const cases: Array<[string, unknown[], string, string]> = [
    ['node beats everything', [RULES.column, RULES.ancestor, RULES.keyword, RULES.field, RULES.node], 'kunskap', 'nod'],
    ['description field beats keyword, ancestor and column', [RULES.column, RULES.ancestor, RULES.keyword, RULES.field], 'social', 'fält'],
    ['keyword beats ancestor and column', [RULES.column, RULES.ancestor, RULES.keyword], 'naringsliv', 'nyckelord'],
    ['ancestor beats column', [RULES.column, RULES.ancestor], 'kunskap', 'förfader'],
    ['column alone', [RULES.column], 'social', 'kolumn'],
  ];
  it.each(cases)('%s', (_name, rules, focusArea, matchedBy) => {
    const { view, issues } = place(rules);
    expect(view.activities).toHaveLength(1);
    expect(view.activities[0]).toMatchObject({ nodeId: '6001', focusAreaKey: focusArea, matchedBy });
    expect(hasBlockingIssues(issues)).toBe(false);
  });

  it('matches keywords by id and group id, and description fields by regular expression', () => {
    const byId = { label: 'id', match: { keyword: { groupId: 71, ids: [799, 711] } }, focusArea: 'kunskap' };
    expect(place([byId]).view.activities[0]?.focusAreaKey).toBe('kunskap');
    const byPattern = { label: 'mönster', match: { descriptionField: { id: 804, matches: '^social' } }, focusArea: 'social' };
    expect(place([byPattern]).view.activities[0]?.focusAreaKey).toBe('social');
    const otherGroup = { label: 'fel grupp', match: { keyword: { groupId: 70, id: 711 } }, focusArea: 'kunskap' };
    expect(place([otherGroup]).view.unmapped[0]).toMatchObject({ nodeId: '6001', reasonCode: 'no-rule', reason: 'no rule matched' });
  });

  it('reads keywords and fields given inline on the node when no separate record was pulled', () => {
    const snapshot = buildSnapshot({ nodes: [...structureNodes(), { ...ACTIVITY, keywords: undefined, fields: undefined }] });
    const card = snapshot.units[0]?.scorecards[0];
    if (card === undefined) throw new Error('no scorecard');
    delete card.keywords['6001'];
    const node = card.nodes.find((candidate) => candidate.Id === '6001');
    if (node !== undefined) node.Keywords = [aKeyword('711', 'EU', '71', 'Finansiering')];
    const { view } = buildProgrammeView(snapshot, buildMapping({ rules: [RULES.keyword] }), { timeZone: TZ });
    expect(view.activities[0]?.matchedBy).toBe('nyckelord');
  });
});

describe('goals', () => {
  it('come from the most specific level that names goals, independently of the focus area', () => {
    const goalsByAncestor = { label: 'mål-5101', match: { ancestor: 5101 }, goals: ['mal-naringsliv', 'tillvaxt'] };
    const { view } = place([RULES.field, RULES.ancestor, goalsByAncestor]);
    expect(view.activities[0]).toMatchObject({ focusAreaKey: 'social', goalKeys: ['mal-naringsliv', 'tillvaxt'], matchedBy: 'fält' });
    const fieldWithGoal = { ...RULES.field, goals: ['tillvaxt'] };
    expect(place([fieldWithGoal, RULES.ancestor, goalsByAncestor]).view.activities[0]?.goalKeys).toEqual(['tillvaxt']);
  });

  it('goals alone do not place a node: it stays unmapped, naming the rules that matched', () => {
    const { view } = place([{ label: 'bara mål', match: { ancestor: 5101 }, goals: ['tillvaxt'] }]);
    expect(view.activities).toEqual([]);
    expect(view.unmapped[0]).toMatchObject({ reasonCode: 'no-focus-area', reason: 'rules "bara mål" matched but none of them gives a focus area' });
  });
});

describe('conflicts', () => {
  it('two rules at one level giving different focus areas: unmapped, and a blocking issue naming both', () => {
    const other = { label: 'fält igen', match: { descriptionField: { id: 804, matches: 'hållbarhet' } }, focusArea: 'naringsliv' };
    const { view, issues } = place([RULES.field, other, RULES.ancestor]);
    expect(view.activities).toEqual([]);
    const reason = 'conflict at precedence level description-field: rule "fält" gives focus area "social" and rule "fält igen" gives "naringsliv"';
    expect(view.unmapped).toEqual([{ nodeId: '6001', name: 'Aktiviteten', unitId: '101', scorecardId: '50', reason, reasonCode: 'conflict' }]);
    expect(issues).toContainEqual({
      severity: 'error',
      code: 'conflict',
      message: `node 6001 "Aktiviteten" (unit 101): ${reason}`,
      nodeId: '6001',
      unitId: '101',
      scorecardId: '50',
      rules: ['fält', 'fält igen'],
    });
    expect(() => assertNoBlockingIssues(issues)).toThrow(expect.objectContaining({ code: 'MAPPING_CONFLICT', message: expect.stringContaining('"fält igen"') }));
  });

  it('rules at one level that agree are no conflict; the first in the file is named', () => {
    const same = { label: 'samma', match: { column: { id: 503 } }, focusArea: 'social' };
    const { view } = place([RULES.column, same]);
    expect(view.activities[0]).toMatchObject({ focusAreaKey: 'social', matchedBy: 'kolumn' });
  });

  it('a conflict at a lower level is irrelevant when a higher level decides', () => {
    const ancestorOther = { label: 'förfader 2', match: { ancestor: 5101 }, focusArea: 'social' };
    const { view, issues } = place([RULES.ancestor, ancestorOther, RULES.keyword]);
    expect(view.activities[0]?.focusAreaKey).toBe('naringsliv');
    expect(hasBlockingIssues(issues)).toBe(false);
  });
});
