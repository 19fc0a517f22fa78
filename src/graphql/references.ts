import type { Context } from '../core/context.js';
import { tenantById } from '../modules/tenants/tenant-by-id.js';

/** Federation `__resolveReference`s: the same tenant scoping as every other entry point. */
export const referenceResolvers = {
  Tenant: {
    __resolveReference: (ref: { id: string }, ctx: Context) => tenantById(ctx, ref.id),
  },
};
