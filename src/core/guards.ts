import { ADMIN_SCOPE, type Actor } from './actor.js';
import { AppError, ErrorCode } from './errors.js';
import { TENANT_FILTER } from './tenant-filter.js';

/** What the guards look at: who acts (a request or job context has it). */
export interface Acting {
  actor: Actor;
}

/**
 * Find options that lift the tenant filter: only for platform-admin use cases and system jobs that scope themselves.
 */
export const UNSCOPED = { filters: { [TENANT_FILTER]: false } } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs: anything else names nothing (and must never reach a uuid column). */
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

export function hasScope(actor: Actor, scope: string): boolean {
  return (
    actor.kind !== 'anonymous' &&
    (actor.scopes.includes(scope) || (actor.scopes.includes(ADMIN_SCOPE) && scope === ADMIN_SCOPE))
  );
}

export function requireAuthenticated(ctx: Acting): void {
  if (ctx.actor.kind === 'anonymous')
    throw new AppError(
      ErrorCode.UNAUTHENTICATED,
      'a credential is required: x-api-key, or Authorization: Bearer <API key or JWT>',
    );
}

export function requireAdmin(ctx: Acting): void {
  requireAuthenticated(ctx);
  if (ctx.actor.kind !== 'admin')
    throw new AppError(ErrorCode.FORBIDDEN, `this operation needs the ${ADMIN_SCOPE} scope (a platform admin key)`);
}

/** Returns the caller's tenant id, or refuses a caller without one or without the scope. */
export function requireTenantScope(ctx: Acting, scope: string): string {
  requireAuthenticated(ctx);
  const a = ctx.actor;
  if (a.kind !== 'apiKey' && a.kind !== 'user')
    throw new AppError(ErrorCode.FORBIDDEN, 'this operation acts on a tenant: use a tenant API key or user token');
  if (!a.scopes.includes(scope)) throw new AppError(ErrorCode.FORBIDDEN, `missing scope ${scope}`);
  return a.tenantId;
}
