import { APPROVAL_DELEGATE_MAX_DAYS, actAsQuery, approvalDelegateRequest, approvalDelegateResponse, employeesResponse, meQuery, meResponse, notificationSettings, type MeResponse } from '../../../contract/index.ts';
import { pageRequest } from '../app-env.ts';
import { actAsList, allowedTransactionTypes, canActForOthers, restrictionsFor, searchActAs } from '../../domain/actor.ts';
import { approvalDelegateOf, clearApprovalDelegate, decidesApprovals, setApprovalDelegate, tenantToday } from '../../domain/approval-delegates.ts';
import { departmentNames, presentEmployee, presentEmployeeDetail, presentEmployeeSummary } from '../../domain/employees.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { notificationSettingsOf, saveNotificationSettings } from '../../domain/notifications/settings.ts';
import type { RouteRegistry } from '../route.ts';

export function registerMeRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/me',
    tag: 'Employees',
    summary: 'The signed-in user, the actor, and what the actor may order',
    description:
      '`transactionTypes` and `isApprover` are the actor\'s (`isApprover` is also true for a member of an approver group and for an approval delegate whose window has not ended); `canMoveService` is the authenticated user\'s. ' +
      '`actAs` (extension act-as) lists whom the user may act for, unless `includeActAs=false` (extension act-as-search) leaves it out; `canActForOthers` (extension act-as-search) says whether that list names anyone; `transactionTypeRestrictions` (extension) explains each missing type.',
    query: meQuery,
    response: meResponse,
    handler: async ({ c, query }): Promise<MeResponse> => {
      const { db } = c.get('deps');
      const { user, actor, tenantId } = c.get('auth');
      const departments = await departmentNames(db, tenantId);
      const origin = c.get('origin');
      return {
        authenticatedUser: await presentEmployeeDetail(db, origin, user, departments),
        actor: await presentEmployeeDetail(db, origin, actor, departments),
        transactionTypes: await allowedTransactionTypes(db, actor),
        isApprover: actor.isApprover || await decidesApprovals(db, actor, await tenantToday(db, tenantId, c.get('deps').now())),
        canMoveService: user.canMoveService,
        customAttributes: actor.customAttributes,
        ...(query.includeActAs === false ? {} : { actAs: (await actAsList(db, user)).map((employee) => presentEmployeeSummary(origin, employee)) }),
        canActForOthers: await canActForOthers(db, user),
        transactionTypeRestrictions: await restrictionsFor(db, actor),
      };
    },
  });

  api.add({
    method: 'get',
    path: '/me/act-as',
    tag: 'Employees',
    summary: 'Extension act-as-search: whom the signed-in user may act for, searched and paged',
    description:
      'The people `/me`\'s `actAs` lists — the authenticated user\'s, whoever the actor is — a page at a time, by last name, then first name: ' +
      'everyone in the tenant but service accounts for the service desk, everyone below a manager at any depth, and whoever named the user delegate. ' +
      '`search` narrows them as it narrows `GET /employees` (one or two characters match the start of the first name, last name or email). Items are shaped as in `GET /employees`.',
    query: actAsQuery,
    response: employeesResponse,
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const { user, tenantId } = c.var.auth;
      const { rows, total } = await searchActAs(db, user, query);
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
    path: '/me/notification-settings',
    tag: 'Employees',
    summary: 'The signed-in user’s notification settings (extension)',
    description: 'Whether the signed-in user (never the actor: a setting is one’s own) gets email at the milestones of their orders. Default `{ "email": true }`.',
    response: notificationSettings,
    handler: async ({ c }) => await notificationSettingsOf(c.get('deps').db, c.get('auth').user.id),
  });

  api.add({
    method: 'put',
    path: '/me/notification-settings',
    tag: 'Employees',
    summary: 'Change the signed-in user’s notification settings (extension)',
    description: '`{ "email": false }` stops milestone email to the signed-in user from the next milestone on; answers the settings now kept.',
    body: notificationSettings,
    response: notificationSettings,
    handler: async ({ c, body }) => await saveNotificationSettings(c.get('deps').db, c.get('auth').user.id, body, c.get('deps').now()),
  });
}

const delegateDescription =
  'Extension approval-delegates: the actor’s approval delegate — someone who may decide the actor’s approval levels from `from` to `until` (calendar days, inclusive, in the tenant’s time zone), as themselves, recorded as decidedBy with onBehalfOf. Separate from act-for. `delegateFor` lists whose delegate the actor is.';

export function registerApprovalDelegateRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/me/approval-delegate',
    tag: 'Employees',
    summary: 'Extension approval-delegates: the actor’s approval delegate (all null when none)',
    description: delegateDescription,
    response: approvalDelegateResponse,
    handler: async ({ c }) => await approvalDelegateOf(c.get('deps').db, c.get('origin'), c.get('auth'), c.get('deps').now()),
  });
  api.add({
    method: 'put',
    path: '/me/approval-delegate',
    tag: 'Employees',
    summary: 'Extension approval-delegates: name (or replace) the actor’s approval delegate',
    description: `${delegateDescription} 400 naming the field: yourself or someone not of your company (delegateEmployeeId), from after until, until before today or more than ${APPROVAL_DELEGATE_MAX_DAYS} days after today in the tenant’s time zone (until).`,
    body: approvalDelegateRequest,
    response: approvalDelegateResponse,
    handler: async ({ c, body }) => {
      await setApprovalDelegate(c.get('deps').db, c.get('auth'), body, c.get('deps').now());
      return await approvalDelegateOf(c.get('deps').db, c.get('origin'), c.get('auth'), c.get('deps').now());
    },
  });
  api.add({
    method: 'delete',
    path: '/me/approval-delegate',
    tag: 'Employees',
    summary: 'Extension approval-delegates: end the actor’s approval delegation',
    description: `${delegateDescription} Answers the state after it (all null).`,
    response: approvalDelegateResponse,
    handler: async ({ c }) => {
      await clearApprovalDelegate(c.get('deps').db, c.get('auth'));
      return await approvalDelegateOf(c.get('deps').db, c.get('origin'), c.get('auth'), c.get('deps').now());
    },
  });
}
