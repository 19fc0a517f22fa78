/**
 * The stored versión legible: rendered once per (invoice, status shown, layout) and kept as bytes. PROCESSED,
 * CONTINGENCY and INVALIDATED documents are stored (they print differently: sello / "sin sello" / ANULADO); any
 * other status is rendered on demand and not kept, since it is about to change.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queryable } from '../invoices/insert-emission.js';
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

/** What the versión legible is printed from. */
export type PrintableInvoice = Pick<Invoice, 'id' | 'status' | 'document' | 'selloRecibido' | 'fhProcesamiento' | 'sandbox'>;

/** The PDF of the invoice as it stands; renders and stores it on first use (concurrent renders: first insert wins). */
export async function loadOrRenderPdf(em: EntityManager, inv: Invoice, variant: PdfVariant = 'letter'): Promise<Buffer> {
  const stored = await findStoredPdf(em, inv.id, inv.status, variant);
  if (stored) return stored;
  const tenant = await em.fork().findOne(Tenant, { id: inv.tenant.id }, { populate: ['logo'], filters: false });
  const pdf = await renderInvoicePdf(inv, tenant?.logo ? Buffer.from(tenant.logo) : null, variant);
  if (STORED_STATUSES.includes(inv.status)) {
    await em.getConnection().execute(storePdfSql(Array(6).fill('?')), [inv.tenant.id, inv.id, inv.status, variant, pdf, pdf.length]);
  }
  return pdf;
}

/**
 * The stored PDF with one plain statement (no unit of work), or — when none is stored — the tenant's logo to render
 * it with (`storedLogo`, null when the tenant has none).
 */
export async function findStoredPdfOrLogo(
  pool: Queryable, tenantId: string, inv: Pick<Invoice, 'id' | 'status'>, variant: PdfVariant,
): Promise<{ pdf: Buffer } | { pdf: null; storedLogo: Buffer | null }> {
  const { rows } = await pool.query(
    `select d.content, case when d.content is null then t.logo end as logo
     from tenant t left join invoice_document d on d.invoice_id = $2 and d.tenant_id = t.id and d.status = $3 and d.variant = $4
     where t.id = $1`,
    [tenantId, inv.id, inv.status, variant],
  );
  const row = rows[0] as { content: Buffer | null; logo: Buffer | null } | undefined;
  return row?.content ? { pdf: row.content } : { pdf: null, storedLogo: row?.logo ?? null };
}

/** Renders the PDF of the invoice as it stands (no database access); `storedLogo` is the tenant's logo as stored. */
export async function renderInvoicePdf(inv: PrintableInvoice, storedLogo: Buffer | null, variant: PdfVariant): Promise<Buffer> {
  // A logo stored before uploads were decoded may be unreadable: the document is printed without it.
  const { logo } = printableLogo(storedLogo);
  return renderDtePdf({
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
}

/** Keeps a rendered PDF when its status is one that is stored (first insert wins); the bytes travel as binary. */
export async function storePdf(pool: Queryable, tenantId: string, inv: Pick<Invoice, 'id' | 'status'>, variant: PdfVariant, pdf: Buffer): Promise<void> {
  if (!STORED_STATUSES.includes(inv.status)) return;
  await pool.query(storePdfSql(['$1', '$2', '$3', '$4', '$5', '$6']), [tenantId, inv.id, inv.status, variant, pdf, pdf.length]);
}

const storePdfSql = ([tenant, invoice, status, variant, content, bytes]: string[]) =>
  `insert into invoice_document (id, tenant_id, invoice_id, status, variant, content_type, content, bytes, created_at)
   values (gen_random_uuid(), ${tenant}, ${invoice}, ${status}, ${variant}, 'application/pdf', ${content}, ${bytes}, now())
   on conflict on constraint invoice_document_unique do nothing`;
