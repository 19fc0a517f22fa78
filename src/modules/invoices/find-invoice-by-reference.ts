import type { Context } from '../../context.js';
import { requireTenantScope } from '../../core/guards.js';
import { Invoice } from './invoice.entity.js';

/** The invoice the caller's tenant emitted under its own external reference (unique per tenant), or null. */
export async function findInvoiceByReference(ctx: Context, referenciaExterna: string): Promise<Invoice | null> {
  requireTenantScope(ctx, 'invoices:read');
  if (!referenciaExterna || referenciaExterna.length > 100) return null;
  return ctx.em.findOne(Invoice, { referenciaExterna });
}
