import { describe, expect, it } from 'vitest';
import { LinksSchema } from '../../../src/mapping/file/schema-links.js';
import { createNodeLinker, originOf } from '../../../src/report/permalink.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { createSimServer } from '../../../src/sim/server.js';

const TEMPLATE = '{origin}/PermaLink/GAVLE/ScorecardView.mvc?keyId=124&ChangeDepartment={unitId}&MenuContainerId=502&NodeIdentifierId={nodeId}';

describe('node links', () => {
  it('fills the template URL-encoded, with the origin of the Stratsys base URL', () => {
    const link = createNodeLinker(TEMPLATE, originOf('https://www.stratsys.se/api/v1/'));
    expect(link({ nodeId: '6001', unitId: '101' })).toBe('https://www.stratsys.se/PermaLink/GAVLE/ScorecardView.mvc?keyId=124&ChangeDepartment=101&MenuContainerId=502&NodeIdentifierId=6001');
    expect(link({ nodeId: 'a&b', unitId: '1 0' })).toContain('ChangeDepartment=1%200&MenuContainerId=502&NodeIdentifierId=a%26b');
  });

  it('gives no link without a template, or without an origin the template needs', () => {
    expect(createNodeLinker(null, 'https://x.example')({ nodeId: '1', unitId: '2' })).toBeNull();
    expect(createNodeLinker(TEMPLATE, null)({ nodeId: '1', unitId: '2' })).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });

  it('rejects templates with unknown placeholders, without {nodeId}, or not https', () => {
    const problems = (node: string) => {
      const parsed = LinksSchema.safeParse({ node });
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(problems(TEMPLATE)).toEqual([]);
    expect(problems('https://x.example/?n={nodeId}&u={unit}')).toEqual([expect.stringContaining('unknown placeholder {unit}')]);
    expect(problems('https://x.example/?u={unitId}')).toEqual(['expected {nodeId} in the link template']);
    expect(problems('http://x.example/?n={nodeId}')).toEqual(['expected the link to start with {origin}/ or https://']);
    expect(LinksSchema.safeParse({ node: TEMPLATE, extra: 1 }).success).toBe(false);
  });

  it('the simulator answers a permalink of a node visible in the unit, and 404 otherwise', async () => {
    const sim = createSimServer({ fixture: buildDemoTenant() });
    const link = createNodeLinker(TEMPLATE, 'http://sim.test');
    const get = async (nodeId: string, unitId: string) => {
      const url = new URL(link({ nodeId, unitId }) ?? '');
      return sim.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    };
    const ok = await get('6001', '101');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('data-node-id="6001"');
    expect(ok.body).toContain('Kommunledningsförvaltningen');
    expect((await get('6001', '102')).statusCode).toBe(404);
    expect((await get('999999', '101')).statusCode).toBe(404);
    expect((await sim.app.inject({ method: 'GET', url: '/PermaLink/OTHER/ScorecardView.mvc?ChangeDepartment=101&NodeIdentifierId=6001' })).statusCode).toBe(404);
    await sim.close();
  });
});
