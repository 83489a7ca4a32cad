import type { OrgUnit } from '../../domain/programme.js';
import type { Department } from '../../stratsys/schemas.js';
import type { ProgrammeMapping } from '../file/schema.js';
import type { UnitMatch } from '../file/schema-units.js';
import { compileTextPattern } from '../file/pattern.js';
import { compareIds } from '../../shared/ids.js';

/** `classifiedBy` of a unit no rule matched. */
export const DEFAULT_CLASSIFICATION = 'default';

/**
 * Classifies every Stratsys department as department (förvaltning), company (bolag) or other with
 * the mapping's `units.rules`: tried in file order, the first match wins, no match is `other`.
 * Adds `activeFrom`/`activeTo` from `units.participation`. Pure; sorted by id.
 */
export function classifyUnits(departments: readonly Department[], mapping: Pick<ProgrammeMapping, 'units'>): OrgUnit[] {
  const parents = new Map(departments.map((department) => [department.Id, department.ParentId]));
  const participation = new Map(mapping.units.participation.map((entry) => [entry.unit, entry]));
  const tests = mapping.units.rules.map((rule) => ({ rule, test: compileUnitMatch(rule.match, parents) }));
  return departments
    .map((department): OrgUnit => {
      const hit = tests.find(({ test }) => test(department));
      const active = participation.get(department.Id);
      return {
        id: department.Id,
        name: department.Name,
        shortName: department.ShortName,
        parentId: department.ParentId,
        kind: hit?.rule.kind ?? 'other',
        classifiedBy: hit?.rule.label ?? DEFAULT_CLASSIFICATION,
        activeFrom: active?.activeFrom ?? null,
        activeTo: active?.activeTo ?? null,
      };
    })
    .sort((a, b) => compareIds(a.id, b.id));
}

/** Whether the unit takes part in at least one year of the period. */
export function isActiveInPeriod(unit: OrgUnit, period: { startYear: number; endYear: number }): boolean {
  return (unit.activeFrom ?? period.startYear) <= period.endYear && (unit.activeTo ?? period.endYear) >= period.startYear;
}

function compileUnitMatch(match: UnitMatch, parents: ReadonlyMap<string, string | null>): (department: Department) => boolean {
  switch (match.kind) {
    case 'ids':
    case 'external-codes': {
      const ids = new Set(match.kind === 'ids' ? match.ids : match.codes);
      return (department) => ids.has(department.Id);
    }
    case 'name': {
      const pattern = compileTextPattern(match.pattern);
      return (department) => pattern.test(department.Name);
    }
    case 'subtree':
      return (department) => {
        const depth = depthBelow(department.Id, match.root, parents);
        if (depth === null) return false;
        if (depth === 0) return match.includeRoot;
        return match.depth === null || depth <= match.depth;
      };
  }
}

/** Levels from `root` down to `id` (0 = the root itself), or null when `id` is not below it. */
function depthBelow(id: string, root: string, parents: ReadonlyMap<string, string | null>): number | null {
  let current: string | null | undefined = id;
  for (let depth = 0; depth <= parents.size && current != null; depth += 1) {
    if (current === root) return depth;
    current = parents.get(current);
  }
  return null;
}
