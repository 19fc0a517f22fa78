import type { Context } from '../../context.js';
import { requireAuthenticated } from '../../core/guards.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { tenantById } from '../tenants/tenant-by-id.js';

export interface WhoAmI {
  kind: string;
  keyId: string | null;
  subject: string | null;
  ambiente: string | null;
  scopes: string[];
  tenantId: string | null;
}

export function whoAmI(ctx: Context): WhoAmI {
  requireAuthenticated(ctx);
  const a = ctx.actor;
  if (a.kind === 'anonymous') throw new Error('unreachable');
  return {
    kind: a.kind,
    keyId: a.kind === 'user' ? null : a.keyId,
    subject: a.kind === 'user' ? a.subject : null,
    ambiente: a.kind === 'admin' ? null : a.ambiente,
    scopes: a.scopes,
    tenantId: a.kind === 'admin' ? null : a.tenantId,
  };
}

/** The caller's own tenant (its NIT, NRC, address, MH API user): needs the tenant:read scope. */
export async function callerTenant(ctx: Context, me: WhoAmI): Promise<Tenant | null> {
  return me.tenantId ? tenantById(ctx, me.tenantId) : null;
}
