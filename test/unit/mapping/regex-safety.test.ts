import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../../src/mapping/engine/compile.js';
import type { NodeFacts } from '../../../src/mapping/engine/facts.js';
import { MAX_MATCHED_CHARS } from '../../../src/mapping/file/pattern.js';
import { classifyUnits } from '../../../src/mapping/engine/classify-units.js';
import { formatProblem } from '../../../src/mapping/file/problems.js';
import { parseMappingText } from '../../../src/mapping/file/parse.js';
import { stringify } from 'yaml';
import { aDepartment, aField, BASE_MAPPING, buildMapping } from '../../support/builders.js';

/** Catastrophic on a backtracking engine: nested quantifiers, then a suffix that never matches. */
const HOSTILE = '^(\\w+\\s?)+ AB$';
/** Generous for a 2-core machine under load; the backtracking engine took 81 s of CPU for 40 letters. */
const BOUND_MS = 2_000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe('mapping regular expressions cannot stall a run', () => {
  it('nameMatches with nested quantifiers classifies a 40-letter name, and a 100,000-letter one, within the bound', () => {
    const mapping = buildMapping({ units: { rules: [{ label: 'Bolag', kind: 'company', nameMatches: HOSTILE }] } });
    const departments = [aDepartment('1', null, 'a'.repeat(40)), aDepartment('2', null, 'ab '.repeat(33_000)), aDepartment('3', null, 'Gavle Hamn AB')];
    const { value: units, ms } = timed(() => classifyUnits(departments, mapping));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(units.find((unit) => unit.id === '3')?.kind).toBe('company');
    expect(units.find((unit) => unit.id === '1')?.kind).not.toBe('company');
  });

  it('matches (description field) and noneMarker against long comment texts stay within the bound', () => {
    const mapping = buildMapping({
      rules: [{ label: 'desc', match: { descriptionField: { id: 804, matches: '(a|a?)+$x' } }, focusArea: 'naringsliv' }],
      projectStatements: { nodes: [5009], noneMarker: '^(\\s*\\w+\\s*)*inga projekt$' },
    });
    const compiled = compileMapping(mapping);
    const text = `${'a'.repeat(50_000)}!`;
    const facts = { descriptionFields: [aField('804', text)] } as unknown as NodeFacts;
    const { value: ruleHit, ms: ruleMs } = timed(() => compiled.rules[0]!.test(facts));
    const { value: marker, ms: markerMs } = timed(() => compiled.noneMarker!.test(`${'ord '.repeat(20_000)}!`));
    expect(ruleHit).toBe(false);
    expect(marker).toBe(false);
    expect(ruleMs).toBeLessThan(BOUND_MS);
    expect(markerMs).toBeLessThan(BOUND_MS);
    expect(compiled.noneMarker!.test('Inga projekt')).toBe(true);
  });

  it('looks only at the first MAX_MATCHED_CHARS characters of a text', () => {
    const compiled = compileMapping(buildMapping());
    expect(compiled.noneMarker!.test(`${' '.repeat(MAX_MATCHED_CHARS - 20)}Inga projekt i år`)).toBe(true);
    expect(compiled.noneMarker!.test(`${' '.repeat(MAX_MATCHED_CHARS)}Inga projekt i år`)).toBe(false);
  });

  it.each([
    ['a look-ahead', '^(?=.*AB)', 'invalid or unsupported Perl syntax'],
    ['a look-behind', '(?<!Gävle )AB', 'invalid named capture'],
    ['a back-reference', '(\\w)\\1', 'invalid escape sequence'],
  ])('refuses %s with the file, line and RE2 reason', (_what, pattern, reason) => {
    const text = stringify({ ...BASE_MAPPING, units: { rules: [{ label: 'Bolag', kind: 'company', nameMatches: pattern }] } });
    const problems = parseMappingText(text, 'mappings/x.yaml').problems.map(formatProblem);
    const line = text.split('\n').findIndex((row) => row.includes('nameMatches')) + 1;
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^mappings/x\\.yaml:${line}.*units\\.rules\\[0\\]\\.nameMatches: expected a regular expression in RE2 syntax .*${reason}`))]);
  });
});
