import type { Context } from '../../context.js';
import { requireTenantScope } from '../../core/guards.js';
import { ServiceMapping } from './service-mapping.entity.js';

/** The service's fiscal mapping in the caller's tenant, or null. */
export async function getServiceFiscal(ctx: Context, serviceId: string): Promise<ServiceMapping | null> {
  requireTenantScope(ctx, 'services:read');
  if (!serviceId || serviceId.length > 100) return null;
  return ctx.em.findOne(ServiceMapping, { serviceId });
}

/** Mappings for several services at once (emission by serviceId), keyed by serviceId. */
export async function serviceMappingsById(ctx: Context, serviceIds: string[]): Promise<Map<string, ServiceMapping>> {
  const ids = [...new Set(serviceIds)].filter((s) => s.length <= 100);
  if (!ids.length) return new Map();
  const rows = await ctx.em.find(ServiceMapping, { serviceId: { $in: ids } });
  return new Map(rows.map((r) => [r.serviceId, r]));
}
