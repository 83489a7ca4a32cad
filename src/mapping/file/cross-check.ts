import { z } from 'zod';
import type { MappingFileSchema } from './schema.js';
import type { Locator, MappingProblem } from './problems.js';
import { TOTAL_COLUMN_KEY } from '../../domain/indicators.js';

/**
 * Checks across fields of one parsed mapping file that the schema alone cannot express: every key
 * a rule, owner or indicator names exists, labels and keys are unique, years lie in the period,
 * and two node rules do not claim one node for different focus areas. Each problem is located in
 * the file by `locate`.
 */

/** The sections of a mapping file that parsed; cross-checks skip what depends on a missing one. */
export type MappingSections = Partial<z.output<typeof MappingFileSchema>>;
type Path = Array<string | number>;

const STATUS_KINDS = new Set(['not-started', 'ongoing', 'finished', 'other']);

/**
 * All cross-field problems of one file. Works on the sections that parsed, so a schema error in
 * one section does not hide a dangling reference in another; a check whose reference list
 * (focus areas, goals, means, scorecards) did not parse is skipped rather than guessed.
 */
export function crossCheckMapping(file: MappingSections, locate: Locator): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const add = (path: Path, message: string) => problems.push(locate(path, message));
  if (file.startYear !== undefined && file.endYear !== undefined && file.startYear > file.endYear) add(['endYear'], `expected endYear ≥ startYear (${file.startYear})`);
  checkUnique(
    file.focusAreas,
    (area) => area.key,
    (i) => ['focusAreas', i, 'key'],
    'focus-area key',
    add,
  );
  checkUnique(
    file.focusAreas,
    (area) => String(area.priority),
    (i) => ['focusAreas', i, 'priority'],
    'priority',
    add,
  );
  checkUnique(
    file.goals,
    (goal) => goal.key,
    (i) => ['goals', i, 'key'],
    'goal key',
    add,
  );
  checkUnique(
    file.means,
    (means) => means.key,
    (i) => ['means', i, 'key'],
    'means key',
    add,
  );
  checkUnique(
    file.scorecards,
    (card) => card.id,
    (i) => ['scorecards', i, 'id'],
    'scorecard id',
    add,
  );
  checkUnique(
    file.rules,
    (rule) => rule.label,
    (i) => ['rules', i, 'label'],
    'rule label',
    add,
  );
  checkUnique(
    file.units?.rules,
    (rule) => rule.label,
    (i) => ['units', 'rules', i, 'label'],
    'unit rule label',
    add,
  );
  checkUnique(
    file.units?.participation,
    (entry) => entry.unit,
    (i) => ['units', 'participation', i, 'unit'],
    'unit',
    add,
  );
  checkUnique(
    file.externalFinancing,
    (rule) => rule.label,
    (i) => ['externalFinancing', i, 'label'],
    'financing label',
    add,
  );
  checkUnique(
    file.indicators,
    (indicator) => indicator.key,
    (i) => ['indicators', i, 'key'],
    'indicator key',
    add,
  );
  checkUnique(
    file.owners,
    (owner) => owner.focusArea,
    (i) => ['owners', i, 'focusArea'],
    'owner entry for focus area',
    add,
  );
  checkRules(file, add);
  checkParticipation(file, add);
  checkOwners(file, add);
  checkIndicators(file, add);
  return problems;
}

function checkUnique<T>(items: readonly T[] | undefined, keyOf: (item: T) => string, pathOf: (index: number) => Path, what: string, add: (path: Path, message: string) => void): void {
  const first = new Map<string, number>();
  items?.forEach((item, index) => {
    const key = keyOf(item);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else add(pathOf(index), `duplicate ${what} "${key}" (already used at index ${earlier})`);
  });
}

