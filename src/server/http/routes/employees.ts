import { employeeDetail, employeesQuery, employeesResponse } from '../../../contract/index.ts';
import {
  EMPLOYEE_COLUMNS,
  departmentNames,
  findEmployee,
  presentEmployee,
  presentEmployeeDetail,
  queryEmployees,
} from '../../domain/employees.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { likeSubstring, one, storageId } from '../../domain/sql.ts';
import { notFound } from '../errors.ts';
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
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const { tenantId } = c.var.auth;
      const where = ['e.tenant_id = ?'];
      const parameters: unknown[] = [tenantId];
      if (query.search) {
        where.push(
          `(e.first_name LIKE ? ESCAPE '\\' OR e.last_name LIKE ? ESCAPE '\\' OR (e.first_name || ' ' || e.last_name) LIKE ? ESCAPE '\\' OR e.email LIKE ? ESCAPE '\\')`,
        );
        const pattern = likeSubstring(query.search);
        parameters.push(pattern, pattern, pattern, pattern);
      }
      if (query.department !== undefined) {
        where.push('e.department_id = ?');
        parameters.push(storageId(query.department) ?? -1);
      }
      if (query.employee !== undefined) {
        where.push('e.id = ?');
        parameters.push(storageId(query.employee) ?? -1);
      }
      if (query.companyEmployeeId !== undefined) {
        where.push('e.company_employee_id = ?');
        parameters.push(query.companyEmployeeId);
      }
      if (query.dateTimeUpdatedOnOrAfter !== undefined) {
        where.push('e.updated_at >= ?');
        parameters.push(new Date(query.dateTimeUpdatedOnOrAfter).toISOString());
      }
      const byUpdated = query.sort === 'UPDATED_DATE';
      const ascending = query.sortAscending ?? !byUpdated;
      const direction = ascending ? 'ASC' : 'DESC';
      const order = byUpdated
        ? `e.updated_at ${direction}, e.id ${direction}`
        : `e.last_name COLLATE NOCASE ${direction}, e.first_name COLLATE NOCASE ${direction}, e.id ${direction}`;
      const condition = where.join(' AND ');
      const total = one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM employees e WHERE ${condition}`, ...parameters)!.n;
      const rows = queryEmployees(
        db,
        `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE ${condition} ORDER BY ${order} LIMIT ? OFFSET ?`,
        ...parameters,
        query.limit,
        query.offset,
      );
      const departments = departmentNames(db, tenantId);
      return {
        employees: {
          _meta: pageMeta(c, query.limit, query.offset, total),
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
    handler: ({ c, params }) => {
      const { db } = c.var.deps;
      const { tenantId } = c.var.auth;
      const employeeId = storageId(params.id);
      const row = employeeId === null ? undefined : findEmployee(db, tenantId, employeeId);
      if (!row) throw notFound(`Employee ${params.id}`);
      return presentEmployeeDetail(db, c.var.origin, row, departmentNames(db, tenantId));
    },
  });
}
