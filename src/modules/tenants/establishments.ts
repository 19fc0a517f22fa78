import type { Context } from '../../context.js';
import { UNSCOPED } from '../../core/guards.js';
import { Establishment } from './tenant.entity.js';

/** A tenant's establishments, default first. The admin sees any tenant's; a tenant actor only its own (filter). */
export async function listEstablishments(ctx: Context, tenantId: string): Promise<Establishment[]> {
  const opts = ctx.actor.kind === 'admin' ? UNSCOPED : {};
  return ctx.em.find(
    Establishment,
    { tenant: tenantId },
    { ...opts, orderBy: { isDefault: 'desc', codEstableMH: 'asc' } },
  );
}
