import type { Context } from '../core/context.js';
import { getInvoice } from '../modules/invoices/get-invoice.js';
import { tenantById } from '../modules/tenants/tenant-by-id.js';

/** Federation `__resolveReference`s: the same tenant scoping as every other entry point. */
export const referenceResolvers = {
  Tenant: {
    __resolveReference: (ref: { id: string }, ctx: Context) => tenantById(ctx, ref.id),
  },
  Invoice: {
    __resolveReference: (ref: { id: string }, ctx: Context) => getInvoice(ctx, ref.id),
  },
  // SIGMA owns Patient and Service: their fields here are resolved from the id alone, each scoped to the tenant.
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
  Service: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
