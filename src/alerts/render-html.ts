import type { DigestContent, DigestRow, DigestSection } from './digest.js';
import { alertMessages, type AlertMessages } from './messages.js';
import { dueText, listText } from './render-text.js';
import { escapeHtml } from '../shared/html.js';

/**
 * The HTML body of an alert e-mail: one narrow column (max 600 px) of stacked cards, inline styles
 * only, no images or scripts, so it reads well on a phone and in mail clients that drop <style>.
 * Pure. Every piece of text goes through escapeHtml; links are http(s) only (checked in compose).
 */

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const STYLE = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  column: `max-width:600px;margin:0 auto;padding:16px;background-color:#ffffff;color:#1f2937;${FONT}font-size:15px;line-height:1.45;`,
  p: 'margin:0 0 12px 0;',
  note: 'margin:0 0 12px 0;padding:8px 10px;background-color:#fff7ed;border-left:4px solid #ea580c;',
  h2: `margin:24px 0 4px 0;font-size:17px;line-height:1.3;${FONT}`,
  summary: 'margin:0 0 8px 0;color:#4b5563;font-size:14px;',
  list: 'list-style:none;margin:0;padding:0;',
  card: 'margin:0 0 10px 0;padding:10px 12px;background-color:#fef2f2;border-left:4px solid #b91c1c;',
  muted: 'color:#4b5563;',
  late: 'color:#b91c1c;font-weight:bold;',
  link: 'color:#1d4ed8;text-decoration:underline;',
  footer: 'margin:24px 0 0 0;padding-top:12px;border-top:1px solid #e5e7eb;color:#6b7280;font-size:13px;',
} as const;

/** A complete HTML document for the e-mail's HTML part. */
export function renderHtml(content: DigestContent, subject: string): string {
  const m = alertMessages(content.language);
  const parts = [`<p style="${STYLE.p}">${escapeHtml(m.greeting)}</p>`, `<p style="${STYLE.p}">${escapeHtml(m.intro(content.year, content.asOfDay))}</p>`];
  if (m.stepNote[content.step] !== '') parts.push(`<p style="${STYLE.p}">${escapeHtml(m.stepNote[content.step])}</p>`);
  if (content.isCopiedToOffice) parts.push(`<p style="${STYLE.note}">${escapeHtml(m.escalationNote(content.escalateAfterDays))}</p>`);
  for (const section of content.sections) parts.push(sectionHtml(section, m));
  parts.push(`<p style="${STYLE.footer}">${escapeHtml(m.footer)}</p>`);
  return [
    '<!DOCTYPE html>',
    `<html lang="${content.language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.column}">`,
    ...parts,
    '</div></body></html>',
    '',
  ].join('\n');
}

function sectionHtml(section: DigestSection, m: AlertMessages): string {
  const parts = [`<h2 style="${STYLE.h2}">${escapeHtml(section.title)}</h2>`];
  if (section.isFallback) parts.push(`<p style="${STYLE.note}">${escapeHtml(m.noOwnerNote)}</p>`);
  parts.push(`<p style="${STYLE.summary}">${escapeHtml(m.delivered(section.delivered))}</p>`);
  if (section.rows.length === 0) parts.push(`<p style="${STYLE.p}">${escapeHtml(m.nothingMissing)}</p>`);
  else parts.push(`<ul style="${STYLE.list}">`, ...section.rows.map((row) => rowHtml(row, m)), '</ul>');
  return parts.join('\n');
}

function rowHtml(row: DigestRow, m: AlertMessages): string {
  const lines = [
    `<strong>${escapeHtml(row.unitName)}</strong> <span style="${STYLE.muted}">(${escapeHtml(m.unitKind[row.unitKind])})</span>`,
    `${escapeHtml(m.reportType[row.type])} ${row.year}`,
    `${escapeHtml(dueText(row, m))}<br>\n<span style="${STYLE.late}">${escapeHtml(m.daysOverdue(row.daysOverdue))}</span>`,
  ];
  if (row.notFollowedUp.length > 0) lines.push(`${escapeHtml(m.notFollowedUp)}: ${escapeHtml(listText(row, m))}`);
  if (row.reportedBy.length > 0) lines.push(`${escapeHtml(m.reportedBy)}: ${escapeHtml(row.reportedBy.join(', '))}`);
  if (row.reportUrl !== null) lines.push(`<a href="${escapeHtml(row.reportUrl)}" style="${STYLE.link}">${escapeHtml(m.openInStratsys)}</a>`);
  return `<li style="${STYLE.card}">${lines.join('<br>\n')}</li>`;
}
