import { AppError } from '../shared/errors.js';
import { editDistance } from '../shared/edit-distance.js';
import type { PullPlan } from '../mapping/engine/pull-plan.js';
import type { Department } from '../stratsys/schemas.js';

export interface NamedUnit {
  id: string;
  name: string;
}

/** Up to `limit` units whose names resemble `query` (substring first, then by edit distance). */
export function closeMatches(query: string, units: NamedUnit[], limit = 3): NamedUnit[] {
  const q = query.toLocaleLowerCase('sv');
  return units
    .map((unit) => {
      const name = unit.name.toLocaleLowerCase('sv');
      const score = name.includes(q) || q.includes(name) ? 0 : editDistance(q, name) / Math.max(q.length, name.length);
      return { unit, score };
    })
    .filter(({ score }) => score < 0.5)
    .sort((a, b) => a.score - b.score || a.unit.name.localeCompare(b.unit.name, 'sv'))
    .slice(0, limit)
    .map(({ unit }) => unit);
}

/**
 * Resolves `ID|NAME` against the units that can be imported: an exact id, or a name matched
 * case-insensitively. Anything else is UNKNOWN_DEPARTMENT with close matches in the message.
 */
export function resolveUnit(unitIdOrName: string, units: NamedUnit[]): NamedUnit {
  const byId = units.find((unit) => unit.id === unitIdOrName);
  if (byId) return byId;
  const lower = unitIdOrName.toLocaleLowerCase('sv');
  const byName = units.filter((unit) => unit.name.toLocaleLowerCase('sv') === lower);
  if (byName.length === 1 && byName[0]) return byName[0];
  const suggestions = closeMatches(unitIdOrName, units);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((u) => `${u.id} "${u.name}"`).join(', ')}?` : '';
  throw new AppError('UNKNOWN_DEPARTMENT', `no department or company "${unitIdOrName}" in the programme${hint}`, {
    details: { query: unitIdOrName, suggestions: suggestions.map((u) => u.id) },
  });
}

/** Units that can be imported for a mapping, with their names (for `--department NAME`, resolveUnit). */
export function importableUnits(plan: PullPlan, departments: Department[]) {
  const names = new Map(departments.map((d) => [d.Id, d.Name]));
  return plan.unitIds.map((id) => ({ id, name: names.get(id) ?? id }));
}
