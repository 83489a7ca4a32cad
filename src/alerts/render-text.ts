import type { DigestContent, DigestRow, DigestSection } from './digest.js';
import { alertMessages, type AlertMessages } from './messages.js';
import { oneLine } from './text.js';

/**
 * Subject and plain-text body of an alert e-mail. Pure. Every text from Stratsys is one line
 * already (DigestRow); the subject is made one line again as a whole, so it can never carry a
 * CR/LF into the header.
 */

const SUBJECT_MAX = 160;

/**
 * `<count> <missing reports> <year> – <units>`, with `<reminder>: ` before it from the second
 * message about a report on
 * (the unit's name when only one unit is concerned, else how many).
 */
export function renderSubject(content: DigestContent): string {
  const m = alertMessages(content.language);
  const rows = content.sections.flatMap((section) => section.rows);
  const units = [...new Set(rows.map((row) => row.unitName))];
  const who = units.length === 1 ? (units[0] ?? '') : m.unitCount(units.length);
  const prefix = m.subjectPrefix[content.step];
  return oneLine(`${prefix === '' ? '' : `${prefix}: `}${m.missingCount(rows.length, content.year)} – ${who}`, SUBJECT_MAX);
}

/** The plain-text body: greeting, intro, one block per section, footer. Lines end with `\n`. */
export function renderText(content: DigestContent): string {
  const m = alertMessages(content.language);
  const lines = [m.greeting, '', m.intro(content.year, content.asOfDay)];
  if (m.stepNote[content.step] !== '') lines.push(m.stepNote[content.step]);
  if (content.isCopiedToOffice) lines.push(m.escalationNote(content.escalateAfterDays));
  for (const section of content.sections) lines.push('', ...sectionLines(section, m));
  lines.push('', '-- ', m.footer);
  return `${lines.join('\n')}\n`;
}

function sectionLines(section: DigestSection, m: AlertMessages): string[] {
  const lines = [section.title, '='.repeat(Math.min(section.title.length, 60))];
  if (section.isFallback) lines.push(m.noOwnerNote);
  lines.push(m.delivered(section.delivered));
  if (section.rows.length === 0) lines.push(m.nothingMissing);
  for (const row of section.rows) lines.push('', ...rowLines(row, m));
  return lines;
}

function rowLines(row: DigestRow, m: AlertMessages): string[] {
  const lines = [`* ${row.unitName} (${m.unitKind[row.unitKind]})`, `  ${m.reportType[row.type]} ${row.year}`, `  ${dueText(row, m)} – ${m.daysOverdue(row.daysOverdue)}`];
  if (row.notFollowedUp.length > 0) lines.push(`  ${m.notFollowedUp}: ${listText(row, m)}`);
  if (row.reportedBy.length > 0) lines.push(`  ${m.reportedBy}: ${row.reportedBy.join(', ')}`);
  if (row.reportUrl !== null) lines.push(`  ${m.openInStratsys}: ${row.reportUrl}`);
  return lines;
}

/** The due day with its grace (see AlertMessages.dueWithGrace). */
export function dueText(row: DigestRow, m: AlertMessages): string {
  return m.dueWithGrace(row.dueDate, row.lastOnTimeDay);
}

/** Activity names, then `och 3 till` when some were left out. */
export function listText(row: DigestRow, m: AlertMessages): string {
  return [...row.notFollowedUp, ...(row.moreNotFollowedUp > 0 ? [m.more(row.moreNotFollowedUp)] : [])].join(', ');
}
