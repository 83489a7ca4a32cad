import { invalidRequest, ok, SimApiError, undefinedEntity } from '../envelope.js';
import { activityRows, unitComments } from '../visibility.js';
import { toWireKeywordGroup } from '../wire.js';
import { pathParam, queryBool, queryString, type RouteModule } from './context.js';

/** Contract 2.6, 2.7, 2.13: activities, statuses, comments, keyword groups, description fields. */
export const registerActivityRoutes: RouteModule = (api, { index, readings }) => {
  const { fixture } = index;
  const notServed = (path: string) => new SimApiError(404, `No HTTP resource was found that matches the request URI '/api/v1/${path}'.`);

  api.get('/activities/filter', async (request) => {
    if (readings.get().activityFlags === 'required') {
      for (const flag of ['onlySimple', 'excludeFinished']) if (queryString(request, flag) === undefined) throw invalidRequest(`The ${flag} field is required.`);
    }
    return ok(
      activityRows(index, {
        scorecardId: queryString(request, 'scorecardId'),
        departmentId: queryString(request, 'departmentId'),
        statusId: queryString(request, 'statusId'),
        id: queryString(request, 'id'),
        name: queryString(request, 'name'),
        userId: queryString(request, 'userId'),
        excludeFinished: queryBool(request, 'excludeFinished'),
        onlySimple: queryBool(request, 'onlySimple'),
        withColumns: (queryString(request, 'fields') ?? '').toLowerCase().split(',').includes('scorecardcolumns'),
      }),
    );
  });

  api.get('/statuses', async () => {
    if (readings.get().statuses === 'column-only') throw notServed('statuses');
    return ok(fixture.statuses);
  });
  api.get('/statuses/filter', async (request) => {
    if (readings.get().statuses === 'list-only') throw notServed('statuses/filter');
    const columnId = queryString(request, 'scorecardColumnId');
    if (columnId !== undefined && !index.columns.has(columnId)) throw undefinedEntity('ScorecardColumn', columnId);
    return ok(columnId === undefined ? fixture.statuses : (index.columnStatuses.get(columnId) ?? fixture.statuses));
  });
  api.get('/statuses/:id', async (request) => {
    const id = pathParam(request, 'id');
    const status = index.statuses.get(id);
    if (!status) throw undefinedEntity('Status', id);
    return ok(status);
  });

  api.get('/comments/:nodeId/filter', async (request) => {
    const nodeId = pathParam(request, 'nodeId');
    const departmentId = queryString(request, 'departmentId');
    if (!index.nodes.has(nodeId)) throw undefinedEntity('Node', nodeId);
    if (departmentId !== undefined && !index.departments.has(departmentId)) throw undefinedEntity('Department', departmentId);
    return ok(unitComments(index, nodeId, readings.get().commentFilter === 'ignored' ? null : (departmentId ?? null)));
  });

  api.get('/keywordgroups/filter', async (request) => {
    const columnId = queryString(request, 'scorecardColumnId');
    return ok(fixture.keywordGroups.filter((g) => columnId === undefined || g.columnIds.includes(columnId)).map(toWireKeywordGroup));
  });

  api.get('/descriptionfields/filter', async (request) => {
    const name = queryString(request, 'name')?.toLowerCase();
    return ok(fixture.descriptionFields.filter((f) => name === undefined || f.Name.toLowerCase().includes(name)));
  });
  api.get('/descriptionfields/:id', async (request) => {
    const id = pathParam(request, 'id');
    const field = index.descriptionFields.get(id);
    if (!field) throw undefinedEntity('DescriptionField', id);
    return ok(field);
  });
};
