import type { Context } from 'hono';
import { headerNames } from '../../contract/index.ts';
import { mayActFor } from '../domain/actor.ts';
import { findToken, isLive } from '../domain/auth.ts';
import { findEmployee, findEmployeeByCompanyId } from '../domain/employees.ts';
import { storageId } from '../domain/sql.ts';
import type { EmployeeRow } from '../domain/auth-context.ts';
import type { AppEnv } from './app-env.ts';
import { ApiError, badRequest, forbidden, type Problem } from '../domain/errors.ts';

const unauthorized = (message: string) =>
  new ApiError(
    { status: 401, errorCode: '401-UNAUTHORIZED', message, field: 'header.Authorization' },
    { 'WWW-Authenticate': 'Bearer realm="mobproc"' },
  );

/**
 * MOBPROC §2 on every non-public route, in the contract's order: tenant and client headers
 * present (400), token valid (401), token matches the headers (403), context header allowed (403).
 * Sets `c.var.auth` with the signed-in user and the actor.
 */
export async function authenticate(c: Context<AppEnv>): Promise<void> {
  const tenantCode = c.req.header(headerNames.tenant)?.trim();
  const clientId = c.req.header(headerNames.clientId)?.trim();
  const missing: Problem[] = [];
  if (!tenantCode) missing.push(badRequest('MISSING_HEADER', `The ${headerNames.tenant} header (your tenant code) is required.`, `header.${headerNames.tenant}`));
  if (!clientId) missing.push(badRequest('MISSING_HEADER', `The ${headerNames.clientId} header (your application's id) is required.`, `header.${headerNames.clientId}`));
  if (missing.length > 0) throw new ApiError(missing);

  const { db, now } = c.get('deps');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!bearer) throw unauthorized('Sign in and send the access token as "Authorization: Bearer <token>".');
  const token = await findToken(db, bearer);
  if (!token || token.kind !== 'access' || !isLive(token, now())) {
    throw unauthorized('The access token is not valid or has expired; sign in again.');
  }
  const user = await findEmployee(db, token.tenantId, token.employeeId);
  if (!user || user.status !== 'ACTIVE') throw unauthorized('The account of this token is no longer active.');

  if (token.tenantCode.toUpperCase() !== tenantCode!.toUpperCase()) {
    throw forbidden(`The token was issued for another tenant than ${tenantCode}.`, `header.${headerNames.tenant}`);
  }
  if (token.clientId !== clientId) {
    throw forbidden(`The token was issued to another application than ${clientId}.`, `header.${headerNames.clientId}`);
  }

  c.set('auth', { tenantId: token.tenantId, tenantCode: token.tenantCode, clientId: token.clientId, user, actor: await resolveActor(c, user) });
}

async function resolveActor(c: Context<AppEnv>, user: EmployeeRow): Promise<EmployeeRow> {
  const { db } = c.get('deps');
  const byId = c.req.header(headerNames.contextEmployeeId)?.trim();
  const byCompanyId = c.req.header(headerNames.contextCompanyEmployeeId)?.trim();
  let header: string;
  let target: EmployeeRow | undefined;
  if (byId) {
    header = headerNames.contextEmployeeId;
    const employeeId = storageId(byId);
    target = employeeId === null ? undefined : await findEmployee(db, user.tenantId, employeeId);
  } else if (byCompanyId) {
    header = headerNames.contextCompanyEmployeeId;
    target = await findEmployeeByCompanyId(db, user.tenantId, byCompanyId);
  } else {
    return user;
  }
  // An unknown employee is refused like a forbidden one, so IDs of other tenants stay unknowable.
  if (!target || !await mayActFor(db, user, target)) {
    throw forbidden('You may not act for this employee. You may act for people of your own company who report to you or named you their delegate; the service desk, for anyone of its company.', `header.${header}`);
  }
  return target;
}
