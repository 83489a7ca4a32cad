import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { collectReferences } from '../../../src/mapping/file/references.js';
import { mappingWarnings } from '../../../src/mapping/file/warnings.js';

const MAPPINGS_DIR = new URL('../../../mappings/', import.meta.url).pathname;
const mapping = selectPeriod(loadMappings(MAPPINGS_DIR), 2020);
const document: unknown = parse(readFileSync(mapping.file, 'utf8'));

/** The value at a document path such as `units.rules[0].subtree.root`; undefined when absent. */
function at(value: unknown, path: string): unknown {
  return path
    .split(/\.|(?=\[)/)
    .map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part))
    .reduce<unknown>((node, key) => (node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[key]), value);
}

describe('collectReferences', () => {
  const refs = collectReferences(mapping);

  it('names every scorecard and owner role of the mapping, and every reference at a path that exists in the file', () => {
    expect(refs.scorecards.map((ref) => ref.id)).toEqual(mapping.scorecards.map((card) => card.id));
    expect(refs.roles).toHaveLength(mapping.owners.length);
    const all = Object.values(refs).flat() as Array<{ path: string }>;
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((ref) => at(document, ref.path) === undefined).map((ref) => ref.path)).toEqual([]);
  });

  it('ties each node to a scorecard of the mapping, and names units by id', () => {
    expect(refs.nodes.every((node) => mapping.scorecards.some((card) => card.id === node.scorecardId))).toBe(true);
    expect(refs.units.length).toBeGreaterThan(0);
    expect(refs.units.filter((unit) => !/^\d+$/.test(unit.id))).toEqual([]);
  });
});

describe('mappingWarnings', () => {
  it('has nothing to say about a mapping whose financing rules name their year field', () => {
    expect(mappingWarnings(mapping)).toEqual([]);
  });

  it('warns at each projects and granted-SEK indicator, in the mapping file, when no financing rule names a year field', () => {
    const undated = { ...mapping, externalFinancing: mapping.externalFinancing.map((rule) => ({ ...rule, yearField: null })) };
    const warnings = mappingWarnings(undated);
    const expected = mapping.indicators.flatMap((indicator, index) => (indicator.measure === 'projects' || indicator.measure === 'granted-sek' ? [`indicators[${index}]`] : []));
    expect(warnings.map((warning) => warning.path)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning).toMatchObject({ file: mapping.file, line: null, column: null, message: expect.stringContaining('name no year field') });
  });
});
