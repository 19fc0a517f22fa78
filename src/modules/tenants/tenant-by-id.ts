import type { Context } from '../../context.js';
import { UNSCOPED, requireAuthenticated, requireTenantScope } from '../../core/guards.js';
import { Tenant } from './tenant.entity.js';

/** A tenant visible to the caller: tenant actors see only their own (the filter) with tenant:read, the admin any. */
export async function tenantById(ctx: Context, id: string): Promise<Tenant | null> {
  requireAuthenticated(ctx);
  if (ctx.actor.kind !== 'admin') requireTenantScope(ctx, 'tenant:read');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return ctx.em.findOne(Tenant, { id }, ctx.actor.kind === 'admin' ? UNSCOPED : {});
}
