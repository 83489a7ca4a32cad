import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/shared/clock.js';
import { clientCredentialsAuth } from '../../../src/stratsys/auth.js';
import { StratsysHttpError, StratsysResponseError } from '../../../src/stratsys/errors.js';
import { envelope, failure, testClient } from '../../support/stratsys.js';

const api = () => nock('http://stratsys.test').matchHeader('accept', 'application/json');
const departments = [
  { Id: '1', ParentId: null, Name: 'Gävle kommun', ShortName: 'GK' },
  { Id: '101', ParentId: '1', Name: 'Kommunledningsförvaltningen', ShortName: 'KLF' },
];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

describe('envelope and validation', () => {
  it('unwraps Result and parses PascalCase keys case-insensitively, dropping unknown fields', async () => {
    api()
      .get('/api/v1/departments')
      .reply(200, { result: [{ id: 1, parentid: null, NAME: 'Gävle kommun', shortName: 'GK', Extra: true }], success: true, message: null });
    const { client } = testClient();
    await expect(client.departments()).resolves.toEqual([{ Id: '1', ParentId: null, Name: 'Gävle kommun', ShortName: 'GK' }]);
  });

  it('turns Success: false into a typed error with method, path, status and Stratsys message, without retrying', async () => {
    api().get('/api/v1/departments/123456').reply(400, failure('Department undefined: 123456'));
    const { client, sleeps } = testClient();
    const error = await client.department('123456').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StratsysHttpError);
    expect(error).toMatchObject({ code: 'STRATSYS_HTTP', method: 'GET', path: 'departments/123456', status: 400, stratsysMessage: 'Department undefined: 123456', retryable: false });
    expect((error as Error).message).toBe('GET departments/123456 → HTTP 400: Department undefined: 123456');
    expect(sleeps).toEqual([]);
  });

  it('treats a 200 with Success: false as a failure too', async () => {
    api().get('/api/v1/kpis/filter').query({ id: '1' }).reply(200, failure('Kpi undefined: 1'));
    const { client } = testClient();
    await expect(client.kpis({ id: '1' })).rejects.toMatchObject({ code: 'STRATSYS_HTTP', status: 200, stratsysMessage: 'Kpi undefined: 1' });
  });

  it('names the endpoint and the field path on schema drift', async () => {
    api()
      .get('/api/v1/departments')
      .reply(200, envelope([departments[0], { Id: '2', ParentId: '1', ShortName: 'X' }]));
    const { client } = testClient();
    const error = (await client.departments().catch((e: unknown) => e)) as StratsysResponseError;
    expect(error).toBeInstanceOf(StratsysResponseError);
    expect(error.code).toBe('STRATSYS_RESPONSE_INVALID');
    expect(error.message).toContain('GET departments');
    expect(error.problems[0]).toMatch(/^Result\[1\]\.Name: /);
  });

  it('reports a wrong type with its path', async () => {
    api()
      .get('/api/v1/statuses')
      .reply(200, envelope([{ Id: '1', Name: 'Ej påbörjad', IconUrl: null, SortOrder: 'first', StatusType: 'Paused' }]));
    const { client } = testClient();
    await expect(client.statuses()).rejects.toThrow(/GET statuses: .*Result\[0\]\.SortOrder/);
  });

  it('fails malformed JSON as an invalid response, not retried', async () => {
    api().get('/api/v1/scorecards').reply(200, '{"Result": [', { 'Content-Type': 'application/json' });
    const { client, sleeps } = testClient();
    await expect(client.scorecards()).rejects.toMatchObject({ code: 'STRATSYS_RESPONSE_INVALID', message: expect.stringContaining('not valid JSON') });
    expect(sleeps).toEqual([]);
  });

  it('omits unset query parameters and encodes path segments', async () => {
    api().get('/api/v1/activities/filter').query({ scorecardId: '50', departmentId: '101', onlySimple: 'False', excludeFinished: 'False' }).reply(200, envelope([]));
    api()
      .get('/api/v1/users/anna%40gavle.example')
      .reply(200, envelope({ Id: '5', Username: 'anna', Email: 'anna@gavle.example' }));
    const { client } = testClient();
    await expect(client.activities({ scorecardId: '50', departmentId: '101', statusId: undefined })).resolves.toEqual([]);
    await expect(client.user('anna@gavle.example')).resolves.toMatchObject({ Id: '5', Email: 'anna@gavle.example' });
  });
});

