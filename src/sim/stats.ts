/** Request counters of the simulator, by route template and status. */
export interface SimStats {
  /** Requests received (API and token endpoint; the control API is not counted). */
  total: number;
  /** `PUT kpidata` requests handled (stored or ignored because locked). */
  writes: number;
  /** Status (or `reset` for a destroyed connection) → count. */
  byStatus: Record<string, number>;
  /** `METHOD template`, e.g. `GET comments/{nodeId}/filter`, → count and per-status counts. */
  byRoute: Record<string, { count: number; byStatus: Record<string, number> }>;
}

/** Turns a fastify route URL (`/api/v1/comments/:nodeId/filter`) into a template (`comments/{nodeId}/filter`). */
export function routeTemplate(url: string | undefined): string {
  if (url === undefined) return '(unmatched)';
  return url
    .replace(/^\/api\/v1\/?/i, '')
    .replace(/^\//, '')
    .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Collects `SimStats`; one per server. */
export class StatsCollector {
  private stats: SimStats = emptyStats();

  record(method: string, template: string, status: number | 'reset'): void {
    const key = `${method} ${template}`;
    const code = String(status);
    this.stats.total += 1;
    this.stats.byStatus[code] = (this.stats.byStatus[code] ?? 0) + 1;
    const route = (this.stats.byRoute[key] ??= { count: 0, byStatus: {} });
    route.count += 1;
    route.byStatus[code] = (route.byStatus[code] ?? 0) + 1;
  }

  recordWrite(): void {
    this.stats.writes += 1;
  }

  snapshot(): SimStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = emptyStats();
  }
}

function emptyStats(): SimStats {
  return { total: 0, writes: 0, byStatus: {}, byRoute: {} };
}
