import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../../shared/html.js';
import { findVisibleNode } from '../visibility.js';
import { queryString, type SimContext } from './context.js';

/**
 * The web permalink of a node in a unit, as Stratsys writes it
 * (`/PermaLink/<CompanyCode>/ScorecardView.mvc?keyId=…&ChangeDepartment=<unit>&MenuContainerId=…&NodeIdentifierId=<node>`,
 * contract 1.1 and `ScorecardViewServiceUT.cs`): 200 with a small page naming the node and the unit
 * when the company code is the tenant's and the node is visible in the unit, else 404. No login
 * (the real page needs one); it lets tests follow the links reports carry.
 */
export function registerPermalinkRoute(app: FastifyInstance, ctx: SimContext): void {
  app.get('/PermaLink/:companyCode/ScorecardView.mvc', async (request, reply) => {
    const { companyCode } = request.params as { companyCode: string };
    const unitId = queryString(request, 'ChangeDepartment');
    const nodeId = queryString(request, 'NodeIdentifierId');
    const node = nodeId === undefined ? undefined : ctx.index.nodes.get(nodeId);
    const unit = unitId === undefined ? undefined : ctx.index.departments.get(unitId);
    const isTenant = companyCode.toLowerCase() === ctx.index.fixture.companyCode.toLowerCase();
    if (!isTenant || node === undefined || unit === undefined || findVisibleNode(ctx.index, node.scorecardId, unit.Id, node.id) === undefined) {
      return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>Sidan hittades inte</title><h1>Sidan hittades inte</h1>');
    }
    const page = `<!doctype html><html lang="sv"><title>${escapeHtml(node.name)}</title><h1 data-node-id="${escapeHtml(node.id)}">${escapeHtml(node.name)}</h1><p data-unit-id="${escapeHtml(unit.Id)}">${escapeHtml(unit.Name)}</p></html>`;
    return reply.type('text/html; charset=utf-8').send(page);
  });
}
