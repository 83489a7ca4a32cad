import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidRequest } from '../envelope.js';
import type { KpiStore } from '../kpi-store.js';
import type { ReadingsState } from '../readings.js';
import type { StatsCollector } from '../stats.js';
import type { TenantIndex } from '../tenant-index.js';

/** What every route module gets: the tenant, the mutable KPI store, the sim clock, the counters and the contract readings in force. */
export interface SimContext {
  index: TenantIndex;
  kpis: KpiStore;
  clock: () => Date;
  stats: StatsCollector;
  readings: ReadingsState;
}

/** A route module registers its routes on the `/api/v1` scope. */
export type RouteModule = (api: FastifyInstance, ctx: SimContext) => void;

type Query = Record<string, string | string[] | undefined>;

/**
 * Query strings are parsed with lower-cased keys, because ASP.NET binds parameters
 * case-insensitively (`scorecardId`, `ScorecardId` and `scorecardid` are one parameter).
 */
export function parseQueryLowerKeys(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const name = key.toLowerCase();
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** A query parameter (first value; an empty value counts as absent). */
export function queryString(request: FastifyRequest, name: string): string | undefined {
  const raw = (request.query as Query)[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? undefined : value;
}

/** A boolean query parameter, `true`/`false` in any letter case (.NET sends `True`/`False`). */
export function queryBool(request: FastifyRequest, name: string): boolean | undefined {
  const value = queryString(request, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest(`The value '${value}' is not valid for ${name}.`);
}

/** An integer query parameter; anything else is a 400. */
export function queryInt(request: FastifyRequest, name: string): number | undefined {
  const value = queryString(request, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidRequest(`The value '${value}' is not valid for ${name}.`);
  return Number(value);
}

/** A path parameter (fastify has already decoded it). */
export function pathParam(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string | undefined>)[name] ?? '';
}
