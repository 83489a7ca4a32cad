import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the 2020 report of the bundled tenant', () => {
  it('links every follow-up text to its node in its unit, and every link opens that node in Stratsys', async () => {
    harness = await startSimHarness();
    await harness.run();
    const out = await runCli(['report', '--year', '2020', '--as-of', '2021-03-01'], harness.env());
    expect(out.code).toBe(0);
    const html = out.stdout;
    const origin = new URL(harness.baseUrl).origin;
    const blocks = [...html.matchAll(/<article class="activity[^"]*" id="(?:aktivitet|redovisning)-[^"]*">([\s\S]*?)<\/article>/g)].map((m) => m[1] ?? '');
    const withText = blocks.filter((block) => block.includes('class="follow-up"'));
    const comments = new Set([...html.matchAll(/data-comment-id="(\d+)"/g)].map((m) => m[1]));
    const fixture = buildDemoTenant();
    const actionPlan = new Set(fixture.nodes.filter((n) => n.scorecardId === '50').map((n) => n.id));
    expect([...comments].sort()).toEqual(
      fixture.comments
        .filter((c) => c.periodDate.startsWith('2020') && actionPlan.has(c.nodeId))
        .map((c) => c.id)
        .sort(),
    );
    for (const block of withText) {
      const href = /<a href="([^"]+)" rel="noopener noreferrer nofollow">Öppna i Stratsys<\/a>/.exec(block)?.[1]?.replace(/&amp;/g, '&');
      expect(href?.startsWith(`${origin}/PermaLink/GAVLE/ScorecardView.mvc?`)).toBe(true);
      const url = new URL(href ?? '');
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain(`data-node-id="${url.searchParams.get('NodeIdentifierId')}"`);
      expect(page).toContain(`data-unit-id="${url.searchParams.get('ChangeDepartment')}"`);
    }
    expect(withText.length).toBeGreaterThanOrEqual(30);
  });
});
