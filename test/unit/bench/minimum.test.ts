import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../bench/args.js';
import { ACTIVITY_NODE, contractMinimum, total } from '../../../bench/minimum.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';

const mapping = selectPeriod(await loadMappings('mappings'), 2020);

describe('the contract minimum of the bench', () => {
  it('counts what the contract needs for the demo tenant, route by route, from its shape', () => {
    expect(contractMinimum(buildDemoTenant(), mapping, 47)).toEqual({
      'GET departments': 1,
      'GET scorecardcolumns/filter': 1,
      'GET statuses/filter': 1,
      'GET activities/filter': 1,
      'GET stratsys-apps/reportlists/{listId}/users/{user}': 1,
      // five owner roles, and the reporter lookup in each of the ten units
      'GET scorecards/{scorecardId}/departments/{departmentId}/nodes/{nodeId}/responsibilityroles/{roleId}/users': 15,
      'GET scorecards/{scorecardId}/departments/{departmentId}/nodes': 10,
      [ACTIVITY_NODE]: 36,
      // 36 activity nodes and the project-statement node, each read once for every unit
      'GET comments/{nodeId}/filter': 37,
      'GET kpidata/{kpiId}/filter': 8,
      'PUT kpidata': 47,
    });
  });

  it('grows by one keyword-and-fields read per extra reporting unit of an activity, but not by a comment read', () => {
    const shared = buildDemoTenant();
    const node = shared.nodes.find((n) => n.id === '6001');
    if (!node) throw new Error('demo activity 6001 missing');
    node.distributedTo = ['102'];
    const before = contractMinimum(buildDemoTenant(), mapping, 0);
    const after = contractMinimum(shared, mapping, 0);
    expect(after[ACTIVITY_NODE]).toBe((before[ACTIVITY_NODE] ?? 0) + 1);
    expect(after['GET comments/{nodeId}/filter']).toBe(before['GET comments/{nodeId}/filter']);
    expect(total(after)).toBe(total(before) + 1);
  });

  it('reads its flags, refusing a bad size with the flags it knows', () => {
    expect(parseBenchArgs(['--sizes', '20,200,2000', '--no-readme', '--latency', '20'])).toMatchObject({ sizes: [20, 200, 2000], readme: false, latencyMs: 20 });
    expect(() => parseBenchArgs(['--sizes', '20,x'])).toThrow(/--sizes expects whole numbers/);
    expect(() => parseBenchArgs(['--units', '20'])).toThrow(/unknown flag.*--sizes/);
  });
});