function checkRules(file: MappingSections, add: (path: Path, message: string) => void): void {
  const focusAreas = keysOf(file.focusAreas);
  const goals = keysOf(file.goals);
  const scorecards = idsOf(file.scorecards);
  const nodeClaims = new Map<string, { label: string; focusArea: string }>();
  file.rules?.forEach((rule, index) => {
    if (rule.focusArea !== null && focusAreas !== null && !focusAreas.has(rule.focusArea)) add(['rules', index, 'focusArea'], unknownKey('focus area', rule.focusArea, focusAreas));
    rule.goals?.forEach((goal, g) => {
      if (goals !== null && !goals.has(goal)) add(['rules', index, 'goals', g], unknownKey('goal', goal, goals));
    });
    const match = rule.match;
    if (match.kind === 'column' && match.scorecardId !== null && scorecards !== null && !scorecards.has(match.scorecardId)) {
      add(['rules', index, 'match', 'column', 'scorecardId'], `scorecard ${match.scorecardId} is not listed under scorecards`);
    }
    if (match.kind !== 'node' || rule.focusArea === null) return;
    for (const nodeId of match.nodeIds) {
      const claim = nodeClaims.get(nodeId);
      if (claim !== undefined && claim.focusArea !== rule.focusArea) {
        add(['rules', index, 'match'], `conflict: node ${nodeId} is claimed for focus area "${claim.focusArea}" by rule "${claim.label}" and for "${rule.focusArea}" by rule "${rule.label}"`);
      } else if (claim === undefined) nodeClaims.set(nodeId, { label: rule.label, focusArea: rule.focusArea });
    }
  });
}

function checkParticipation(file: MappingSections, add: (path: Path, message: string) => void): void {
  const { startYear, endYear } = file;
  file.units?.participation.forEach((entry, index) => {
    const path = ['units', 'participation', index];
    for (const key of ['activeFrom', 'activeTo'] as const) {
      const year = entry[key];
      if (year !== null && startYear !== undefined && endYear !== undefined && (year < startYear || year > endYear)) add([...path, key], `expected a year within the period ${startYear}–${endYear}`);
    }
    if (entry.activeFrom !== null && entry.activeTo !== null && entry.activeFrom > entry.activeTo) add([...path, 'activeTo'], `expected activeTo ≥ activeFrom (${entry.activeFrom})`);
  });
}

function checkOwners(file: MappingSections, add: (path: Path, message: string) => void): void {
  const focusAreas = keysOf(file.focusAreas);
  const scorecards = idsOf(file.scorecards);
  file.owners?.forEach((owner, index) => {
    if (focusAreas !== null && !focusAreas.has(owner.focusArea)) add(['owners', index, 'focusArea'], unknownKey('focus area', owner.focusArea, focusAreas));
    const scorecardId = owner.role?.scorecardId;
    if (scorecardId != null && scorecards !== null && !scorecards.has(scorecardId)) add(['owners', index, 'role', 'scorecardId'], `scorecard ${scorecardId} is not listed under scorecards`);
  });
}

function checkIndicators(file: MappingSections, add: (path: Path, message: string) => void): void {
  const focusAreas = keysOf(file.focusAreas);
  const means = keysOf(file.means);
  file.indicators?.forEach((indicator, index) => {
    for (const key of Object.keys(indicator.columnsByFocusArea ?? {})) {
      if (key !== TOTAL_COLUMN_KEY && focusAreas !== null && !focusAreas.has(key))
        add(['indicators', index, 'columnsByFocusArea', key], `${unknownKey('focus area', key, focusAreas)} (or "${TOTAL_COLUMN_KEY}")`);
    }
    const filter = indicator.filter;
    if (filter === null) return;
    if (indicator.measure === 'activities-by-means' && means !== null && !means.has(filter)) add(['indicators', index, 'filter'], unknownKey('means', filter, means));
    if (indicator.measure === 'activities-by-status' && !STATUS_KINDS.has(filter)) add(['indicators', index, 'filter'], unknownKey('status kind', filter, STATUS_KINDS));
  });
}

function keysOf(items: ReadonlyArray<{ key: string }> | undefined): Set<string> | null {
  return items === undefined ? null : new Set(items.map((item) => item.key));
}

function idsOf(items: ReadonlyArray<{ id: string }> | undefined): Set<string> | null {
  return items === undefined ? null : new Set(items.map((item) => item.id));
}

function unknownKey(what: string, key: string, known: ReadonlySet<string>): string {
  return `unknown ${what} "${key}"; expected one of: ${[...known].join(', ') || '(none defined)'}`;
}
