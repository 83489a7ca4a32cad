import { describe, expect, it } from 'vitest';
import { stripHtml } from '../../../src/mapping/engine/strip-html.js';
import type { ReportedText } from '../../../src/report/model-reported.js';
import { renderReportHtml } from '../../../src/report/html/document.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import { parseRichText } from '../../../src/report/rich-text.js';
import { richTextToPlain } from '../../../src/report/rich-text-format.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { AS_OF, demoReport } from './fixtures.js';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function reportTexts(report: ReturnType<typeof demoReport>['report']): Map<string, { text: ReportedText; nodeId: string; unitId: string; link: string | null }> {
  const out = new Map<string, { text: ReportedText; nodeId: string; unitId: string; link: string | null }>();
  for (const area of report.reported.followUps)
    for (const goal of area.goals)
      for (const { activities } of goal.units) {
        for (const a of activities) for (const text of a.texts) out.set(text.commentId, { text, nodeId: a.nodeId, unitId: a.unitId, link: a.link });
      }
  for (const s of report.reported.statements) for (const text of s.texts) out.set(text.commentId, { text, nodeId: '5009', unitId: s.unit.unitId, link: s.link });
  return out;
}

describe('what the units reported', () => {
  it('carries every 2020 follow-up text of the action plan, with author, local time and the node permalink in its unit', () => {
    const { report } = demoReport();
    const fixture = buildDemoTenant();
    const actionPlanNodes = new Set(fixture.nodes.filter((n) => n.scorecardId === '50').map((n) => n.id));
    const expected = fixture.comments.filter((c) => c.periodDate.startsWith('2020') && actionPlanNodes.has(c.nodeId));
    expect(expected).toHaveLength(36);
    const found = reportTexts(report);
    expect([...found.keys()].sort()).toEqual(expected.map((c) => c.id).sort());
    for (const comment of expected) {
      const entry = found.get(comment.id);
      const plain = richTextToPlain(entry === undefined ? [] : parseRichText(entry.text.html)).replace(/(^|\n)(• |\d+\. )/g, '$1');
      expect(flat(plain)).toBe(flat(stripHtml(comment.text)));
      expect(entry?.unitId).toBe(comment.departmentId);
      expect(entry?.link).toBe(`https://www.stratsys.se/PermaLink/GAVLE/ScorecardView.mvc?keyId=124&ChangeDepartment=${comment.departmentId}&MenuContainerId=502&NodeIdentifierId=${comment.nodeId}`);
      const user = fixture.users.find((u) => u.Id === comment.userId);
      expect(entry?.text.author).toBe(`${user?.FirstName} ${user?.LastName}`);
    }
    // 202's project statement was posted on 3 March 2021, after the as-of day: shown, marked, not counted.
    const late = [...found.values()].filter((e) => e.text.isAfterAsOf);
    expect(late.map((e) => [e.unitId, e.nodeId])).toEqual([['202', '5009']]);
    expect(Date.parse(late[0]?.text.postedAt ?? '')).toBeGreaterThan(Date.parse(AS_OF));
  });

  it('lists activities without a follow-up as such, under focus area → goal → unit', () => {
    const { report } = demoReport();
    const area = report.reported.followUps.find((a) => a.focusArea.key === 'miljo');
    const unit = area?.goals.flatMap((g) => g.units).find((u) => u.unit.unitId === '105');
    const missing = unit?.activities.find((a) => a.nodeId === '6019');
    expect(missing).toMatchObject({ state: 'missing', texts: [] });
    const md = renderReportMarkdown(report);
    expect(md).toContain('*Ingen uppföljning för 2020.*');
    expect(md).toContain('### 3\\. Miljöstrategiskt program\n\n#### Mål: ');
    expect(renderReportHtml(report)).toContain(`id="aktivitet-105-6019"`);
  });

  it('shows the contribution to every goal of the mapping, municipality-wide first', () => {
    const { report } = demoReport();
    const goals = report.reported.goals;
    expect(goals.map((g) => g.level)).toEqual([...goals.map((g) => g.level)].sort((a, b) => (a === b ? 0 : a === 'municipality' ? -1 : 1)));
    expect(goals).toHaveLength(11);
    const climate = goals.find((g) => g.key === 'klimatpaverkan');
    expect(climate?.activities.map((a) => a.activity.nodeId)).toContain('6019');
    expect(climate?.missing).toBe(climate?.activities.filter((a) => a.activity.state === 'missing').length);
    // The activity a goal lists is the one its focus area lists, not a copy.
    const listed = report.reported.followUps.flatMap((area) => area.goals.flatMap((g) => g.units.flatMap((u) => u.activities)));
    expect(climate?.activities.every((a) => listed.includes(a.activity))).toBe(true);
    expect(goals.reduce((sum, g) => sum + g.activities.length, 0)).toBeGreaterThan(report.activitiesByStatus.activities);
  });

  it('names the units whose pull failed, first in the report and in each focus area', () => {
    const { report } = demoReport({ failedUnitIds: ['203'] });
    expect(report.reported.followUps.every((a) => a.failedUnits.map((u) => u.unitId).join() === '203')).toBe(true);
    const html = renderReportHtml(report);
    const notice = /<div class="notice" role="alert"><p><strong>([^<]*)<\/strong>/.exec(html)?.[1] ?? '';
    expect(notice).toContain('Gävle Hamn AB');
    expect(html.indexOf('class="notice"')).toBeLessThan(html.indexOf('<main>'));
    expect(renderReportMarkdown(report).split('\n')[2]).toContain('Ofullständig sammanställning. Uppgifter saknas för Gävle Hamn AB');
    expect(renderReportHtml(demoReport().report)).not.toContain('class="notice"');
  });
});

describe('the names of an activity’s means and other goals', () => {
  it('are one frozen list per set of keys, shared by the activities that have it, and name what each activity has', () => {
    const { report, assessment } = demoReport();
    const activities = report.reported.followUps.flatMap((area) => area.goals.flatMap((goal) => goal.units.flatMap((unit) => unit.activities)));
    expect(activities.length).toBeGreaterThan(10);
    const byMeans = new Map<string, Set<readonly string[]>>();
    const meansName = new Map(assessment.view.period.means.map((m) => [m.key, m.name]));
    for (const activity of activities) {
      const own = assessment.view.activities.find((a) => a.nodeId === activity.nodeId && a.unitId === activity.unitId);
      expect(activity.meansNames).toEqual(own?.meansKeys.map((key) => meansName.get(key)));
      expect(Object.isFrozen(activity.meansNames)).toBe(true);
      expect(Object.isFrozen(activity.otherGoalNames)).toBe(true);
      const key = activity.meansNames.join('|');
      byMeans.set(key, (byMeans.get(key) ?? new Set()).add(activity.meansNames));
    }
    // Activities with the same means hold the same list, not copies of it.
    expect([...byMeans.values()].every((lists) => lists.size === 1)).toBe(true);
    expect(byMeans.size).toBeLessThan(activities.length);
  });
});
