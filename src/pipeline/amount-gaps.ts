import type { ExternalProject } from '../domain/programme.js';
import { projectAmountGaps } from '../indicators/measures.js';
import type { Logger } from '../shared/logger.js';
import type { Assessment } from './evaluate.js';

/** A counted project whose granted amount is unreadable (`text`: as typed) or blank (`text` null). */
export interface ProjectAmountNote {
  nodeId: string;
  name: string;
  unitId: string;
  unitName: string;
  text: string | null;
}

/**
 * The projects counted in the year whose amount is unreadable (text present that could not be read
 * as SEK: every granted-SEK value counting them is unknown and held back) or blank (no amount: they
 * add 0 SEK, a known gap), for the summary, `--json` and the log.
 */
export function projectAmountNotes(assessment: Pick<Assessment, 'view' | 'evaluation'>): { unreadable: ProjectAmountNote[]; missing: ProjectAmountNote[] } {
  const unitName = (id: string) => assessment.view.units.find((unit) => unit.id === id)?.name ?? id;
  const note = (project: ExternalProject): ProjectAmountNote => ({ nodeId: project.nodeId, name: project.name, unitId: project.unitId, unitName: unitName(project.unitId), text: project.grantedText });
  const gaps = projectAmountGaps(assessment.view, assessment.evaluation);
  return { unreadable: gaps.unreadable.map(note), missing: gaps.missing.map(note) };
}

/** Summary lines: unreadable amounts (values held back) and projects without an amount (counted as 0 SEK). */
export function formatProjectAmounts(assessment: Pick<Assessment, 'view' | 'evaluation'>): string[] {
  const { unreadable, missing } = projectAmountNotes(assessment);
  const year = assessment.evaluation.year;
  const lines: string[] = [];
  if (unreadable.length > 0) {
    lines.push(
      `UNKNOWN: ${unreadable.length === 1 ? '1 project counted' : `${unreadable.length} projects counted`} in ${year} ${unreadable.length === 1 ? 'has a granted amount' : 'have granted amounts'} that could not be read; granted-SEK values that count ${unreadable.length === 1 ? 'it' : 'them'} are held back:`,
    );
    for (const p of unreadable) lines.push(`  ${p.name} (node ${p.nodeId}) · ${p.unitName} · amount "${p.text ?? ''}"`);
  }
  if (missing.length > 0) {
    lines.push(
      `Warning: ${missing.length === 1 ? '1 project counted' : `${missing.length} projects counted`} in ${year} ${missing.length === 1 ? 'has' : 'have'} no granted amount and ${missing.length === 1 ? 'adds' : 'add'} 0 SEK to granted-SEK values: ${missing.map((p) => `${p.name} (node ${p.nodeId}, ${p.unitName})`).join(', ')}`,
    );
  }
  return lines.length === 0 ? [] : [...lines, ''];
}

/** One warning per counted project whose granted amount could not be read. */
export function logUnreadableAmounts(logger: Logger, assessment: Pick<Assessment, 'view' | 'evaluation'>): void {
  for (const project of projectAmountNotes(assessment).unreadable) {
    logger.warn({ nodeId: project.nodeId, unitId: project.unitId, amountText: project.text }, 'granted amount unreadable: granted-SEK values that count this project are held back');
  }
}
