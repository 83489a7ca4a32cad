import type { User } from '../../stratsys/schemas.js';
import { ok, undefinedEntity } from '../envelope.js';
import { pathParam, queryInt, queryString, type RouteModule } from './context.js';

/** The department filter's row cap when `maxResults` is not sent (the .NET client always sends 100). */
export const DEPARTMENT_FILTER_DEFAULT_MAX = 100;

/** Contract 2.1, 2.8, 2.9: departments, responsibility roles, users. */
export const registerOrganisationRoutes: RouteModule = (api, { index }) => {
  const { fixture } = index;

  api.get('/departments', async () => ok(fixture.departments));
  api.get('/departments/root', async () => ok(index.root));
  api.get('/departments/filter', async (request) => {
    const name = queryString(request, 'name')?.toLowerCase();
    const parentId = queryString(request, 'parentId');
    const max = queryInt(request, 'maxResults') ?? DEPARTMENT_FILTER_DEFAULT_MAX;
    const rows = fixture.departments.filter((d) => (name === undefined || d.Name.toLowerCase().includes(name)) && (parentId === undefined || d.ParentId === parentId));
    return ok(rows.slice(0, Math.max(0, max)));
  });
  api.get('/departments/:id', async (request) => {
    const id = pathParam(request, 'id');
    const department = index.departments.get(id);
    if (!department) throw undefinedEntity('Department', id);
    return ok(department);
  });

  api.get('/responsibilityroles', async () => ok(fixture.responsibilityRoles));
  api.get('/responsibilityroles/:id', async (request) => {
    const id = pathParam(request, 'id');
    const role = index.roles.get(id);
    if (!role) throw undefinedEntity('ResponsibilityRole', id);
    return ok(role);
  });

  api.get('/users/filter', async (request) => {
    const email = queryString(request, 'email')?.toLowerCase();
    const name = queryString(request, 'name')?.toLowerCase();
    return ok(fixture.users.filter((u) => (email === undefined || (u.Email ?? '').toLowerCase().includes(email)) && (name === undefined || matchesName(u, name))));
  });
  api.get('/users/:user', async (request) => {
    const key = pathParam(request, 'user');
    const user = index.findUser(key);
    if (!user) throw undefinedEntity('User', key);
    return ok(user);
  });
};

/** `name` matches first name, last name, user name and "first last" (substring, case-insensitive). */
function matchesName(user: User, name: string): boolean {
  const first = (user.FirstName ?? '').toLowerCase();
  const last = (user.LastName ?? '').toLowerCase();
  return [first, last, user.Username.toLowerCase(), `${first} ${last}`].some((candidate) => candidate.includes(name));
}
