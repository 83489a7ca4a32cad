import { KpiDataSchema } from '../../stratsys/schemas.js';
import { invalidRequest, ok, undefinedEntity } from '../envelope.js';
import { kpiColumnsIn, toWireKpi, toWireKpiColumn } from '../wire.js';
import { pathParam, queryInt, queryString, type RouteModule } from './context.js';
import { formatZodIssues } from '../../shared/zod-issues.js';

/** Contract 2.10, 2.11: KPIs, KPI columns, KPI data (read and SaveOrUpdate). */
export const registerKpiRoutes: RouteModule = (api, { index, kpis, stats }) => {
  api.get('/kpis/filter', async (request) => {
    const id = queryString(request, 'id');
    const departmentId = queryString(request, 'departmentId');
    const name = queryString(request, 'name')?.toLowerCase();
    const scorecardId = queryString(request, 'scorecardId');
    const rows = index.fixture.kpis
      .filter((k) => (id === undefined || k.id === id) && (name === undefined || k.name.toLowerCase().includes(name)) && (scorecardId === undefined || k.scorecardId === scorecardId))
      .flatMap((k) => k.departmentIds.filter((d) => departmentId === undefined || d === departmentId).map((d) => toWireKpi(index, k, d)));
    return ok(rows);
  });

  api.get('/kpicolumns/:kpiId/filter', async (request) => {
    const kpiId = pathParam(request, 'kpiId');
    const departmentId = queryString(request, 'departmentId');
    const name = queryString(request, 'name')?.toLowerCase();
    const kpi = index.kpis.get(kpiId);
    if (!kpi || (departmentId !== undefined && !kpi.departmentIds.includes(departmentId))) {
      throw undefinedEntity('Kpi', kpiId, `Department: ${departmentId ?? ''}`);
    }
    const columns = kpiColumnsIn(index, kpiId, departmentId ?? null).filter((c) => name === undefined || c.name.toLowerCase().includes(name));
    return ok(columns.map(toWireKpiColumn));
  });

  api.get('/kpidata/:kpiId/filter', async (request) =>
    ok(
      kpis.read(pathParam(request, 'kpiId'), {
        departmentId: queryString(request, 'departmentId'),
        kpiColumnId: queryString(request, 'kpiColumnId'),
        kpiColumnName: queryString(request, 'kpiColumnName'),
        kpiColumnIndex: queryInt(request, 'kpiColumnIndex'),
        startDate: queryString(request, 'startDate'),
        endDate: queryString(request, 'endDate'),
      }),
    ),
  );

  api.put('/kpidata', async (request) => {
    const parsed = KpiDataSchema.safeParse(request.body);
    if (!parsed.success) {
      const detail = formatZodIssues(parsed.error.issues, 'body').join('; ');
      throw invalidRequest(`KpiData: ${detail}.`);
    }
    const stored = kpis.write(parsed.data);
    stats.recordWrite();
    return ok(stored);
  });
};
