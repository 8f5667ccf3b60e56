import { meResponse, type MeResponse } from '../../../contract/index.ts';
import { actAsList, allowedTransactionTypes, restrictionsFor } from '../../domain/actor.ts';
import { departmentNames, presentEmployeeDetail, presentEmployeeSummary } from '../../domain/employees.ts';
import type { RouteRegistry } from '../route.ts';

export function registerMeRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/me',
    tag: 'Employees',
    summary: 'The signed-in user, the actor, and what the actor may order',
    description:
      '`transactionTypes` and `isApprover` are the actor\'s; `canMoveService` is the authenticated user\'s. ' +
      '`actAs` (extension) lists whom the user may act for; `transactionTypeRestrictions` (extension) explains each missing type.',
    response: meResponse,
    handler: ({ c }): MeResponse => {
      const { db } = c.var.deps;
      const { user, actor, tenantId } = c.var.auth;
      const departments = departmentNames(db, tenantId);
      const origin = c.var.origin;
      return {
        authenticatedUser: presentEmployeeDetail(db, origin, user, departments),
        actor: presentEmployeeDetail(db, origin, actor, departments),
        transactionTypes: allowedTransactionTypes(db, actor),
        isApprover: actor.isApprover,
        canMoveService: user.canMoveService,
        customAttributes: actor.customAttributes,
        actAs: actAsList(db, user).map((employee) => presentEmployeeSummary(origin, employee)),
        transactionTypeRestrictions: restrictionsFor(db, actor),
      };
    },
  });
}
