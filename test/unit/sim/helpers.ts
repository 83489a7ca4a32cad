import type { InjectOptions } from 'fastify';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { createSimServer, type SimServer, type SimServerOptions } from '../../../src/sim/server.js';

/** The demo's "today" in most tests: 20 February 2021, 11:00 in Stockholm. */
export const NOW = new Date('2021-02-20T10:00:00Z');
export const BASIC = `Basic ${Buffer.from('gavle-sync-demo:sim-secret-gavle').toString('base64')}`;
export const CONTROL = 'test-control-token';

/** A demo-tenant server on a fixed clock (no socket; use `call`). */
export function demoSim(options: Partial<SimServerOptions> & { fixture?: TenantFixture } = {}): SimServer {
  return createSimServer({ fixture: options.fixture ?? buildDemoTenant(), clock: () => NOW, controlToken: CONTROL, ...options });
}

export interface Answer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json: T;
}

/** One request through `fastify.inject`; API paths are relative to `/api/v1/`, authenticated with Basic unless `auth` is given. */
export async function call<T = { Result: unknown; Success: boolean; Message: string | null }>(
  sim: SimServer,
  path: string,
  options: { method?: InjectOptions['method']; auth?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const url = path.startsWith('/') ? path : `/api/v1/${path}`;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const auth = options.auth === undefined ? BASIC : options.auth;
  if (auth !== null) headers.authorization = auth;
  const response = await sim.app.inject({ method: options.method ?? 'GET', url, headers, ...(options.body === undefined ? {} : { payload: options.body as object }) });
  let json: unknown = undefined;
  try {
    json = response.json();
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, body: response.body, json: json as T };
}

/** The `Result` of a successful envelope (fails the test otherwise). */
export async function result<T>(sim: SimServer, path: string): Promise<T> {
  const answer = await call<{ Result: T; Success: boolean; Message: string | null }>(sim, path);
  if (answer.status !== 200 || !answer.json.Success) throw new Error(`GET ${path} → ${answer.status} ${answer.body}`);
  return answer.json.Result;
}
