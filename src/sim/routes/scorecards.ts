import type { FastifyRequest } from 'fastify';
import { ok, undefinedEntity } from '../envelope.js';
import type { FixtureNode } from '../fixture.js';
import type { TenantIndex } from '../tenant-index.js';
import { findVisibleNode, parseNodeFields, roleHolders, toWireNode, visibleNodes } from '../visibility.js';
import { nodeDescriptionFields, nodeKeywords, toWireColumn } from '../wire.js';
import { pathParam, queryInt, queryString, type RouteModule } from './context.js';

/** Contract 2.2–2.4: scorecards, scorecard columns and the nodes of a scorecard in a department. */
export const registerScorecardRoutes: RouteModule = (api, { index, readings }) => {
  const { fixture } = index;

  api.get('/scorecards', async () => ok(fixture.scorecards));
  api.get('/scorecards/filter', async (request) => {
    const name = queryString(request, 'name')?.toLowerCase();
    return ok(fixture.scorecards.filter((s) => name === undefined || s.Name.toLowerCase().includes(name)));
  });
  api.get('/scorecards/:scorecardId', async (request) => ok(scorecardOf(index, request)));

  api.get('/scorecardcolumns/filter', async (request) => {
    const scorecardId = queryString(request, 'scorecardId');
    const name = queryString(request, 'name')?.toLowerCase();
    const columnIndex = queryInt(request, 'index');
    const nodeType = queryString(request, 'nodeType')?.toLowerCase();
    const rows = fixture.scorecardColumns.filter(
      (c) =>
        (scorecardId === undefined || c.scorecardId === scorecardId) &&
        (name === undefined || c.name.toLowerCase().includes(name)) &&
        (columnIndex === undefined || c.index === columnIndex) &&
        (nodeType === undefined || c.nodeType.toLowerCase() === nodeType),
    );
    return ok(rows.map((c) => toWireColumn(index, c)));
  });
  api.get('/scorecardcolumns/:columnId', async (request) => {
    const id = pathParam(request, 'columnId');
    const column = index.columns.get(id);
    if (!column) throw undefinedEntity('ScorecardColumn', id);
    return ok(toWireColumn(index, column));
  });

  const nodes = '/scorecards/:scorecardId/departments/:departmentId/nodes';
  api.get(nodes, async (request) => {
    const { scorecardId, departmentId } = scope(index, request);
    const reading = readings.get().nodeDepartment;
    return ok(visibleNodes(index, scorecardId, departmentId).map((n) => toWireNode(index, n, departmentId, undefined, reading)));
  });
  api.get(`${nodes}/root`, async (request) => {
    const { scorecardId, departmentId } = scope(index, request);
    const top = visibleNodes(index, scorecardId, departmentId).find((n) => index.columns.get(n.columnId)?.index === 0);
    if (!top) throw undefinedEntity('Node', 'root', `Department: ${departmentId}`);
    return ok(toWireNode(index, top, departmentId, undefined, readings.get().nodeDepartment));
  });
  api.get(`${nodes}/:nodeId`, async (request) => {
    const { departmentId, node } = nodeOf(index, request);
    const { nodeFields, nodeDepartment } = readings.get();
    return ok(toWireNode(index, node, departmentId, parseNodeFields(queryString(request, 'fields'), nodeFields === 'first-only'), nodeDepartment));
  });
  api.get(`${nodes}/:nodeId/keywords`, async (request) => ok(nodeKeywords(index, nodeOf(index, request).node)));
  api.get(`${nodes}/:nodeId/descriptionfields`, async (request) => ok(nodeDescriptionFields(index, nodeOf(index, request).node)));
  api.get(`${nodes}/:nodeId/responsibilityroles/:roleId/users`, async (request) => {
    const { departmentId, node } = nodeOf(index, request);
    const roleId = pathParam(request, 'roleId');
    if (!index.roles.has(roleId)) throw undefinedEntity('ResponsibilityRole', roleId);
    return ok(roleHolders(index, node, roleId, departmentId));
  });
};

function scorecardOf(index: TenantIndex, request: FastifyRequest) {
  const id = pathParam(request, 'scorecardId');
  const scorecard = index.scorecards.get(id);
  if (!scorecard) throw undefinedEntity('Scorecard', id);
  return scorecard;
}

function scope(index: TenantIndex, request: FastifyRequest): { scorecardId: string; departmentId: string } {
  const scorecardId = scorecardOf(index, request).Id;
  const departmentId = pathParam(request, 'departmentId');
  if (!index.departments.has(departmentId)) throw undefinedEntity('Department', departmentId);
  return { scorecardId, departmentId };
}

/** The addressed node; unknown or not visible in the department → 400 `Node undefined`. */
function nodeOf(index: TenantIndex, request: FastifyRequest): { departmentId: string; node: FixtureNode } {
  const { scorecardId, departmentId } = scope(index, request);
  const nodeId = pathParam(request, 'nodeId');
  const node = findVisibleNode(index, scorecardId, departmentId, nodeId);
  if (!node) throw undefinedEntity('Node', nodeId, `Department: ${departmentId}`);
  return { departmentId, node };
}
