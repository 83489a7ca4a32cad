import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { TenantFixtureSchema } from '../../../src/sim/fixture-refs.js';
import { loadTenantFixture } from '../../../src/sim/tenants/load-fixture.js';
import { AppError } from '../../../src/shared/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-fixture-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const issuesOf = (mutate: (fixture: TenantFixture) => void): string[] => {
  const fixture = buildDemoTenant();
  mutate(fixture);
  const parsed = TenantFixtureSchema.safeParse(fixture);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('TenantFixtureSchema', () => {
  it('accepts numeric ids and fills defaults', () => {
    const parsed = TenantFixtureSchema.parse({
      companyCode: 'TEST',
      credentials: { clientId: 'c', clientSecret: 's' },
      serviceUserId: 1,
      application: { Name: 'app' },
      departments: [{ Id: 1, ParentId: null, Name: 'Root' }],
      scorecards: [{ Id: 5, Name: 'Plan' }],
      scorecardColumns: [{ id: 50, scorecardId: 5, name: 'Aktivitet', index: 0, nodeType: 'Activity' }],
      statuses: [],
      responsibilityRoles: [],
      users: [{ Id: 1, Username: 'svc' }],
      nodes: [{ id: 7, name: 'A', scorecardId: 5, columnId: 50, departmentId: 1 }],
    });
    expect(parsed.nodes[0]).toEqual({
      id: '7',
      name: 'A',
      parentId: null,
      scorecardId: '5',
      columnId: '50',
      departmentId: '1',
      sortOrder: 0,
      keywordIds: [],
      descriptionFields: {},
      responsibles: [],
      statusId: null,
      endDate: null,
      distributedTo: [],
    });
    expect(parsed.credentials.bearerTokens).toEqual([]);
    expect(parsed.comments).toEqual([]);
  });

  it.each<[string, (f: TenantFixture) => void, string]>([
    ['unknown owner', (f) => void (f.nodes[20] && (f.nodes[20].departmentId = '999')), 'nodes.20.departmentId: unknown department "999"'],
    ['unknown parent', (f) => void (f.nodes[20] && (f.nodes[20].parentId = '4242')), 'nodes.20.parentId: unknown node "4242"'],
    ['parent in another scorecard', (f) => void (f.nodes[20] && (f.nodes[20].parentId = '5501')), 'nodes.20.parentId: parent node "5501" is in another scorecard'],
    ['column of another scorecard', (f) => void (f.nodes[20] && (f.nodes[20].columnId = '512')), 'nodes.20.columnId: column "512" is not a column of scorecard "50"'],
    ['unknown keyword', (f) => void (f.nodes[20] && (f.nodes[20].keywordIds = ['701', '799'])), 'nodes.20.keywordIds.1: unknown keyword "799"'],
    ['duplicate department', (f) => f.departments.push({ Id: '101', ParentId: '100', Name: 'X', ShortName: null }), 'departments.15: duplicate id "101"'],
    ['comment on unknown node', (f) => void (f.comments[0] && (f.comments[0].nodeId = '1')), 'comments.0.nodeId: unknown node "1"'],
    ['value in a foreign column', (f) => void (f.kpiData[0] && (f.kpiData[0].columnId = '90020')), 'kpiData.0.columnId: KPI "9001" has no column "90020" in department "12"'],
    ['second root', (f) => f.departments.push({ Id: '77', ParentId: null, Name: 'X', ShortName: null }), 'departments: expected exactly one root department (ParentId null)'],
    ['unknown service user', (f) => void (f.serviceUserId = '1'), 'serviceUserId: unknown user "1"'],
  ])('reports a %s at its path', (_name, mutate, expected) => {
    expect(issuesOf(mutate)).toContain(expected);
  });
});

describe('loadTenantFixture', () => {
  it('loads a valid file', async () => {
    const file = join(dir, 'demo.json');
    await writeFile(file, JSON.stringify(buildDemoTenant()));
    expect((await loadTenantFixture(file)).companyCode).toBe('GAVLE');
  });

  it('names the file and the field paths of an invalid fixture', async () => {
    const file = join(dir, 'bad.json');
    const fixture = buildDemoTenant();
    (fixture.nodes[3] as { name: unknown }).name = 42;
    await writeFile(file, JSON.stringify(fixture));
    const error = await loadTenantFixture(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CLI_USAGE');
    expect((error as AppError).message).toMatch(new RegExp(`^tenant file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid: nodes\\.3\\.name: `));
  });

  it('reports unreadable files and bad JSON with the file name', async () => {
    await expect(loadTenantFixture(join(dir, 'missing.json'))).rejects.toThrow(/tenant file .*missing\.json cannot be read/);
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"companyCode":');
    await expect(loadTenantFixture(file)).rejects.toThrow(/tenant file .*broken\.json is not valid JSON/);
  });
});
