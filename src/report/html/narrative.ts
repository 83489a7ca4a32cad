import { REPORT } from '../../domain/glossary-report.js';
import type { Formatter } from '../format.js';
import { focusAreaLabel, REPORT_WORDS } from '../labels.js';
import type { YearReport } from '../model.js';
import type { ReportedActivity, ReportedText } from '../model-reported.js';
import { activityFacts } from '../narrative-text.js';
import { html, type SafeHtml } from './escape.js';
import { stateBadge } from './parts.js';
import { parseRichText } from '../rich-text.js';
import { richTextHtml } from './rich-text.js';

/** The text parts of the report (follow-up texts, project statements) as HTML. Pure. */

function linkHtml(href: string | null): SafeHtml | '' {
  return href === null ? '' : html`<li><a href="${href}" rel="noopener noreferrer nofollow">${REPORT_WORDS.openInStratsys}</a></li>`;
}

function textHtml(text: ReportedText, format: Formatter): SafeHtml {
  const late = text.isAfterAsOf ? html` <span class="after">(${REPORT_WORDS.afterAsOf})</span>` : '';
  return html`<div class="follow-up" data-comment-id="${text.commentId}"><p class="byline">${text.author ?? REPORT_WORDS.unknownAuthor}, <time class="date" datetime="${text.postedAt}">${format.dateTime(text.postedAt)}</time>${late}</p><div class="text">${richTextHtml(parseRichText(text.html))}</div></div>`;
}

function textsHtml(texts: readonly ReportedText[], format: Formatter, none: string): SafeHtml {
  return texts.length === 0 ? html`<p class="no-text">${none}</p>` : html`${texts.map((text) => textHtml(text, format))}`;
}

function activityHtml(activity: ReportedActivity, year: number, format: Formatter): SafeHtml {
  const facts = activityFacts(activity, year);
  // The state fact is shown as a badge (symbol and word), the others as text.
  const [status, means, , ...rest] = facts;
  return html`<article class="activity" id="aktivitet-${activity.unitId}-${activity.nodeId}"><h6>${activity.name}</h6>
<ul class="activity-facts"><li>${status}</li><li>${means}</li><li>${REPORT_WORDS.followUpOf(year)}: ${stateBadge(activity.state)}</li>${rest.map((fact) => html`<li>${fact}</li>`)}${linkHtml(activity.link)}</ul>
${textsHtml(activity.texts, format, REPORT_WORDS.noFollowUp(year))}</article>`;
}

function* followUpsHtml(report: YearReport, format: Formatter): Generator<SafeHtml | ''> {
  yield report.reported.hasLinks ? '' : html`<p class="note">${REPORT_WORDS.noLinksNote}</p>`;
  for (const area of report.reported.followUps) {
    const failed = area.failedUnits.length === 0 ? '' : html`<p class="failed-units"><strong>${REPORT_WORDS.failedUnits}:</strong> ${area.failedUnits.map((u) => u.unitName).join(', ')}</p>`;
    const empty = area.goals.length === 0 ? html`<p class="no-text">${REPORT.activities.none}</p>` : '';
    yield html`<section class="area" id="uppfoljning-${area.focusArea.key}"><h3>${focusAreaLabel(area.focusArea)}</h3>${failed}${empty}`;
    // A focus area of a large tenant holds thousands of activities: each comes as a part of its own.
    for (const goal of area.goals) {
      yield html`<section class="goal"><h4>${REPORT_WORDS.goalPrefix}: ${goal.name}</h4>`;
      for (const { unit, activities } of goal.units) {
        yield html`<section class="unit"><h5>${unit.unitName}</h5>`;
        for (const activity of activities) yield activityHtml(activity, report.year, format);
        yield html`</section>`;
      }
      yield html`</section>`;
    }
    yield html`</section>`;
  }
}

function* statementsHtml(report: YearReport, format: Formatter): Generator<SafeHtml> {
  for (const s of report.reported.statements)
    yield html`<article class="activity statement" id="redovisning-${s.unit.unitId}"><h5>${s.unit.unitName}</h5>
<ul class="activity-facts"><li>${stateBadge(s.state)}</li>${s.isNone ? html`<li>${REPORT_WORDS.noneStatement}</li>` : ''}${linkHtml(s.link)}</ul>
${textsHtml(s.texts, format, REPORT_WORDS.noStatement)}</article>`;
}

/** The HTML of a section's narrative, in pieces made one at a time (an activity's follow-up texts, a unit's statement). */
export function narrativeHtmlParts(kind: 'follow-ups' | 'statements', report: YearReport, format: Formatter): Generator<SafeHtml | ''> {
  return kind === 'follow-ups' ? followUpsHtml(report, format) : statementsHtml(report, format);
}
