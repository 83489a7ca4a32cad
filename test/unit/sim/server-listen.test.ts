import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../src/sim/server.js';
import { BASIC, CONTROL, demoSim } from './helpers.js';

let sim: SimServer;
let base: string;
beforeAll(async () => {
  sim = demoSim();
  base = await sim.listen(0, '127.0.0.1');
});
afterAll(() => sim.close());

const get = (path: string, auth: string | null = BASIC) => fetch(new URL(path, base), { headers: auth === null ? {} : { authorization: auth } });

describe('sim server over a real socket', () => {
  it('listens on a free loopback port and returns the API base URL', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/$/);
    const response = await get('departments/root');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Result: { Id: '1', ParentId: null, Name: 'Gävle kommun', ShortName: 'GK' }, Success: true, Message: null });
    expect((await get('departments/root', null)).status).toBe(401);
  });

  it('gets and uses an OAuth2 token', async () => {
    const response = await fetch(new URL('/oauth/token', base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'gavle-sync-demo', client_secret: 'sim-secret-gavle' }),
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    expect((await get('authorizations/CheckAccess', `BEARER GAVLE_${token}`)).status).toBe(200);
  });

  it('resets the connection, then serves the next request', async () => {
    sim.setFaults({ connectionResets: { count: 1, path: 'statuses' } });
    await expect(get('statuses')).rejects.toThrow(/fetch failed/);
    expect((await get('statuses')).status).toBe(200);
  });

  it('sends malformed JSON that a client cannot parse', async () => {
    sim.setFaults({ malformedJson: { count: 1 } });
    const response = await get('statuses');
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('serves the control API with the control token', async () => {
    sim.setFaults({ tooManyRequests: { count: 1 } });
    const limited = await get('statuses');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    const stats = await fetch(new URL('/__sim/stats', base), { headers: { authorization: `Bearer ${CONTROL}` } });
    expect(((await stats.json()) as { byStatus: Record<string, number> }).byStatus['429']).toBe(1);
    expect((await fetch(new URL('/__sim/stats', base))).status).toBe(401);
  });
});
