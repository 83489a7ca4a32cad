import type { FollowUp } from '../domain/programme.js';
import type { Comment } from '../stratsys/schemas.js';
import type { MappingIssue } from './issues.js';
import { localTimeToUtc, periodYear } from './local-time.js';
import { compareIds, compareInstants, stripHtml } from './text.js';

export { localTimeToUtc, periodYear } from './local-time.js';

/**
 * Stratsys comments as follow-ups. Stratsys writes PostedDate as local wall-clock time without a
 * zone (`yyyy-MM-dd HH:mm:ss`); it is read in the report time zone and stored as a UTC instant.
 */

/**
 * The follow-ups of one node by one unit, sorted by posting instant then comment id. A comment with
 * a malformed date is left out with a warning issue.
 */
export function toFollowUps(comments: readonly Comment[], nodeId: string, unitId: string, timeZone: string, issues: MappingIssue[]): FollowUp[] {
  const out: FollowUp[] = [];
  for (const comment of comments) {
    const postedAt = localTimeToUtc(comment.PostedDate, timeZone);
    const year = periodYear(comment.PeriodDate);
    if (postedAt === null || year === null) {
      issues.push({
        severity: 'warning',
        code: 'bad-comment-date',
        message: `comment ${comment.Id} on node ${nodeId} (unit ${unitId}) has an unreadable date (PeriodDate "${comment.PeriodDate}", PostedDate "${comment.PostedDate}"); left out`,
        nodeId,
        unitId,
      });
      continue;
    }
    out.push(followUp(comment, nodeId, unitId, year, postedAt));
  }
  return out.sort((a, b) => compareInstants(a.postedAt, b.postedAt) || compareIds(a.commentId, b.commentId));
}

/**
 * A follow-up whose plain text is computed when first read: only project statements are ever
 * searched, and stripping HTML from every activity comment of a large tenant dominated mapping time.
 * `text` is an own enumerable accessor, so JSON output and deep equality see it as a plain field.
 */
function followUp(comment: Comment, nodeId: string, unitId: string, year: number, postedAt: string): FollowUp {
  const html = comment.Text;
  let text: string | undefined;
  return {
    commentId: comment.Id,
    nodeId,
    unitId,
    periodDate: comment.PeriodDate.trim().slice(0, 10),
    year,
    postedAt,
    html,
    userId: comment.UserId,
    get text() {
      return (text ??= stripHtml(html));
    },
  };
}
