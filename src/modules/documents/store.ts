/**
 * The stored versión legible: rendered once per (invoice, status shown, layout) and kept as bytes. PROCESSED,
 * CONTINGENCY and INVALIDATED documents are stored (they print differently: sello / "sin sello" / ANULADO); any
 * other status is rendered on demand and not kept, since it is about to change.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlParams } from '../../db/sql-params.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { StoredDocument } from './document.entity.js';
import { DocumentRenderError, type DteJson, type DteStatus } from './dte-json.js';
import { renderDtePdf } from './pdf.js';
import { cachedImage, contentKey, prepareImage, type PdfImage } from './pdf-image.js';
import { printableLogo } from '../tenants/logo-image.js';
import { Tenant } from '../tenants/tenant.entity.js';

export type PdfVariant = 'letter' | 'ticket';
export const STORED_STATUSES: readonly string[] = ['PROCESSED', 'CONTINGENCY', 'INVALIDATED'];

export async function findStoredPdf(
  em: EntityManager,
  invoiceId: string,
  status: string,
  variant: PdfVariant,
): Promise<Buffer | null> {
  const row = await em
    .fork()
    .findOne(StoredDocument, { invoice: invoiceId, status, variant }, { populate: ['content'] });
  return row ? Buffer.from(row.content) : null;
}

/** What the versión legible is printed from. */
export type PrintableInvoice = Pick<
  Invoice,
  'id' | 'status' | 'document' | 'selloRecibido' | 'fhProcesamiento' | 'sandbox'
>;

/** The PDF of the invoice as it stands; renders and stores it on first use (concurrent renders: first insert wins). */
export async function loadOrRenderPdf(
  em: EntityManager,
  inv: Invoice,
  variant: PdfVariant = 'letter',
): Promise<Buffer> {
  const stored = await findStoredPdf(em, inv.id, inv.status, variant);
  if (stored) return stored;
  const tenant = await em.fork().findOne(Tenant, { id: inv.tenant.id }, { populate: ['logo'], filters: false });
  const pdf = await renderInvoicePdf(inv, tenant?.logo ? Buffer.from(tenant.logo) : null, variant);
  if (STORED_STATUSES.includes(inv.status)) {
    const values = [inv.tenant.id, inv.id, inv.status, variant, pdf, pdf.length];
    await em.getConnection().execute(storePdfSql(Array(6).fill('?')), values);
  }
  return pdf;
}

/**
 * For a plain select that reads an invoice (`i`, its `tenant_id`, `id` and `status` as they stand) and its tenant
 * (`t`): the stored PDF of that status and layout (`stored_pdf`), or — when none is stored — the tenant's logo to
 * render it with (`tenant_logo`). The joins and the columns to add to the select.
 */
export function storedPdfSql(
  p: SqlParams,
  i: string,
  t: string,
  variant: PdfVariant,
): { join: string; columns: string } {
  return {
    join: `left join invoice_document fx_d on fx_d.invoice_id = ${i}.id and fx_d.tenant_id = ${i}.tenant_id
           and fx_d.status = ${i}.status and fx_d.variant = ${p.add(variant)}`,
    columns: `fx_d.content as stored_pdf, case when fx_d.content is null then ${t}.logo end as tenant_logo`,
  };
}

/** Renders the PDF of the invoice as it stands (no database access); `storedLogo` is the tenant's logo as stored. */
export async function renderInvoicePdf(
  inv: PrintableInvoice,
  storedLogo: Buffer | null,
  variant: PdfVariant,
): Promise<Buffer> {
  return renderDtePdf({
    logo: await printableImage(storedLogo),
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

/**
 * The tenant's logo ready for PDFs, decoded, checked and compressed once per distinct stored logo (it is the same for
 * every document of the tenant). A logo stored before uploads were decoded may be unreadable: the document is printed
 * without it.
 */
function printableImage(storedLogo: Buffer | null): Promise<PdfImage | null> | null {
  if (!storedLogo?.length) return null;
  return cachedImage(contentKey('stored-logo', storedLogo), async () => {
    const { logo } = printableLogo(storedLogo);
    return logo ? prepareImage(logo) : null;
  });
}

const storePdfSql = ([tenant, invoice, status, variant, content, bytes]: string[]) =>
  `insert into invoice_document (id, tenant_id, invoice_id, status, variant, content_type, content, bytes, created_at)
   values (fx_uuid_v7(), ${tenant}, ${invoice}, ${status}, ${variant}, 'application/pdf', ${content}, ${bytes},
           now())
   on conflict on constraint invoice_document_unique do nothing`;
