import { describe, expect, it } from 'vitest';
import { coverage } from '../../../src/mapping/diagnose/coverage.js';
import { explainNode } from '../../../src/mapping/diagnose/explain.js';
import { formatCoverage } from '../../../src/mapping/diagnose/coverage-text.js';
import { formatExplanation } from '../../../src/mapping/diagnose/explain-text.js';
import { aField, buildMapping, buildSnapshot, structureNodes } from '../../support/builders.js';

const MAPPING = buildMapping({
  rules: [
    { label: 'fält social', match: { descriptionField: { id: 804, equals: 'Social' } }, focusArea: 'social' },
    { label: 'fält näringsliv', match: { descriptionField: { id: 804, matches: 'social|näring' } }, focusArea: 'naringsliv' },
    { label: 'under-5001', match: { ancestor: 5001 }, focusArea: 'naringsliv' },
    { label: 'under-5002', match: { ancestor: 5002 }, focusArea: 'social' },
    { label: 'mål-5101', match: { ancestor: 5101 }, goals: ['mal-naringsliv'] },
    { label: 'aldrig', match: { node: 9999 }, focusArea: 'kunskap' },
  ],
});

const SNAPSHOT = buildSnapshot({
  nodes: [
    ...structureNodes(),
    { id: '6001', name: 'Under 5101', owner: '101', parentId: '5101' },
    { id: '6002', name: 'Under 5002', owner: '101', parentId: '5002' },
    { id: '6003', name: 'Omflyttad', owner: '102', parentId: '5101', fields: [aField('804', 'Näringsliv')] },
    { id: '6004', name: 'Konflikt', owner: '102', parentId: '5101', fields: [aField('804', 'Social')] },
    { id: '6099', name: 'Lös', owner: '102', parentId: '5009' },
  ],
});

describe('explainNode', () => {
  it('says which rule placed an activity, at which level, and lists every rule tried', () => {
    const explanation = explainNode(SNAPSHOT, MAPPING, '6003');
    expect(explanation).toMatchObject({
      role: 'activity',
      unitId: '102',
      summary: 'node 6003 maps to focus area "naringsliv" by rule "fält näringsliv" (description-field)',
      path: [
        { id: '5001', name: '1. Näringsliv' },
        { id: '5101', name: 'Mål näringsliv' },
      ],
      descriptionFields: [{ id: '804', name: 'Field 804', value: 'Näringsliv' }],
      result: { mapped: true, focusArea: 'naringsliv', goals: ['mal-naringsliv'], matchedBy: 'fält näringsliv', level: 'description-field' },
    });
    expect(explanation.trials.map((trial) => `${trial.matched ? '+' : '-'} ${trial.level} ${trial.label}`)).toEqual([
      '- node aldrig',
      '- description-field fält social',
      '+ description-field fält näringsliv',
      '+ ancestor under-5001',
      '- ancestor under-5002',
      '+ ancestor mål-5101',
    ]);
    expect(explanation.trials[1]).toMatchObject({ condition: 'description field 804 equals "Social"', observed: 'field 804 = "Näringsliv"' });
  });

  it('explains why nothing matched, and names both rules of a conflict', () => {
    expect(explainNode(SNAPSHOT, MAPPING, '6099')).toMatchObject({
      role: 'activity',
      result: { mapped: false, reasonCode: 'no-rule', reason: 'no rule matched' },
      summary: 'node 6099 is unmapped: no rule matched',
    });
    expect(explainNode(SNAPSHOT, MAPPING, '6099').trials.find((trial) => trial.label === 'under-5001')?.observed).toBe('ancestors: 5009');
    expect(explainNode(SNAPSHOT, MAPPING, '6004').result).toEqual({
      mapped: false,
      reasonCode: 'conflict',
      reason: 'conflict at precedence level description-field: rule "fält social" gives focus area "social" and rule "fält näringsliv" gives "naringsliv"',
    });
  });

  it('recognises structure, statement nodes, other units and unknown nodes', () => {
    expect(explainNode(SNAPSHOT, MAPPING, '5101')).toMatchObject({ role: 'structure', trials: [], result: null });
    expect(explainNode(SNAPSHOT, MAPPING, '5009').role).toBe('project-statement');
    expect(explainNode(SNAPSHOT, MAPPING, '6001', '102')).toMatchObject({ role: 'not-found', summary: 'node 6001 is not visible in unit 102; it is visible in units 101' });
    expect(explainNode(SNAPSHOT, MAPPING, '123')).toMatchObject({ role: 'not-found', summary: 'node 123 is not in the snapshot' });
  });

  it('agrees with the fast path used by the view for every node', () => {
    const report = coverage(SNAPSHOT, MAPPING);
    const unmapped = new Map(report.unmapped.map((node) => [node.nodeId, node.reasonCode]));
    for (const nodeId of ['6001', '6002', '6003', '6004', '6099']) {
      const result = explainNode(SNAPSHOT, MAPPING, nodeId).result;
      expect(result?.mapped === false ? result.reasonCode : undefined).toBe(unmapped.get(nodeId));
    }
  });

  it('renders a readable text', () => {
    const text = formatExplanation(explainNode(SNAPSHOT, MAPPING, '6003'), MAPPING);
    expect(text).toContain('Path:        5001 1. Näringsliv › 5101 Mål näringsliv');
    expect(text).toContain('Focus area:  naringsliv (Näringsliv) by rule "fält näringsliv" [description-field]');
    expect(text).toMatch(/yes {2}description-field fält näringsliv +description field 804 matches \/social\|näring\/i → focus area naringsliv/);
  });
});

describe('coverage', () => {
  it('counts mapped, unmapped by reason and structure per scorecard, and rule use', () => {
    const report = coverage(SNAPSHOT, MAPPING);
    expect(report.scorecards).toEqual([
      {
        scorecardId: '50',
        name: 'Handlingsplan',
        activities: 5,
        mapped: 3,
        unmapped: 2,
        structure: 5,
        byReason: { conflict: 1, 'no-rule': 1 },
        byFocusArea: { naringsliv: 2, social: 1, kunskap: 0 },
        byLevel: { ancestor: 2, 'description-field': 1 },
      },
    ]);
    expect(report.rules.find((rule) => rule.label === 'under-5001')).toEqual({ label: 'under-5001', level: 'ancestor', matched: 3, decided: 1 });
    expect(report.unusedRules).toEqual(['aldrig']);
    expect(report.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'conflict', rules: ['fält social', 'fält näringsliv'] })]);
    expect(formatCoverage(report)).toContain('50         5           3       2         5          Handlingsplan');
  });
});
