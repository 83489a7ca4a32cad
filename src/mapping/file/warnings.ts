import type { MappingProblem } from './problems.js';
import type { ProgrammeMapping } from './schema.js';

const PROJECT_MEASURES = new Set(['projects', 'granted-sek']);

/**
 * Warnings about a valid mapping: things that work but that its author should know about, as
 * problems of the mapping's file (not located to a line). Pure. A projects or granted-SEK indicator whose financing rules
 * name no year field counts each project in every programme year in which it runs (end date empty
 * or on/after 1 January, not before its first follow-up), so a project granted once is counted, with
 * its whole amount, in each year it runs.
 */
export function mappingWarnings(mapping: ProgrammeMapping): MappingProblem[] {
  const undated = mapping.externalFinancing.filter((rule) => rule.yearField === null).map((rule) => `"${rule.label}"`);
  if (undated.length === 0) return [];
  return mapping.indicators.flatMap((indicator, index) =>
    PROJECT_MEASURES.has(indicator.measure)
      ? [
          {
            file: mapping.file,
            line: null,
            column: null,
            path: `indicators[${index}]`,
            message: `${indicator.key} (${indicator.measure}) relies on the running years of projects: financing rule${undated.length === 1 ? '' : 's'} ${undated.join(', ')} name${undated.length === 1 ? 's' : ''} no year field, so such a project counts in each programme year it runs (end date empty or on/after 1 January, not before its first follow-up); add year: { descriptionField: … } to count it in its grant year only`,
          },
        ]
      : [],
  );
}
