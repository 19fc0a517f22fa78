import type { Context } from '../../context.js';
import { requireTenantScope } from '../../core/guards.js';
import { Invoice, InvoiceEvent } from './invoice.entity.js';
import { compactJws } from './invoice-jws.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One invoice of the caller's tenant (the tenant filter scopes the lookup), or null. */
export async function getInvoice(ctx: Context, id: string): Promise<Invoice | null> {
  requireTenantScope(ctx, 'invoices:read');
  if (!UUID.test(id)) return null;
  return ctx.em.findOne(Invoice, { id });
}

/** The JWS as transmitted to MH (rebuilt from the stored document and signature), or null before signing. */
export async function getSignedDocument(ctx: Context, id: string): Promise<string | null> {
  requireTenantScope(ctx, 'invoices:read');
  const row = await ctx.em.findOne(Invoice, { id });
  return row ? compactJws(row) : null;
}

/** The invoice's history, oldest first. */
export async function getInvoiceEvents(ctx: Context, invoiceId: string): Promise<InvoiceEvent[]> {
  requireTenantScope(ctx, 'invoices:read');
  return ctx.em.find(InvoiceEvent, { invoice: invoiceId }, { orderBy: { id: 'asc' } });
}
