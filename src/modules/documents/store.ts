/**
 * The stored versión legible: rendered once per (invoice, status shown, layout) and kept as bytes. PROCESSED,
 * CONTINGENCY and INVALIDATED documents are stored (they print differently: sello / "sin sello" / ANULADO); any
 * other status is rendered on demand and not kept, since it is about to change.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Invoice } from '../invoices/invoice.entity.js';
import { StoredDocument } from './document.entity.js';
import { DocumentRenderError, type DteJson, type DteStatus } from './dte-json.js';
import { renderDtePdf } from './pdf.js';
import { printableLogo } from '../tenants/logo-image.js';
import { Tenant } from '../tenants/tenant.entity.js';

export type PdfVariant = 'letter' | 'ticket';
export const STORED_STATUSES: readonly string[] = ['PROCESSED', 'CONTINGENCY', 'INVALIDATED'];

export async function findStoredPdf(em: EntityManager, invoiceId: string, status: string, variant: PdfVariant): Promise<Buffer | null> {
  const row = await em.fork().findOne(StoredDocument, { invoice: invoiceId, status, variant }, { populate: ['content'] });
  return row ? Buffer.from(row.content) : null;
}

/** The PDF of the invoice as it stands; renders and stores it on first use (concurrent renders: first insert wins). */
export async function loadOrRenderPdf(em: EntityManager, inv: Invoice, variant: PdfVariant = 'letter'): Promise<Buffer> {
  const stored = await findStoredPdf(em, inv.id, inv.status, variant);
  if (stored) return stored;
  const tenant = await em.fork().findOne(Tenant, { id: inv.tenant.id }, { populate: ['logo'], filters: false });
  // A logo stored before uploads were decoded may be unreadable: the document is printed without it.
  const { logo } = printableLogo(tenant?.logo ? Buffer.from(tenant.logo) : null);
  const pdf = await renderDtePdf({
    logo,
    document: inv.document as DteJson,
    status: inv.status as DteStatus,
    selloRecibido: inv.selloRecibido ?? null,
    fhProcesamiento: inv.fhProcesamiento ?? null,
    sandbox: inv.sandbox ?? false,
    variant,
  }).catch((err: unknown) => {
    if (err instanceof DocumentRenderError) throw err;
    throw new DocumentRenderError('RENDER_FAILED', 'document', `cannot be rendered: ${(err as Error).message}`);
  });
  if (STORED_STATUSES.includes(inv.status)) {
    await em.getConnection().execute(
      `insert into invoice_document (id, tenant_id, invoice_id, status, variant, content_type, content, bytes, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, 'application/pdf', ?, ?, now()) on conflict on constraint invoice_document_unique do nothing`,
      [inv.tenant.id, inv.id, inv.status, variant, pdf, pdf.length],
    );
  }
  return pdf;
}