describe('transient failures', () => {
  it('honours Retry-After in seconds on 429', async () => {
    api().get('/api/v1/scorecards').reply(429, '', { 'Retry-After': '3' });
    api()
      .get('/api/v1/scorecards')
      .reply(200, envelope([{ Id: '50', Name: 'Handlingsplan' }]));
    const { client, sleeps } = testClient();
    await expect(client.scorecards()).resolves.toHaveLength(1);
    expect(sleeps).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP date on 429', async () => {
    api().get('/api/v1/scorecards').reply(429, '', { 'Retry-After': 'Mon, 01 Mar 2021 08:00:05 GMT' });
    api().get('/api/v1/scorecards').reply(200, envelope([]));
    const { client, sleeps } = testClient({ clock: fixedClock('2021-03-01T08:00:00Z') });
    await client.scorecards();
    expect(sleeps).toEqual([5000]);
  });

  it('retries 503 with jittered exponential backoff, then succeeds', async () => {
    api().get('/api/v1/statuses').times(2).reply(503, 'busy');
    api().get('/api/v1/statuses').reply(200, envelope([]));
    const { client, sleeps, events } = testClient();
    await expect(client.statuses()).resolves.toEqual([]);
    expect(sleeps).toEqual([125, 250]); // random 0.5 × 250·2^attempt
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [503, 0],
      [503, 1],
      [200, 2],
    ]);
  });

  it('gives up after the configured retries with a retryable error', async () => {
    api().get('/api/v1/statuses').times(3).reply(502, '');
    const { client, sleeps } = testClient({ maxRetries: 2 });
    await expect(client.statuses()).rejects.toMatchObject({ code: 'STRATSYS_HTTP', status: 502, retryable: true });
    expect(sleeps).toHaveLength(2);
  });

  it('hands a Retry-After beyond its wait budget to the caller instead of sleeping', async () => {
    api().get('/api/v1/statuses').reply(429, '', { 'Retry-After': '600' });
    const { client, sleeps } = testClient({ maxRetryWaitMs: 60_000 });
    await expect(client.statuses()).rejects.toMatchObject({ code: 'STRATSYS_RATE_LIMITED', retryable: true, retryAfterMs: 600_000 });
    expect(sleeps).toEqual([]);
  });

  it('retries a timeout', async () => {
    api().get('/api/v1/scorecards').delay(500).reply(200, envelope([]));
    api()
      .get('/api/v1/scorecards')
      .reply(200, envelope([{ Id: '1', Name: 'A' }]));
    const { client } = testClient({ timeoutMs: 100 });
    await expect(client.scorecards()).resolves.toEqual([{ Id: '1', Name: 'A' }]);
  });

  it('retries a connection reset (real socket destroyed by a local server)', async () => {
    let calls = 0;
    const server = http.createServer((req, res) => {
      calls += 1;
      if (calls === 1) {
        req.socket.destroy();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(envelope([])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { client, sleeps, events } = testClient({ baseUrl: `http://127.0.0.1:${port}/api/v1/`, timeoutMs: 30_000 });
      await expect(client.scorecards()).resolves.toEqual([]);
      expect(sleeps).toHaveLength(1);
      expect(events.map((e) => e.status)).toEqual([0, 200]);
    } finally {
      server.close();
    }
  });

  it.each([400, 403, 404])('does not retry HTTP %i', async (status) => {
    api().get('/api/v1/departments/9').reply(status, failure('Department undefined: 9'));
    const { client, sleeps } = testClient();
    await expect(client.department('9')).rejects.toMatchObject({ status, retryable: false });
    expect(sleeps).toEqual([]);
  });
});

describe('authentication', () => {
  it('sends Basic credentials and fails a 401 without retrying or leaking the secret', async () => {
    api()
      .matchHeader('authorization', `Basic ${Buffer.from('client:s3cret-value').toString('base64')}`)
      .get('/api/v1/authorizations/CheckAccess')
      .reply(401, '');
    const { client, sleeps } = testClient();
    const error = (await client.checkAccess().catch((e: unknown) => e)) as StratsysHttpError;
    expect(error.code).toBe('STRATSYS_AUTH_FAILED');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('s3cret');
    expect(sleeps).toEqual([]);
  });

  it('fetches a client-credentials token once, refreshes it once on 401 and repeats the request', async () => {
    const token = nock('http://login.test')
      .post('/connect/token', (body: Record<string, string>) => body.grant_type === 'client_credentials' && body.client_id === 'app' && body.scope === 'scope-1')
      .reply(200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 })
      .post('/connect/token')
      .reply(200, { access_token: 'tok-2', token_type: 'Bearer', expires_in: 3600 });
    api().matchHeader('authorization', 'BEARER gavle_tok-1').get('/api/v1/statuses').reply(200, envelope([]));
    api().matchHeader('authorization', 'BEARER gavle_tok-1').get('/api/v1/scorecards').reply(401, '');
    api().matchHeader('authorization', 'BEARER gavle_tok-2').get('/api/v1/scorecards').reply(200, envelope([]));
    const auth = clientCredentialsAuth({
      tokenUrl: 'http://login.test/connect/token',
      clientId: 'app',
      clientSecret: 'sh',
      scope: 'scope-1',
      companyCode: 'gavle',
      clock: fixedClock('2021-03-01T08:00:00Z'),
    });
    const { client } = testClient({ auth });
    await client.statuses();
    await client.scorecards();
    expect(token.isDone()).toBe(true);
  });

  it('gives up when the refreshed token is rejected too', async () => {
    nock('http://login.test').post('/connect/token').times(2).reply(200, { access_token: 'tok', expires_in: 3600 });
    api().get('/api/v1/scorecards').times(2).reply(401, '');
    const auth = clientCredentialsAuth({ tokenUrl: 'http://login.test/connect/token', clientId: 'app', clientSecret: 'sh', clock: fixedClock('2021-03-01T08:00:00Z') });
    const { client } = testClient({ auth });
    await expect(client.scorecards()).rejects.toMatchObject({ code: 'STRATSYS_AUTH_FAILED', status: 401 });
  });

  it('renews a token shortly before it expires', async () => {
    let now = new Date('2021-03-01T08:00:00Z');
    const clock = { now: () => now };
    nock('http://login.test').post('/connect/token').reply(200, { access_token: 'a', expires_in: 300 }).post('/connect/token').reply(200, { access_token: 'b', expires_in: 300 });
    const auth = clientCredentialsAuth({ tokenUrl: 'http://login.test/connect/token', clientId: 'app', clientSecret: 'sh', clock });
    expect(await auth.header()).toBe('BEARER a');
    now = new Date('2021-03-01T08:03:00Z');
    expect(await auth.header()).toBe('BEARER a');
    now = new Date('2021-03-01T08:04:30Z');
    expect(await auth.header()).toBe('BEARER b');
  });

  it('reports a rejected client secret at the token endpoint as an auth failure', async () => {
    nock('http://login.test').post('/connect/token').reply(401, { error: 'invalid_client' });
    const auth = clientCredentialsAuth({ tokenUrl: 'http://login.test/connect/token', clientId: 'app', clientSecret: 'very-secret', clock: fixedClock('2021-03-01T08:00:00Z') });
    const error = (await auth.header().catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('STRATSYS_AUTH_FAILED');
    expect(error.message).not.toContain('very-secret');
  });
});

describe('token endpoint failures', () => {
  it('reports a rejected client secret as an auth failure once, without retrying the API call', async () => {
    const token = nock('http://login.test').post('/connect/token').reply(401, { error: 'invalid_client' });
    const auth = clientCredentialsAuth({ tokenUrl: 'http://login.test/connect/token', clientId: 'app', clientSecret: 'nope', clock: fixedClock('2021-03-01T08:00:00Z') });
    const { client, sleeps } = testClient({ auth });
    await expect(client.checkAccess()).rejects.toMatchObject({ code: 'STRATSYS_AUTH_FAILED', retryable: false });
    expect(token.isDone()).toBe(true);
    expect(sleeps).toEqual([]);
  });
});

describe('KPI write', () => {
  it('sends exactly one column selector and returns the echoed value', async () => {
    api().put('/api/v1/kpidata', { KpiId: '9001', DepartmentId: '12', KpiColumnId: null, KpiColumnName: null, KpiColumnIndex: 2, Date: '2020-12-31', Value: 7 }).reply(200, envelope(7));
    const { client } = testClient();
    await expect(client.putKpiValue({ kpiId: '9001', departmentId: '12', column: { index: 2 }, date: '2020-12-31', value: 7 })).resolves.toBe(7);
  });

  it('returns an echo that differs from the value sent (judged by the write-back, which knows the old value)', async () => {
    api().put('/api/v1/kpidata').reply(200, envelope(5));
    const { client } = testClient();
    await expect(client.putKpiValue({ kpiId: '9001', departmentId: '12', column: { id: '90010' }, date: '2018-12-31', value: 7 })).resolves.toBe(5);
  });
});

describe('reference-client readings', () => {
  it('always sends onlySimple and excludeFinished on activities/filter, as .NET writes booleans', async () => {
    api().get('/api/v1/activities/filter').query({ scorecardId: '50', onlySimple: 'False', excludeFinished: 'False' }).reply(200, envelope([]));
    api().get('/api/v1/activities/filter').query({ scorecardId: '50', departmentId: '101', onlySimple: 'False', excludeFinished: 'True' }).reply(200, envelope([]));
    const { client } = testClient();
    await expect(client.activities({ scorecardId: '50' })).resolves.toEqual([]);
    await expect(client.activities({ scorecardId: '50', departmentId: '101', excludeFinished: true })).resolves.toEqual([]);
  });

  it('accepts null where the reference DTOs have plain strings: comment dates and status type', async () => {
    api()
      .get('/api/v1/comments/6001/filter')
      .query({ departmentId: '101' })
      .reply(200, envelope([{ Id: '1', DepartmentId: '101', Text: 'x', PeriodDate: null, PostedDate: null, LastUpdatedDate: null, UserId: null, CommentType: null }]));
    api()
      .get('/api/v1/statuses/filter')
      .query({ scorecardColumnId: '503' })
      .reply(200, envelope([{ Id: '9', Name: 'Okänd', IconUrl: null, SortOrder: 1, StatusType: null }]));
    const { client } = testClient();
    await expect(client.comments('6001', '101')).resolves.toMatchObject([{ Id: '1', PeriodDate: null, PostedDate: null }]);
    await expect(client.columnStatuses('503')).resolves.toEqual([{ Id: '9', Name: 'Okänd', IconUrl: null, SortOrder: 1, StatusType: null }]);
  });
});
