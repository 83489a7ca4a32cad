import { AppError } from '../../shared/errors.js';

/**
 * Something wrong in a mapping file, or worth its author's attention, located as precisely as the
 * YAML allows: the one problem type of src/mapping/file (reading, schema, cross-field and
 * across-file checks, and warnings). Problems found when a valid mapping is applied to pulled
 * data are engine issues (src/mapping/engine/issues.ts).
 */
export interface MappingProblem {
  file: string;
  /** 1-based line in the file; null when the problem concerns the file as a whole. */
  line: number | null;
  /** 1-based column; null with `line`. */
  column: number | null;
  /** Document path, e.g. `rules[3].focusArea`; empty for the whole document. */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
}

/** Finds where a document path of one parsed file is and makes it a problem with `message`. */
export type Locator = (path: ReadonlyArray<PropertyKey>, message: string) => MappingProblem;

/** A document path in the form the messages use: `rules[3].match.ancestor`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** `file:line path: message`, the one-line form the CLI and the boot error print. */
export function formatProblem(problem: MappingProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path === '' ? `${where}: ${problem.message}` : `${where} ${problem.path}: ${problem.message}`;
}

/**
 * MAPPING_INVALID with every problem of every file read, so one run shows them all. `file` and
 * `path` are those of the first problem; `details.problems` holds the whole list.
 */
export class MappingError extends AppError {
  readonly problems: readonly MappingProblem[];
  readonly file: string;
  readonly path: string;

  constructor(problems: readonly MappingProblem[]) {
    const files = new Set(problems.map((problem) => problem.file));
    const head = `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files.size} mapping file${files.size === 1 ? '' : 's'}`;
    super('MAPPING_INVALID', [head, ...problems.map((problem) => `  ${formatProblem(problem)}`)].join('\n'), {
      details: { problems: problems.map((problem) => ({ ...problem })) },
    });
    this.name = 'MappingError';
    this.problems = problems;
    this.file = problems[0]?.file ?? '';
    this.path = problems[0]?.path ?? '';
  }
}

/** Whether a value is a MappingError. */
export function isMappingError(value: unknown): value is MappingError {
  return value instanceof MappingError;
}
