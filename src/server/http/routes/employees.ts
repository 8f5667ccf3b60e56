import { pageRequest } from '../app-env.ts';
import { employeeDetail, employeesQuery, employeesResponse } from '../../../contract/index.ts';
import { departmentNames, findEmployee, listEmployees, presentEmployee, presentEmployeeDetail } from '../../domain/employees.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { storageId } from '../../domain/sql.ts';
import { notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerEmployeeRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/employees',
    tag: 'Employees',
    summary: 'The tenant-wide employee directory',
    description: 'Any signed-in user may search it. Sort NAME (default, ascending) or UPDATED_DATE (default newest first).',
    query: employeesQuery,
    response: employeesResponse,
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const { tenantId } = c.var.auth;
      const { rows, total } = await listEmployees(db, tenantId, query);
      const departments = await departmentNames(db, tenantId);
      return {
        employees: {
          _meta: pageMeta(pageRequest(c), query.limit, query.offset, total),
          items: rows.map((row) => presentEmployee(c.var.origin, row, departments)),
        },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/employees/:id',
    tag: 'Employees',
    summary: 'One employee with manager and custom attributes',
    response: employeeDetail,
    handler: async ({ c, params }) => {
      const { db } = c.var.deps;
      const { tenantId } = c.var.auth;
      const employeeId = storageId(params.id);
      const row = employeeId === null ? undefined : await findEmployee(db, tenantId, employeeId);
      if (!row) throw notFound(`Employee ${params.id}`);
      return await presentEmployeeDetail(db, c.var.origin, row, await departmentNames(db, tenantId));
    },
  });
}
