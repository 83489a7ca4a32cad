import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EnvSchema } from '../config/schema.js';
import { coverage } from '../mapping/diagnose/coverage.js';
import { formatProblem, isMappingError, type MappingProblem } from '../mapping/file/problems.js';
import { explainNode } from '../mapping/diagnose/explain.js';
import { checkMappingFiles, listMappingFiles, loadMappings } from '../mapping/file/load.js';
import { formatCoverage } from '../mapping/diagnose/coverage-text.js';
import { formatExplanation } from '../mapping/diagnose/explain-text.js';
import { mappingWarnings } from '../mapping/file/warnings.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { defaultYear } from '../shared/as-of.js';
import { resolvePeriod } from '../app/period.js';
import { AppError } from '../shared/errors.js';
import { SnapshotSchema, type Snapshot } from '../snapshot/schema.js';
import { action, createCommandContext, parseIntArg, usageError } from './common.js';
import { commandPeriod } from './period.js';
import { buildStratsysClient } from '../app/compose.js';
import { planPull } from '../mapping/engine/pull-plan.js';
import { pullSnapshot } from '../pipeline/pull.js';
import { systemClock } from '../shared/clock.js';
import { formatZodIssue } from '../shared/zod-issues.js';
import { MAPPING_YEARS } from '../shared/years.js';

interface SnapshotOptions {
  snapshot?: string;
  year?: number;
  json?: boolean;
}

/**
 * `stratsys-sync mappings validate|explain|coverage`. None of them needs Stratsys credentials:
 * they read only MAPPINGS_DIR and REPORT_TIME_ZONE (with their defaults) from the environment.
 */
export function register(program: Command): void {
  const mappings = program.command('mappings').description('check the programme mapping files and see how they apply to pulled data');
  mappings
    .command('validate')
    .argument('[files...]', 'mapping files (default: every *.yaml in MAPPINGS_DIR except _templates)')
    .description('check mapping files; lists every problem as file:line path: message, exit code 1 if any')
    .option('--json', 'print one JSON document')
    .action(action((files: string[], options: { json?: boolean }) => validate(files, options)));
  mappings
    .command('explain')
    .argument('<nodeId>', 'Stratsys node id')
    .description('explain how one node maps: the rules tried in precedence order, which matched and why')
    .option('--department <id>', "look at the node as this unit sees it (default: the owner's view)")
    .option('--year <year>', "reported year whose mapping applies (default: SYNC_YEAR, else the snapshot's year)", parseIntArg('--year', MAPPING_YEARS.min, MAPPING_YEARS.max))
    .option('--snapshot <file>', 'snapshot JSON written by `stratsys-sync pull` (default: pull live from Stratsys)')
    .option('--json', 'print one JSON document')
    .action(
      action(async (nodeId: string, options: SnapshotOptions & { department?: string }, command: Command) => {
        const { snapshot, mapping } = await loadInputs(options, command);
        const explanation = explainNode(snapshot, mapping, nodeId, options.department);
        write(options.json === true ? JSON.stringify(explanation, null, 2) : formatExplanation(explanation, mapping));
        if (explanation.role === 'not-found' || explanation.role === 'not-action-plan') process.exitCode = 1;
      }),
    );
  mappings
    .command('coverage')
    .description('per action-plan scorecard: mapped, unmapped by reason, structure; how often each rule matched')
    .option('--year <year>', "reported year whose mapping applies (default: SYNC_YEAR, else the snapshot's year)", parseIntArg('--year', MAPPING_YEARS.min, MAPPING_YEARS.max))
    .option('--snapshot <file>', 'snapshot JSON written by `stratsys-sync pull` (default: pull live from Stratsys)')
    .option('--json', 'print one JSON document')
    .action(
      action(async (options: SnapshotOptions, command: Command) => {
        const { snapshot, mapping } = await loadInputs(options, command);
        const report = coverage(snapshot, mapping);
        write(options.json === true ? JSON.stringify(report, null, 2) : formatCoverage(report));
      }),
    );
}

