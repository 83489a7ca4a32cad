import type { FastifyRequest } from 'fastify';
import type { User } from '../../stratsys/schemas.js';
import { reportingListView, reportListItems, stockholmDate } from '../deadlines.js';
import { ok, undefinedEntity } from '../envelope.js';
import type { TenantIndex } from '../tenant-index.js';
import { pathParam, queryBool, type RouteModule } from './context.js';

/** Contract 2.12, 2.15–2.17: start-page lists, application, versions, access check, periodicities. */
export const registerAppRoutes: RouteModule = (api, { index, clock }) => {
  const { fixture } = index;

  api.get('/stratsys-apps/reportlists/:listId/users/:user', async (request) => {
    const listId = pathParam(request, 'listId');
    const list = fixture.reportLists.find((l) => l.id === listId);
    if (!list) throw undefinedEntity('ReportList', listId);
    const user = userOf(index, request);
    return ok(reportListItems(index, list, user.Id, stockholmDate(clock()), queryBool(request, 'showAll') ?? false));
  });
  api.get('/stratsys-apps/reportinglists', async () => ok(fixture.reportingLists.map((l) => ({ Id: l.id, Name: l.name, NodeType: l.nodeType }))));
  api.get('/stratsys-apps/reportinglists/:listId/users/:user', async (request) => {
    const listId = pathParam(request, 'listId');
    const list = fixture.reportingLists.find((l) => l.id === listId);
    if (!list) throw undefinedEntity('ReportingList', listId);
    const user = userOf(index, request);
    return ok(reportingListView(index, list, user.Id, stockholmDate(clock()), queryBool(request, 'showAll') ?? false));
  });

  api.get('/applications/this', async () => ok(fixture.application));
  api.get('/versions', async () => ok(fixture.versions));
  api.get('/authorizations/CheckAccess', async () => ok('Ok'));

  api.get('/periodicities', async () => ok(fixture.periodicities));
  api.get('/periodicities/:id', async (request) => {
    const id = pathParam(request, 'id');
    const periodicity = fixture.periodicities.find((p) => p.Id === id);
    if (!periodicity) throw undefinedEntity('Periodicity', id);
    return ok(periodicity);
  });
};

/** The `{user}` path segment: id, user name or e-mail (case-insensitive), or `me`. */
function userOf(index: TenantIndex, request: FastifyRequest): User {
  const key = pathParam(request, 'user');
  const user = index.findUser(key);
  if (!user) throw undefinedEntity('User', key);
  return user;
}
