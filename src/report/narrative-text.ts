import type { Formatter } from './format.js';
import { REPORT_WORDS, stateText } from './labels.js';
import type { ReportedActivity, ReportedText } from './model-reported.js';

/**
 * The words around a follow-up text, shared by the HTML and Markdown renderers so both say the same.
 * Pure.
 */

/** "Status: Pågående", "Medel: Projekt, Nätverk", "Uppföljning 2020: ✓ I tid", "Bidrar även till: …". */
export function activityFacts(activity: ReportedActivity, year: number): string[] {
  const facts = [
    `${REPORT_WORDS.status}: ${activity.statusName ?? REPORT_WORDS.noStatus}`,
    `${REPORT_WORDS.means}: ${activity.meansNames.join(', ') || REPORT_WORDS.noMeans}`,
    `${REPORT_WORDS.followUpOf(year)}: ${stateText(activity.state)}`,
  ];
  if (activity.otherGoalNames.length > 0) facts.push(`${REPORT_WORDS.otherGoals}: ${activity.otherGoalNames.join(', ')}`);
  return facts;
}

/** "Johan Ahlberg, 2021-01-24 13:21" (local time), with a note when posted after the as-of instant. */
export function byline(text: ReportedText, format: Formatter): string {
  const when = format.dateTime(text.postedAt);
  const line = `${text.author ?? REPORT_WORDS.unknownAuthor}, ${when}`;
  return text.isAfterAsOf ? `${line} (${REPORT_WORDS.afterAsOf})` : line;
}
