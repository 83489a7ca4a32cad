import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/errors.js';
import { MappingError, type MappingProblem } from './problems.js';
import { parseMappingText, type ParsedMappingFile } from './parse.js';
import type { ProgrammeMapping } from './schema.js';

/**
 * Reads mapping files from disk (the only module of src/mapping that does I/O). Every problem of
 * every file is collected before anything is thrown, so one run lists them all.
 */

/** Mapping files whose name starts with this are templates and examples: the loader skips them. */
export const TEMPLATE_PREFIX = '_';

const MAPPING_FILE = /\.ya?ml$/i;

/** Reads and checks one file; throws MappingError (MAPPING_INVALID) listing all its problems. */
export function loadMappingFile(path: string): ProgrammeMapping {
  const [mapping] = loadMappingFiles([path]);
  return mapping as ProgrammeMapping;
}

/**
 * Reads and checks several files, then checks them against each other (unique ids, periods that
 * do not overlap). Throws one MappingError with the problems of all files; returns the mappings
 * sorted by start year.
 */
export function loadMappingFiles(paths: readonly string[]): ProgrammeMapping[] {
  const { mappings, problems } = checkMappingFiles(paths);
  if (problems.length > 0) throw new MappingError(problems);
  return mappings;
}

/**
 * Like loadMappingFiles but returns the problems instead of throwing (for `mappings validate`).
 * Templates (`_*`) given explicitly are checked on their own, not against the other files.
 */
export function checkMappingFiles(paths: readonly string[]): { mappings: ProgrammeMapping[]; problems: MappingProblem[] } {
  const parsed = paths.map((path) => ({ path, file: readOne(path) }));
  const problems = parsed.flatMap(({ file }) => file.problems);
  const valid = parsed.flatMap(({ path, file }) => (file.mapping === null ? [] : [{ mapping: file.mapping, locate: file.locate, isTemplate: isTemplate(path) }]));
  problems.push(...checkAcrossFiles(valid.filter((entry) => !entry.isTemplate)));
  return { mappings: valid.map((entry) => entry.mapping).sort((a, b) => a.startYear - b.startYear), problems };
}

/** Whether a path names a template (file name starting with `_`). */
export function isTemplate(path: string): boolean {
  return basename(path).startsWith(TEMPLATE_PREFIX);
}

/**
 * Every `*.yaml`/`*.yml` file in `dir` (not those starting with `_`, the templates), checked
 * together. An unreadable or empty folder is MAPPING_INVALID.
 */
export function loadMappings(dir: string): ProgrammeMapping[] {
  const files = listMappingFiles(dir);
  if (files.length === 0) {
    throw new MappingError([{ file: dir, line: null, column: null, path: '', message: 'no mapping files (*.yaml) in this folder' }]);
  }
  return loadMappingFiles(files);
}

/** The mapping files of a folder, sorted by name, templates (`_*`) left out. */
export function listMappingFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new MappingError([{ file: dir, line: null, column: null, path: '', message: `cannot read the mappings folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return names
    .filter((name) => MAPPING_FILE.test(name) && !name.startsWith(TEMPLATE_PREFIX) && !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The mapping whose period contains `year`. No such period: MAPPING_NO_PERIOD naming the year and
 * the periods there are. Several: MAPPING_INVALID naming the overlapping files.
 */
export function selectPeriod(mappings: readonly ProgrammeMapping[], year: number): ProgrammeMapping {
  const matching = mappings.filter((mapping) => mapping.startYear <= year && year <= mapping.endYear);
  if (matching.length === 1 && matching[0] !== undefined) return matching[0];
  const describe = (mapping: ProgrammeMapping) => `${mapping.id} ${mapping.startYear}–${mapping.endYear} (${mapping.file})`;
  if (matching.length > 1) {
    throw new AppError('MAPPING_INVALID', `several mapping files cover ${year}: ${matching.map(describe).join(', ')}`, {
      details: { year, files: matching.map((mapping) => mapping.file) },
    });
  }
  const known = mappings.length === 0 ? 'no mapping files were loaded' : `periods: ${mappings.map(describe).join(', ')}`;
  throw new AppError('MAPPING_NO_PERIOD', `no mapping file covers the year ${year}; ${known}`, {
    details: { year, periods: mappings.map((mapping) => ({ id: mapping.id, startYear: mapping.startYear, endYear: mapping.endYear, file: mapping.file })) },
  });
}

function readOne(path: string): ParsedMappingFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const problem: MappingProblem = { file: path, line: null, column: null, path: '', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    return { mapping: null, problems: [problem], locate: () => problem };
  }
  return parseMappingText(text, path);
}

function checkAcrossFiles(entries: ReadonlyArray<Pick<ParsedMappingFile, 'locate'> & { mapping: ProgrammeMapping }>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  entries.forEach(({ mapping, locate }, index) => {
    for (const other of entries.slice(0, index).map((entry) => entry.mapping)) {
      if (other.id === mapping.id) problems.push(locate(['id'], `duplicate period id "${mapping.id}" (also in ${other.file})`));
      if (mapping.startYear <= other.endYear && other.startYear <= mapping.endYear) {
        problems.push(locate(['startYear'], `period ${mapping.startYear}–${mapping.endYear} overlaps ${other.id} ${other.startYear}–${other.endYear} in ${other.file}`));
      }
    }
  });
  return problems;
}
