import type { Context } from '../../core/context.js';
import { requireAuthenticated } from '../../core/guards.js';
import { Tenant } from '../tenants/tenant.entity.js';

export interface WhoAmI {
  kind: string;
  keyId: string | null;
  subject: string | null;
  ambiente: string | null;
  scopes: string[];
  tenant: Tenant | null;
}

export async function whoAmI(ctx: Context): Promise<WhoAmI> {
  requireAuthenticated(ctx);
  const a = ctx.actor;
  if (a.kind === 'anonymous') throw new Error('unreachable');
  const tenant = a.kind === 'admin' ? null : await ctx.em.findOneOrFail(Tenant, { id: a.tenantId });
  return {
    kind: a.kind,
    keyId: a.kind === 'user' ? null : a.keyId,
    subject: a.kind === 'user' ? a.subject : null,
    ambiente: a.kind === 'admin' ? null : a.ambiente,
    scopes: a.scopes,
    tenant,
  };
}
