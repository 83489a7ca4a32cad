import type { FixtureComment } from '../../fixture.js';
import type { Prng } from '../../prng.js';
import { focusAreaOf, MISSING_2020_ACTIVITY_ID, type DemoActivity } from './activities.js';
import { PROJECT_REPORT_NODE_ID } from './reference.js';
import { followUpText, officeTime, projectStatementText } from './texts.js';

/**
 * The demo's follow-up history (docs/demo-tenant.md, "Follow-ups"). Period date `Y-12-31`, due
 * 31 January Y+1 with 14 grace days. Project statements (node 5009) list the unit's projects
 * granted in the year, or say "Inga …". On time means posted in January Y+1 unless stated:
 * - 2018, 2019: every unit follows up every activity and states its projects; 103 posts all of
 *   2019 on 2020-02-20 (late). 204 joined in 2019 and has nothing for 2018.
 * - 2020: 101, 102, 104, 201, 204 on time; 202 posts its activities on 2021-02-05 (inside the
 *   grace days, so on time) and its project statement on 2021-03-03 (late); 103 posts its focus
 *   area 2 activities on 2021-02-25 (late), the rest on time; 105 leaves 6019 (focus area 3)
 *   without a follow-up; 106 and 203 are silent.
 */

/** Years with follow-ups in the demo. */
export const DEMO_YEARS = [2018, 2019, 2020] as const;
/** Units that post nothing for 2020. */
export const SILENT_2020_UNITS: readonly string[] = ['106', '203'];
/** The comment type of every demo follow-up. */
export const COMMENT_TYPE = { id: 1, name: 'Uppföljning' } as const;

type Kind = 'activity' | 'statement';

/** The posting day of a follow-up, or null when the unit leaves it out. */
function postingDay(unit: string, year: number, kind: Kind, activity: DemoActivity | null, prng: Prng): string | null {
  if (unit === '204' && year === 2018) return null;
  if (year === 2020 && SILENT_2020_UNITS.includes(unit)) return null;
  if (year === 2020 && activity?.id === MISSING_2020_ACTIVITY_ID) return null;
  if (unit === '103' && year === 2019) return '2020-02-20';
  if (unit === '103' && year === 2020 && activity !== null && focusAreaOf(activity) === 2) return '2021-02-25';
  if (unit === '202' && year === 2020) return kind === 'statement' ? '2021-03-03' : '2021-02-05';
  return `${year + 1}-01-${String(prng.int(8, 31)).padStart(2, '0')}`;
}

/** Every demo comment: activity follow-ups and project statements (node 5009), plus two on scorecard 51. */
export function demoComments(activities: readonly DemoActivity[], units: readonly string[], reporterOf: (unit: string) => string, prng: Prng): FixtureComment[] {
  const comments: FixtureComment[] = [];
  const add = (nodeId: string, unit: string, year: number, day: string, text: string) => {
    const posted = officeTime(prng, day);
    comments.push({
      id: String(20001 + comments.length),
      nodeId,
      departmentId: unit,
      text,
      periodDate: `${year}-12-31`,
      postedDate: posted,
      lastUpdatedDate: posted,
      userId: reporterOf(unit),
      commentType: { ...COMMENT_TYPE },
    });
  };
  for (const year of DEMO_YEARS) {
    for (const unit of units) {
      const own = activities.filter((a) => a.unit === unit);
      for (const activity of own) {
        const day = postingDay(unit, year, 'activity', activity, prng);
        if (day !== null) add(activity.id, unit, year, day, followUpText(prng, year, activity.project !== null));
      }
      const day = postingDay(unit, year, 'statement', null, prng);
      const projects = own.flatMap((a) => (a.project && a.project.year === year ? [{ name: a.name, project: a.project }] : []));
      if (day !== null) add(PROJECT_REPORT_NODE_ID, unit, year, day, projectStatementText(year, projects, Number(unit) + year));
    }
  }
  add('5502', '101', 2019, '2020-01-15', '<p>Förstudien är klar och upphandlingen har startat.</p>');
  add('5502', '101', 2020, '2021-01-12', '<p>Webbplatsen lanserades i oktober.</p>');
  return comments;
}
