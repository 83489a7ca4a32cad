import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MappingError } from '../../../src/mapping/file/problems.js';
import { checkMappingFiles, listMappingFiles, loadMappingFile, loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { isAppError } from '../../../src/shared/errors.js';
import { BASE_MAPPING, buildMapping } from '../../support/builders.js';

const MAPPINGS_DIR = new URL('../../../mappings/', import.meta.url).pathname;

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('shipped mapping files', () => {
  it('every file in mappings/ loads, checked together', () => {
    const mappings = loadMappings(MAPPINGS_DIR);
    expect(mappings.map((mapping) => mapping.id)).toContain('gavle-2018-2020');
  });

  it('the template is skipped by the loader but valid as it stands', () => {
    expect(readdirSync(MAPPINGS_DIR)).toContain('_template.yaml');
    expect(listMappingFiles(MAPPINGS_DIR).some((file) => file.endsWith('_template.yaml'))).toBe(false);
    const template = loadMappingFile(join(MAPPINGS_DIR, '_template.yaml'));
    expect(template.focusAreas.length).toBeGreaterThan(0);
  });
});

describe('loading a folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mappings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, value: Record<string, unknown> | string) => writeFileSync(join(dir, name), typeof value === 'string' ? value : stringify({ ...BASE_MAPPING, ...value }));

  it('collects the problems of every file before throwing', () => {
    write('a.yaml', { id: 'a', rules: [{ label: 'x', match: { ancestor: 1 }, focusArea: 'nope' }] });
    write('b.yml', 'id: b\nname: [\n');
    write('c.yaml', { id: 'c', startYear: 2021, endYear: 2023 });
    write('_draft.yaml', 'this: is: not: valid');
    write('notes.txt', 'ignored');
    const error = caught(() => loadMappings(dir));
    expect(error).toBeInstanceOf(MappingError);
    const problems = (error as MappingError).problems;
    expect(problems.map((problem) => problem.file.slice(dir.length + 1))).toEqual(['a.yaml', 'b.yml']);
    expect((error as MappingError).code).toBe('MAPPING_INVALID');
    expect((error as MappingError).details?.problems).toHaveLength(2);
    expect((error as MappingError).message).toMatch(/^2 problems in 2 mapping files\n {2}.*a\.yaml:\d+ rules\[0\]\.focusArea: unknown focus area "nope"/);
  });

  it('rejects overlapping periods and duplicate ids across files, naming the other file', () => {
    write('a.yaml', { id: 'same', startYear: 2018, endYear: 2020 });
    write('b.yaml', { id: 'same', startYear: 2020, endYear: 2022 });
    const problems = (caught(() => loadMappings(dir)) as MappingError).problems;
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      `id: duplicate period id "same" (also in ${join(dir, 'a.yaml')})`,
      `startYear: period 2020–2022 overlaps same 2018–2020 in ${join(dir, 'a.yaml')}`,
    ]);
    expect(problems.every((problem) => problem.line !== null)).toBe(true);
  });

  it('checks an explicitly named template on its own, not against the other files', () => {
    write('a.yaml', { id: 'a' });
    write('_copy.yaml', { id: 'a' });
    const { mappings, problems } = checkMappingFiles([join(dir, 'a.yaml'), join(dir, '_copy.yaml')]);
    expect(problems).toEqual([]);
    expect(mappings).toHaveLength(2);
  });

  it('an empty or missing folder is MAPPING_INVALID', () => {
    expect(caught(() => loadMappings(dir))).toMatchObject({ code: 'MAPPING_INVALID', message: expect.stringContaining('no mapping files') });
    expect(caught(() => loadMappings(join(dir, 'missing')))).toMatchObject({ code: 'MAPPING_INVALID', message: expect.stringContaining('cannot read the mappings folder: ENOENT') });
  });
});

describe('selectPeriod', () => {
  const first = { ...buildMapping({ id: 'p-2018-2020' }), file: 'mappings/p1.yaml' };
  const second = { ...buildMapping({ id: 'p-2021-2023', startYear: 2021, endYear: 2023 }), file: 'mappings/p2.yaml' };

  it('picks the period containing the year (bounds inclusive)', () => {
    expect(selectPeriod([first, second], 2018).id).toBe('p-2018-2020');
    expect(selectPeriod([first, second], 2020).id).toBe('p-2018-2020');
    expect(selectPeriod([first, second], 2021).id).toBe('p-2021-2023');
  });

  it('a year without a period is MAPPING_NO_PERIOD naming the year and the periods', () => {
    const error = caught(() => selectPeriod([first, second], 2024));
    expect(isAppError(error) && error.code).toBe('MAPPING_NO_PERIOD');
    expect((error as Error).message).toBe('no mapping file covers the year 2024; periods: p-2018-2020 2018–2020 (mappings/p1.yaml), p-2021-2023 2021–2023 (mappings/p2.yaml)');
    expect((caught(() => selectPeriod([], 2020)) as Error).message).toContain('no mapping files were loaded');
  });

  it('overlapping periods are an error naming both files', () => {
    const overlapping = { ...second, startYear: 2020, file: 'mappings/p3.yaml' };
    expect(caught(() => selectPeriod([first, overlapping], 2020))).toMatchObject({ code: 'MAPPING_INVALID', message: expect.stringMatching(/several mapping files cover 2020: .*p1\.yaml.*p3\.yaml/) });
  });
});
