import { describe, expect, it } from 'vitest';
import { TenantDataSchema, type TenantData } from '../../../src/snapshot/schema.js';
import { decodeStoredTenant, encodeStoredTenant, STORED_TENANT_FORMAT } from '../../../src/snapshot/stored-tenant.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';

/** The demo tenant's reference data as a run pulls it, with the parts only some runs fill. */
function demoTenant(): TenantData {
  const { tenant } = snapshotFromFixture(buildDemoTenant(), { tenantId: 'default', pulledAt: '2021-03-01T02:30:00.000Z' });
  return { ...tenant, nodeFields: 'combined', period: { year: 2020, asOf: '2021-02-28T23:00:00.000Z', programmeId: 'gavle-2018-2020' } };
}

const refusal = (text: string): unknown => {
  try {
    decodeStoredTenant(text, 'snapshots/tenant.json');
  } catch (error) {
    return error;
  }
  return 'accepted';
};

describe('the stored tenant record', () => {
  it('is validated when written and read back equal to the validated data, marked with the stored format', () => {
    const tenant = demoTenant();
    expect(Object.keys(tenant.activityRows ?? {}).length).toBeGreaterThan(0);
    const text = encodeStoredTenant(tenant);
    expect(JSON.parse(text)).toMatchObject({ storedFormat: STORED_TENANT_FORMAT, pulledAt: '2021-03-01T02:30:00.000Z' });
    const read = decodeStoredTenant(text, 'snapshots/tenant.json');
    expect(read).toEqual(TenantDataSchema.parse(tenant));
    expect(read).not.toHaveProperty('storedFormat');
  });

  it('refuses to write reference data that does not match the snapshot schema, naming the field', () => {
    const tenant = demoTenant();
    const broken = { ...tenant, statuses: [{ ...tenant.statuses[0], Name: { sv: 'Pågår' } }] } as unknown as TenantData;
    expect(() => encodeStoredTenant(broken)).toThrow(/^the tenant's reference data does not match the snapshot schema \(statuses\.0\.Name: .+\), so it is not stored$/);
  });

  it('validates a record written before the stored format in full: defaults filled in, a mismatch refused naming where', () => {
    const { columnStatuses: _c, reportLists: _r, roleHolders: _h, ...older } = demoTenant();
    const read = decodeStoredTenant(JSON.stringify(older), 'snapshots/tenant.json');
    expect(read).toMatchObject({ columnStatuses: {}, reportLists: {}, roleHolders: {} });
    expect(read.departments).toEqual(older.departments);
    expect(refusal(JSON.stringify({ ...older, departments: [{ Id: 7 }] }))).toMatchObject({
      code: 'SNAPSHOT_INVALID',
      message: 'snapshots/tenant.json: stored snapshot does not match the snapshot schema',
    });
  });

  it('refuses a stored-format record with a part of the wrong shape, or text that is not JSON, naming where and which part', () => {
    const record = JSON.parse(encodeStoredTenant(demoTenant())) as Record<string, unknown>;
    const damaged = (part: string, value: unknown) => refusal(JSON.stringify({ ...record, [part]: value }));
    expect(damaged('activityRows', { '50': 'rows' })).toMatchObject({
      code: 'SNAPSHOT_INVALID',
      message: 'snapshots/tenant.json: stored reference data does not match the snapshot schema (activityRows)',
    });
    expect(damaged('departments', null)).toMatchObject({ message: expect.stringContaining('(departments)') });
    expect(damaged('period', { year: '2020', asOf: '2021-02-28T23:00:00.000Z' })).toMatchObject({ message: expect.stringContaining('(period)') });
    expect(damaged('pulledAt', undefined)).toMatchObject({ message: expect.stringContaining('(pulledAt)') });
    expect(damaged('roleHolders', { key: [null] })).toMatchObject({ message: expect.stringContaining('(roleHolders)') });
    expect(refusal('{"storedFormat":1,')).toMatchObject({ code: 'SNAPSHOT_INVALID', message: 'snapshots/tenant.json: stored snapshot is not valid JSON' });
    // Another version's record (a newer replica mid-deploy) is never read as this one's: refused, retried later.
    expect(refusal(JSON.stringify({ ...record, storedFormat: STORED_TENANT_FORMAT + 1 }))).toMatchObject({
      code: 'SNAPSHOT_INVALID',
      retryable: true,
      message: `snapshots/tenant.json: stored reference data of another version of the tool (storedFormat ${STORED_TENANT_FORMAT + 1}; this one reads ${STORED_TENANT_FORMAT})`,
    });
  });
});