/** The settings these commands need, parsed with the config schema's own rules and defaults. */
export function mappingSettings(env: NodeJS.ProcessEnv = process.env): { mappingsDir: string; timeZone: string; syncYear: number | undefined; syncAsOf: string | undefined } {
  const timeZone = EnvSchema.shape.REPORT_TIME_ZONE.parse(env.REPORT_TIME_ZONE);
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new AppError('CONFIG_INVALID', 'invalid configuration: REPORT_TIME_ZONE: expected an IANA time zone such as Europe/Stockholm', { details: { variables: ['REPORT_TIME_ZONE'] } });
  }
  const setting = <T>(name: 'SYNC_YEAR' | 'SYNC_AS_OF', parse: () => T): T => {
    try {
      return parse();
    } catch {
      throw new AppError('CONFIG_INVALID', `invalid configuration: ${name}: see the README's configuration table for its form`, { details: { variables: [name] } });
    }
  };
  return {
    mappingsDir: EnvSchema.shape.MAPPINGS_DIR.parse(env.MAPPINGS_DIR),
    timeZone,
    syncYear: setting('SYNC_YEAR', () => EnvSchema.shape.SYNC_YEAR.parse(env.SYNC_YEAR)),
    syncAsOf: setting('SYNC_AS_OF', () => EnvSchema.shape.SYNC_AS_OF.parse(env.SYNC_AS_OF)),
  };
}

function validate(files: string[], options: { json?: boolean }): void {
  let paths = files;
  let problems: MappingProblem[] = [];
  let mappings: ProgrammeMapping[] = [];
  try {
    if (paths.length === 0) paths = listMappingFiles(mappingSettings().mappingsDir);
    if (paths.length === 0) throw usageError(`no mapping files (*.yaml) in ${mappingSettings().mappingsDir}`);
    ({ mappings, problems } = checkMappingFiles(paths));
  } catch (error) {
    if (!isMappingError(error)) throw error;
    problems = [...error.problems];
  }
  const warnings = mappings.flatMap(mappingWarnings);
  if (options.json === true) {
    const summary = mappings.map((m) => ({ file: m.file, id: m.id, startYear: m.startYear, endYear: m.endYear }));
    write(JSON.stringify({ ok: problems.length === 0, files: summary, problems, warnings }, null, 2));
  } else {
    for (const m of mappings) write(`ok  ${m.file}: ${m.id} ${m.startYear}–${m.endYear}, ${m.focusAreas.length} focus areas, ${m.rules.length} rules, ${m.indicators.length} indicators`);
    for (const warning of warnings) write(`warning ${warning.file} ${warning.path}: ${warning.message}`);
    for (const problem of problems) write(formatProblem(problem));
  }
  if (problems.length > 0) {
    const fileCount = new Set(problems.map((problem) => problem.file)).size;
    process.stderr.write(`error MAPPING_INVALID: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}\n`);
    process.exitCode = 1;
  }
}

async function loadInputs(options: SnapshotOptions, command: Command): Promise<{ snapshot: Snapshot; mapping: ProgrammeMapping }> {
  const settings = mappingSettings();
  const snapshot = await obtainSnapshot(options, command);
  // The snapshot's own period (older snapshots: the year before their pull) unless --year or SYNC_YEAR says otherwise.
  const stored = snapshot.tenant.period ?? { year: defaultYear(snapshot.pulledAt, settings.timeZone), asOf: snapshot.pulledAt };
  const period = resolvePeriod(
    { year: options.year },
    {
      settings: { SYNC_YEAR: settings.syncYear, SYNC_AS_OF: settings.syncAsOf, REPORT_TIME_ZONE: settings.timeZone },
      clock: systemClock,
      mappings: loadMappings(settings.mappingsDir),
      purpose: 'read',
      stored,
    },
  );
  return { snapshot, mapping: period.mapping };
}

/**
 * Where explain and coverage get their data: a snapshot file, or else a live pull (which needs
 * the Stratsys settings, like `pull`).
 */
async function obtainSnapshot(options: SnapshotOptions, command: Command): Promise<Snapshot> {
  if (options.snapshot !== undefined) return readSnapshotFile(options.snapshot);
  const ctx = createCommandContext(command);
  const { config, logger } = ctx;
  const { year, asOf, mapping } = commandPeriod(ctx, { year: options.year }, 'read');
  const client = buildStratsysClient({ config, clock: systemClock, logger });
  const snapshot = await pullSnapshot({ client, clock: systemClock, logger }, (departments) => planPull(mapping, departments), { tenantId: config.TENANT_ID });
  return { ...snapshot, tenant: { ...snapshot.tenant, period: { year, asOf, programmeId: mapping.id } } };
}

/** Reads and validates a snapshot JSON file; SNAPSHOT_INVALID names the first bad field. */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new AppError('SNAPSHOT_INVALID', `snapshot ${path} ${why}`, { cause: error });
  }
  const parsed = SnapshotSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? '' : ` at ${formatZodIssue(first, '(root)')}`;
    throw new AppError('SNAPSHOT_INVALID', `snapshot ${path} does not match the snapshot schema${where}`, { details: { issues: parsed.error.issues.length } });
  }
  return parsed.data;
}

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}
