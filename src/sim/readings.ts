import { z } from 'zod';

/**
 * The readings of the Stratsys v1 contract that the public reference client and its example tests
 * leave open or contradict (contract section 5), one switch each. A real tenant shows one reading
 * per point; the worker must give the same evaluation and KPI values under every combination, and
 * `stratsys-sync check --deep` tells which one a tenant shows. The first value of each is the default.
 *
 * - `activityFlags`: `optional` — `activities/filter` works without `onlySimple`/`excludeFinished`;
 *   `required` — without both it answers 400 (the reference always sends them,
 *   `FilterActivitiesRequest.cs`).
 * - `statuses`: `list-and-column` — `GET statuses` and `GET statuses/filter?scorecardColumnId=` both
 *   served; `column-only` — only the filter (`StatusServiceUT.cs`; the list exists only in the untested
 *   secondary client); `list-only` — only `GET statuses` (the filter answers 404).
 * - `nodeDepartment`: `owner` — `ScorecardNode.Department` is the node's owning department;
 *   `requested` — it is the department in the URL (`ScorecardNodeServiceUT.cs`).
 * - `commentFilter`: `by-department` — `comments/{n}/filter?departmentId=` returns that department's
 *   comments; `ignored` — it returns every department's (as without `departmentId`, `CommentServiceUT.cs`).
 * - `kpiRounding`: `column-decimals` — a value is stored rounded to its KPI column's decimals (Stratsys
 *   manual "Importera måttdata") and the rounded value is echoed; `exact` — stored as sent.
 * - `kpiDataScope`: `all-departments` — `kpidata/{k}/filter` without `departmentId` returns every
 *   department's rows with their `DepartmentId` (`KpiDataServiceUT.cs`); `department-required` — it
 *   answers 400 without `departmentId`; `no-department-id` — rows come without `DepartmentId`.
 * - `nodeFields`: `combined` — `nodes/{n}?fields=keywords,descriptionfields` fills both collections;
 *   `first-only` — only the first value named is filled, the other stays null (the reference only
 *   ever sends one value, `ScorecardNodeServiceUT.cs`; contract 5.16).
 */
export const ReadingsSchema = z
  .object({
    activityFlags: z.enum(['optional', 'required']).default('optional'),
    statuses: z.enum(['list-and-column', 'column-only', 'list-only']).default('list-and-column'),
    nodeDepartment: z.enum(['owner', 'requested']).default('owner'),
    commentFilter: z.enum(['by-department', 'ignored']).default('by-department'),
    kpiRounding: z.enum(['column-decimals', 'exact']).default('column-decimals'),
    kpiDataScope: z.enum(['all-departments', 'department-required', 'no-department-id']).default('all-departments'),
    nodeFields: z.enum(['combined', 'first-only']).default('combined'),
  })
  .strict();
/** The readings a simulated tenant shows. */
export type Readings = z.infer<typeof ReadingsSchema>;
/** A partial update of the readings (`PUT /__sim/readings`, `sim --reading name=value`). */
export const ReadingsPatchSchema = ReadingsSchema.partial();
export type ReadingsPatch = z.input<typeof ReadingsPatchSchema>;

/** Every reading at its default. */
export const DEFAULT_READINGS: Readings = ReadingsSchema.parse({});

/** The name of each reading and its possible values, in declaration order (for docs, CLI help and tests). */
export const READING_VALUES: { [K in keyof Readings]: readonly Readings[K][] } = {
  activityFlags: ReadingsSchema.shape.activityFlags.unwrap().options,
  statuses: ReadingsSchema.shape.statuses.unwrap().options,
  nodeDepartment: ReadingsSchema.shape.nodeDepartment.unwrap().options,
  commentFilter: ReadingsSchema.shape.commentFilter.unwrap().options,
  kpiRounding: ReadingsSchema.shape.kpiRounding.unwrap().options,
  kpiDataScope: ReadingsSchema.shape.kpiDataScope.unwrap().options,
  nodeFields: ReadingsSchema.shape.nodeFields.unwrap().options,
};

/** The readings in force on one simulator; changed at run time through the control API. */
export class ReadingsState {
  private current: Readings;

  constructor(initial: ReadingsPatch = {}) {
    this.current = ReadingsSchema.parse(initial);
  }

  get(): Readings {
    return { ...this.current };
  }

  /** Applies a partial update (validated) and returns the readings now in force. */
  set(patch: ReadingsPatch): Readings {
    this.current = ReadingsSchema.parse({ ...this.current, ...ReadingsPatchSchema.parse(patch) });
    return this.get();
  }
}

/** Parses `name=value` (the `sim --reading` option) into a patch; unknown names or values throw with the allowed ones. */
export function parseReadingArg(text: string, previous: ReadingsPatch = {}): ReadingsPatch {
  const match = /^([A-Za-z]+)=([A-Za-z-]+)$/.exec(text.trim());
  const names = Object.keys(READING_VALUES) as (keyof Readings)[];
  if (!match) throw new TypeError(`expected name=value, one of: ${names.map((n) => `${n}=${READING_VALUES[n].join('|')}`).join(', ')}`);
  const name = names.find((n) => n === match[1]);
  if (name === undefined) throw new TypeError(`unknown reading "${match[1]}"; expected one of: ${names.join(', ')}`);
  const allowed = READING_VALUES[name] as readonly string[];
  if (!allowed.includes(match[2] ?? '')) throw new TypeError(`reading ${name}: expected one of ${allowed.join(', ')}, got "${match[2]}"`);
  return { ...previous, [name]: match[2] };
}
