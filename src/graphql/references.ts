import type { Context } from '../context.js';
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
  // SIGMA owns Patient and Service: the representation carries the id and the SIGMA fields a field here @requires
  // (Patient.receptor, Service.fiscal); every FacturaXpress field is still scoped to the tenant.
  Patient: {
    __resolveReference: (ref: { id: string }) => ref,
  },
  Service: {
    __resolveReference: (ref: { id: string }) => ref,
  },
};
