import { meResponse, notificationSettings, type MeResponse } from '../../../contract/index.ts';
import { actAsList, allowedTransactionTypes, restrictionsFor } from '../../domain/actor.ts';
import { departmentNames, presentEmployeeDetail, presentEmployeeSummary } from '../../domain/employees.ts';
import { notificationSettingsOf, saveNotificationSettings } from '../../domain/notifications/settings.ts';
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

  api.add({
    method: 'get',
    path: '/me/notification-settings',
    tag: 'Employees',
    summary: 'The signed-in user’s notification settings (extension)',
    description: 'Whether the signed-in user (never the actor: a setting is one’s own) gets email at the milestones of their orders. Default `{ "email": true }`.',
    response: notificationSettings,
    handler: ({ c }) => notificationSettingsOf(c.var.deps.db, c.var.auth.user.id),
  });

  api.add({
    method: 'put',
    path: '/me/notification-settings',
    tag: 'Employees',
    summary: 'Change the signed-in user’s notification settings (extension)',
    description: '`{ "email": false }` stops milestone email to the signed-in user from the next milestone on; answers the settings now kept.',
    body: notificationSettings,
    response: notificationSettings,
    handler: ({ c, body }) => saveNotificationSettings(c.var.deps.db, c.var.auth.user.id, body, c.var.deps.now()),
  });
}
