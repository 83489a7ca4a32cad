import type { FollowUp, UnreadableFollowUp } from '../../domain/programme.js';
import type { Comment } from '../../stratsys/schemas.js';
import type { MappingIssue } from './issues.js';
import { localTimeToUtc, periodYear } from './local-timestamps.js';
import { compareIds } from '../../shared/ids.js';
import { sortSmall } from '../../shared/sort-small.js';
import { compareInstants } from './names.js';
import { stripHtml } from './strip-html.js';

/**
 * Stratsys comments as follow-ups. Stratsys writes PostedDate as local wall-clock time without a
 * zone (`yyyy-MM-dd HH:mm:ss`); it is read in the report time zone and stored as a UTC instant.
 */

/** Where the follow-ups of one node by one unit go, and what they would count as. */
export interface FollowUpSink {
  kind: UnreadableFollowUp['kind'];
  issues: MappingIssue[];
  /** Comments whose date cannot be read are added here (and reported as a warning issue). */
  unreadable: UnreadableFollowUp[];
}

/**
 * Follow-ups of one period year only (toFollowUps' `only`): the others are read and checked as
 * the kept ones are, then counted, not kept.
 */
export interface OtherYears {
  /** The period year whose follow-ups are kept. */
  year: number;
  /** Readable follow-ups of other years, left out. */
  count: number;
  /** The earliest period year of every readable follow-up, kept or not; null when there is none. */
  firstYear: number | null;
}

/**
 * The follow-ups of one node by one unit, sorted by posting instant then comment id. Only comments
 * whose `DepartmentId` is the unit count for it (a tenant may answer `comments/{n}/filter` with every
 * department's comments; `CommentServiceUT.cs`). A comment whose PeriodDate or PostedDate is null or
 * unreadable is not dropped: it goes to `sink.unreadable` with a warning, so the report it may count
 * for can be marked unknown (contract 5.15). With `only`, the follow-ups of `only.year` are
 * returned and the others counted in `only` (their dates are checked all the same).
 */
export function toFollowUps(comments: readonly Comment[], nodeId: string, unitId: string, timeZone: string, sink: FollowUpSink, only: OtherYears | null = null): FollowUp[] {
  const out: FollowUp[] = [];
  for (const comment of comments) {
    if (comment.DepartmentId !== unitId) continue;
    const postedAt = localTimeToUtc(comment.PostedDate, timeZone);
    const year = periodYear(comment.PeriodDate);
    if (postedAt === null || year === null) {
      const entry = unreadableEntry(comment, nodeId, unitId, sink.kind, year, postedAt === null);
      sink.unreadable.push(entry);
      sink.issues.push({
        severity: 'warning',
        code: 'bad-comment-date',
        message: `comment ${comment.Id} on node ${nodeId} (unit ${unitId}): ${entry.reason}; kept as unreadable evidence, so the report it may count for is unknown`,
        nodeId,
        unitId,
      });
      continue;
    }
    if (only !== null) {
      if (only.firstYear === null || year < only.firstYear) only.firstYear = year;
      if (year !== only.year) {
        only.count += 1;
        continue;
      }
    }
    out.push(followUp(comment, nodeId, unitId, year, postedAt));
  }
  // A node has a few: sorted in place without a sort call per activity.
  return sortSmall(out, compareFollowUps);
}

/** Posting instant, then comment id. */
function compareFollowUps(a: FollowUp, b: FollowUp): number {
  return compareInstants(a.postedAt, b.postedAt) || compareIds(a.commentId, b.commentId);
}

function unreadableEntry(comment: Comment, nodeId: string, unitId: string, kind: UnreadableFollowUp['kind'], year: number | null, isPostedBad: boolean): UnreadableFollowUp {
  const shown = (value: string | null) => (value === null ? 'null' : `"${value}"`);
  const problems = [
    ...(year === null ? [`PeriodDate ${shown(comment.PeriodDate)} is not a date yyyy-MM-dd`] : []),
    ...(isPostedBad ? [`PostedDate ${shown(comment.PostedDate)} is not a date and time yyyy-MM-dd HH:mm:ss`] : []),
  ];
  return { kind, commentId: comment.Id, nodeId, unitId, periodDate: comment.PeriodDate, postedDate: comment.PostedDate, year, reason: problems.join(' and ') };
}

/**
 * A follow-up whose plain text is computed when first read: only project statements are ever
 * searched, and stripping HTML from every activity comment of a large tenant dominated mapping time.
 * `text` is an own enumerable accessor (added last, so keys keep their order), so JSON output and
 * deep equality see it as a plain field. Its getter is one shared function, not a closure per
 * follow-up: an object literal with its own getter is built and read several times slower.
 */
function followUp(comment: Comment, nodeId: string, unitId: string, year: number, postedAt: string): FollowUp {
  const plain = {
    commentId: comment.Id,
    nodeId,
    unitId,
    periodDate: (comment.PeriodDate ?? '').trim().slice(0, 10),
    year,
    postedAt,
    html: comment.Text,
    userId: comment.UserId,
  };
  return Object.defineProperty(plain, 'text', LAZY_TEXT) as FollowUp;
}

/** Plain texts already computed, per follow-up. */
const TEXTS = new WeakMap<object, string>();

/** `text` of a follow-up: read from `html` when first asked, so a text filled in later (src/report/texts.ts) is the one read. */
const LAZY_TEXT: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { html: string }): string {
    let text = TEXTS.get(this);
    if (text === undefined) TEXTS.set(this, (text = stripHtml(this.html)));
    return text;
  },
};

/** Unreadable follow-ups in a stable order: unit, node, comment. */
export function sortUnreadable(entries: UnreadableFollowUp[]): UnreadableFollowUp[] {
  return entries.sort((a, b) => compareIds(a.unitId, b.unitId) || compareIds(a.nodeId, b.nodeId) || compareIds(a.commentId, b.commentId));
}
