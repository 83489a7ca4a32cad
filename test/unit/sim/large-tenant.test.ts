import { describe, expect, it } from 'vitest';
import { generateLargeTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { TenantFixtureSchema } from '../../../src/sim/fixture-refs.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';
import { SnapshotSchema } from '../../../src/snapshot/schema.js';

describe('generateLargeTenant', () => {
  it('has the default sizes and is fast', () => {
    const started = performance.now();
    const tenant = generateLargeTenant();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
    const units = tenant.departments.filter((d) => d.ParentId === '100' || d.ParentId === '200');
    expect(units).toHaveLength(200);
    expect(units.filter((d) => d.ParentId === '200').every((d) => / AB$/.test(d.Name))).toBe(true);
    expect(tenant.nodes.filter((n) => n.columnId === '503')).toHaveLength(6000);
    expect(tenant.comments).toHaveLength(18_000);
    expect(tenant.kpiData).toHaveLength(1000);
    expect(tenant.reportLists[0]?.rows).toHaveLength(200);
    expect(tenant.kpis.find((k) => k.id === '9101')?.departmentIds).toHaveLength(200);
  });

  it('honours custom sizes exactly, also with more comments than (activity, year) slots', () => {
    const tenant = generateLargeTenant({ units: 7, activities: 20, comments: 100, kpiValues: 55, seed: 3 });
    expect(tenant.departments.filter((d) => d.ParentId === '100' || d.ParentId === '200')).toHaveLength(7);
    expect(tenant.nodes.filter((n) => n.columnId === '503')).toHaveLength(20);
    expect(tenant.comments).toHaveLength(100);
    expect(tenant.comments.filter((c) => c.nodeId === '5009')).toHaveLength(10);
    expect(tenant.kpiData).toHaveLength(55);
  });

  it('is deterministic per seed and varies between seeds', () => {
    const options = { units: 10, activities: 50, comments: 120, kpiValues: 40 };
    expect(JSON.stringify(generateLargeTenant({ ...options, seed: 9 }))).toBe(JSON.stringify(generateLargeTenant({ ...options, seed: 9 })));
    expect(JSON.stringify(generateLargeTenant({ ...options, seed: 9 }))).not.toBe(JSON.stringify(generateLargeTenant({ ...options, seed: 10 })));
  });

  it('is a valid fixture whose fast-path snapshot validates', () => {
    const tenant = generateLargeTenant({ units: 30, activities: 600, comments: 1500, kpiValues: 200, seed: 5 });
    expect(TenantFixtureSchema.safeParse(JSON.parse(JSON.stringify(tenant))).success).toBe(true);
    const snapshot = snapshotFromFixture(tenant, { tenantId: 'large', pulledAt: '2021-02-20T10:00:00Z' });
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.units).toHaveLength(30);
    const activityRows = snapshot.units.reduce((sum, u) => sum + (u.scorecards[0]?.activities.length ?? 0), 0);
    expect(activityRows).toBe(600);
  });
});
