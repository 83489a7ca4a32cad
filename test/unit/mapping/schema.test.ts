import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FixedDayDueRule, ObligationRules } from '../../../src/domain/obligations.js';
import { formatProblem } from '../../../src/mapping/file/problems.js';
import { parseMappingText } from '../../../src/mapping/file/parse.js';
import { BASE_MAPPING, buildMapping } from '../../support/builders.js';

/** The problems of a YAML text, as `line path: message` strings (`file:` left out). */
function problemsOf(text: string): string[] {
  return parseMappingText(text, 'm.yaml').problems.map((problem) => formatProblem(problem).replace(/^m\.yaml:?/, ''));
}

/** The line a text first appears on (1-based), so expectations follow the YAML as written. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const base = (overrides: Record<string, unknown> = {}) => stringify({ ...BASE_MAPPING, ...overrides });

describe('mapping file schema', () => {
  it('parses a valid file and fills the documented defaults', () => {
    const mapping = buildMapping();
    expect(mapping.file).toBe('test.yaml');
    expect(mapping.focusAreas[0]).toEqual({ key: 'naringsliv', name: 'Näringsliv', priority: 1, kind: 'focus-area' });
    expect(mapping.alerts).toEqual({ internationalOffice: 'io@kommun.example', reminderEveryDays: 7, escalateAfterDays: 30, language: 'sv', reporters: null });
    const due: FixedDayDueRule = { kind: 'fixed-day', month: 1, day: 31, yearOffset: 1, graceDays: 14 };
    const expected: ObligationRules = {
      actionPlanFollowUp: { appliesTo: ['department', 'company'], evidence: 'all-activities', skipStatusKinds: [], due },
      projectReport: { appliesTo: ['department', 'company'], evidence: 'statement', due },
    };
    expect(mapping.obligations).toEqual(expected);
  });

  it('reads a report-list due rule with its fallback defaults, and null switches an obligation off', () => {
    const mapping = buildMapping({
      obligations: { actionPlanFollowUp: { due: { kind: 'report-list', reportListId: 910, user: 'c@k.example' } }, projectReport: null },
    });
    expect(mapping.obligations.actionPlanFollowUp?.due).toEqual({
      kind: 'report-list',
      reportListId: '910',
      user: 'c@k.example',
      graceDays: 14,
      fallback: { kind: 'fixed-day', month: 1, day: 31, yearOffset: 1, graceDays: 14 },
    });
    expect(mapping.obligations.projectReport).toBeNull();
  });

  it('names an unknown key with its line, the allowed keys and the closest spelling', () => {
    const text = base().replace('  - key: social\n    name: Social hållbarhet\n    priority: 2\n', '  - key: social\n    name: Social hållbarhet\n    priorty: 2\n');
    expect(problemsOf(text)).toEqual([
      `${lineOf(text, '- key: social')} focusAreas[1].priority: required key "priority" is missing (expected number)`,
      `${lineOf(text, 'priorty')} focusAreas[1].priorty: unknown key "priorty" (did you mean "priority"?); allowed here: key, name, priority, kind`,
    ]);
  });

  it('rejects unknown top-level keys (a misspelt section is never ignored)', () => {
    const text = `${base()}focusArea: []\n`;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(new RegExp(`^${lineOf(text, 'focusArea: []')} focusArea: unknown key "focusArea" \\(did you mean "focusAreas"\\?\\); allowed here: id, name, `)),
    ]);
  });

  it('gives the line of a YAML syntax error', () => {
    const text = 'id: test\nname: a: b\nstartYear: 2018\n';
    const [first] = parseMappingText(text, 'm.yaml').problems;
    expect(first).toMatchObject({ file: 'm.yaml', line: 2, path: '', message: expect.stringMatching(/^YAML syntax: /) });
    expect(formatProblem(first ?? { file: '', line: null, column: null, path: '', message: '' })).toMatch(/^m\.yaml:2: YAML syntax: /);
  });

  it('reports duplicate YAML keys with their line', () => {
    const problems = parseMappingText('id: a\nname: x\nid: b\n', 'm.yaml').problems;
    expect(problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('unique') });
  });

  it('says an empty file is empty', () => {
    expect(problemsOf('# nothing\n')).toEqual([' the file is empty; expected a mapping with id, name, startYear, endYear, …']);
  });

  it('requires exactly one match kind per rule and one selector per KPI column', () => {
    const text = base({
      rules: [{ label: 'two', match: { node: 1, ancestor: 2 }, focusArea: 'naringsliv' }],
      indicators: [{ key: 'k', measure: 'projects', scope: 'total', kpiId: 1, departmentId: 12, column: { id: 1, index: 0 } }],
    });
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/rules\[0\]\.match: expected only one of node, nodes, descriptionField, keyword, ancestor, ancestors, column; found node and ancestor$/),
      expect.stringMatching(/indicators\[0\]\.column: expected only one of id, name, index; found id and index$/),
    ]);
  });

  it('checks indicator scope fields and due days', () => {
    const text = base({
      indicators: [{ key: 'k', measure: 'missing', scope: 'focus-area', kpiId: 1, column: { index: 0 } }],
      obligations: { projectReport: { due: { kind: 'fixed-day', month: 2, day: 29 } } },
    });
    const indicator = lineOf(text, '- key: k\n');
    expect(problemsOf(text)).toEqual([
      `${indicator} indicators[0].columnsByFocusArea: required when scope is focus-area`,
      `${indicator} indicators[0].departmentId: required when scope is focus-area`,
      `${lineOf(text, 'column:')} indicators[0].column: not allowed when scope is focus-area (use columnsByFocusArea)`,
      expect.stringMatching(/^\d+ obligations\.projectReport\.due\.day: expected a day from 1 to 28 for month 2 \(29 February exists only in leap years/),
    ]);
  });

  it('rejects an invalid regular expression', () => {
    const text = base({ projectStatements: { nodes: [5009], noneMarker: 'inga (projekt' } });
    expect(problemsOf(text)).toEqual([expect.stringMatching(/projectStatements\.noneMarker: expected a regular expression in RE2 syntax/)]);
  });

  it('reports every dangling reference, with lines, even when another section has a schema error', () => {
    const text = base({
      alerts: { internationalOffice: 'not-an-address' },
      rules: [
        { label: 'a', match: { ancestor: 5001 }, focusArea: 'naringslv' },
        { label: 'a', match: { ancestor: 5002 }, goals: ['okant'] },
      ],
      owners: [{ focusArea: 'miljo', emails: ['x@k.example'] }],
      indicators: [{ key: 'k', measure: 'activities-by-means', filter: 'vanort', scope: 'total', kpiId: 1, departmentId: 12, column: { index: 0 } }],
    });
    const problems = parseMappingText(text, 'm.yaml').problems;
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'rules[0].focusArea: unknown focus area "naringslv"; expected one of: naringsliv, social, kunskap',
      'rules[1].label: duplicate rule label "a" (already used at index 0)',
      'rules[1].goals[0]: unknown goal "okant"; expected one of: tillvaxt, mal-naringsliv',
      'alerts.internationalOffice: expected an e-mail address',
      'owners[0].focusArea: unknown focus area "miljo"; expected one of: naringsliv, social, kunskap',
      'indicators[0].filter: unknown means "vanort"; expected one of: projekt',
    ]);
    expect(problems.every((problem) => problem.line !== null && problem.line > 0)).toBe(true);
    const lines = problems.map((problem) => problem.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('catches two node rules that claim one node for different focus areas', () => {
    const text = base({
      rules: [
        { label: 'först', match: { node: 6001 }, focusArea: 'naringsliv' },
        { label: 'sedan', match: { nodes: [6002, 6001] }, focusArea: 'social' },
      ],
    });
    expect(problemsOf(text)).toEqual([expect.stringContaining('rules[1].match: conflict: node 6001 is claimed for focus area "naringsliv" by rule "först" and for "social" by rule "sedan"')]);
  });

  it('keeps ids written with leading zeros as text and reads numbers as ids', () => {
    const mapping = buildMapping({ units: { rules: [{ label: 'koder', kind: 'department', externalCodes: ['0701', 702] }] } });
    expect(mapping.units.rules[0]?.match).toEqual({ kind: 'external-codes', codes: ['0701', '702'] });
    const unquoted = base().replace('root: 100', 'root: 0100');
    expect(parseMappingText(unquoted, 'm.yaml').mapping?.units.rules[0]?.match).toEqual({ kind: 'subtree', root: '0100', includeRoot: false, depth: 1 });
  });

  it('checks participation years against the period', () => {
    const text = base({
      units: {
        rules: [{ label: 'alla', kind: 'department', ids: [101] }],
        participation: [
          { unit: 101, activeFrom: 2021 },
          { unit: 102, activeFrom: 2020, activeTo: 2019 },
        ],
      },
    });
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/units\.participation\[0\]\.activeFrom: expected a year within the period 2018–2020$/),
      expect.stringMatching(/units\.participation\[1\]\.activeTo: expected activeTo ≥ activeFrom \(2020\)$/),
    ]);
  });
});
