import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { createSimServer, type SimServer } from '../../../src/sim/server.js';
import { BASIC, call, CONTROL, NOW } from './helpers.js';

const SCOPE = 'https://web.stratsys.se/auth/v1/full.access';
let now = NOW.getTime();
let sim: SimServer;

function start(tokenTtlSeconds?: number): SimServer {
  now = NOW.getTime();
  sim = createSimServer({ fixture: buildDemoTenant(), clock: () => new Date(now), controlToken: CONTROL, tokenTtlSeconds });
  return sim;
}
afterEach(() => sim.close());

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await sim.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
  return { status: response.statusCode, headers: response.headers, json: response.json<Record<string, unknown>>() };
}
const grant = { grant_type: 'client_credentials', client_id: 'gavle-sync-demo', client_secret: 'sim-secret-gavle', scope: SCOPE };
const checkAccess = (auth: string | null) => call(sim, 'authorizations/CheckAccess', { auth });

describe('sim auth: Basic and static bearer tokens', () => {
  it('rejects a request without credentials with a 401 envelope', async () => {
    start();
    const answer = await checkAccess(null);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ Result: null, Success: false, Message: 'Authorization has been denied for this request.' });
    expect(answer.headers['www-authenticate']).toContain('Basic');
  });

  it('accepts Basic with the client id and secret, and rejects a wrong secret', async () => {
    start();
    expect((await checkAccess(BASIC)).json).toEqual({ Result: 'Ok', Success: true, Message: null });
    expect((await checkAccess(`Basic ${Buffer.from('gavle-sync-demo:wrong').toString('base64')}`)).status).toBe(401);
    expect((await checkAccess(`basic ${Buffer.from('gavle-sync-demo:sim-secret-gavle').toString('base64')}`)).status).toBe(200);
  });

  it('accepts BEARER <companyCode>_<token> with a fixture token, in any scheme case', async () => {
    start();
    expect((await checkAccess('BEARER GAVLE_sim-token-gavle')).status).toBe(200);
    expect((await checkAccess('bearer GAVLE_sim-token-gavle')).status).toBe(200);
    expect((await checkAccess('Bearer sim-token-gavle')).status).toBe(401);
    expect((await checkAccess('Bearer OTHER_sim-token-gavle')).status).toBe(401);
    expect((await checkAccess('Bearer GAVLE_wrong')).status).toBe(401);
    expect((await checkAccess('Token GAVLE_sim-token-gavle')).status).toBe(401);
  });

  it('checks every API route, unknown ones included, but not the token endpoint', async () => {
    start();
    expect((await call(sim, 'departments', { auth: null })).status).toBe(401);
    expect((await call(sim, 'no/such/route', { auth: null })).status).toBe(401);
    expect((await token(grant)).status).toBe(200);
  });
});

describe('sim auth: OAuth2 client credentials', () => {
  it('issues a token accepted as Bearer <companyCode>_<token> and as Bearer <token>', async () => {
    start();
    const answer = await token(grant);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: SCOPE });
    const accessToken = String(answer.json.access_token);
    expect(accessToken).toMatch(/^[0-9a-f]{48}$/);
    expect((await checkAccess(`BEARER GAVLE_${accessToken}`)).status).toBe(200);
    expect((await checkAccess(`Bearer ${accessToken}`)).status).toBe(200);
  });

  it('expires tokens after their lifetime on the sim clock', async () => {
    start(60);
    const answer = await token(grant);
    expect(answer.json.expires_in).toBe(60);
    const header = `Bearer ${String(answer.json.access_token)}`;
    now += 59_000;
    expect((await checkAccess(header)).status).toBe(200);
    now += 1_000;
    expect((await checkAccess(header)).status).toBe(401);
    const renewed = await token(grant);
    expect((await checkAccess(`Bearer ${String(renewed.json.access_token)}`)).status).toBe(200);
  });

  it('revokes every issued token on demand, through the API and the control endpoint', async () => {
    start();
    const first = `Bearer ${String((await token(grant)).json.access_token)}`;
    sim.revokeTokens();
    expect((await checkAccess(first)).status).toBe(401);
    expect((await checkAccess('BEARER GAVLE_sim-token-gavle')).status).toBe(200);
    const second = `Bearer ${String((await token(grant)).json.access_token)}`;
    expect((await call(sim, '/__sim/revoke-tokens', { method: 'POST', auth: `Bearer ${CONTROL}` })).status).toBe(204);
    expect((await checkAccess(second)).status).toBe(401);
  });

  it('accepts the client credentials in a Basic header too', async () => {
    start();
    const answer = await token({ grant_type: 'client_credentials' }, { authorization: BASIC });
    expect(answer.status).toBe(200);
  });

  it.each([
    [{ client_id: 'gavle-sync-demo', client_secret: 'sim-secret-gavle' }, 400, 'invalid_request'],
    [{ ...grant, grant_type: 'password' }, 400, 'unsupported_grant_type'],
    [{ grant_type: 'client_credentials', client_id: 'gavle-sync-demo' }, 400, 'invalid_request'],
    [{ ...grant, client_secret: 'wrong' }, 401, 'invalid_client'],
    [{ ...grant, scope: 'openid' }, 400, 'invalid_scope'],
  ])('answers a bad token request %j with %i %s', async (form, status, error) => {
    start();
    const answer = await token(form as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.json.error).toBe(error);
    expect(answer.json.error_description).toEqual(expect.any(String));
  });
});
