// The invoice listing (the GraphQL invoices and a patient's invoices): cursor pages of the caller's invoices, newest
// first. A page's rows are read in list-invoices-page.ts, its totalCount in list-invoices-count.ts.

import type { Context } from '../../context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import type { InvoiceStatus } from './invoice-lifecycle.js';
import type { InvoiceListFilter, Keyset } from './invoice-list-sql.js';
import { listedInvoices, type InvoiceData } from './listed-invoice.js';
import { countInvoices, type InvoiceCount } from './list-invoices-count.js';
import { pageRows } from './list-invoices-page.js';
import { run } from './list-invoices-run.js';

export {
  ESTIMATE_TEXT_BEYOND,
  EXACT_COUNT_UP_TO,
  EXACT_TEXT_COUNT_UP_TO,
  type InvoiceCount,
} from './list-invoices-count.js';
export { CANDIDATES_FIRST_UP_TO, NAMES_FIRST_UP_TO } from './list-invoices-page.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_TEXT = 100;

export interface InvoiceFilter {
  status?: InvoiceStatus[] | null;
  tipoDte?: string[] | null;
  /** fecEmi range, inclusive, YYYY-MM-DD (El Salvador dates, as on the document). */
  fromDate?: string | null;
  toDate?: string | null;
  receptorNumDocumento?: string | null;
  patientId?: string | null;
  /**
   * An identifier's prefix (codigoGeneracion, numeroControl, referenciaExterna, or the receptor's document number),
   * else the words of the receptor's name (whole, then the last one begun), else contained in any of them
   * (case- and accent-insensitive); see textModes.
   */
  text?: string | null;
}

export interface InvoicePage {
  nodes: InvoiceData[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counted only when asked for (GraphQL totalCount), once per page and kind. */
  totalCount(exact?: boolean): Promise<InvoiceCount>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCursor = () =>
  new ValidationError([{ path: 'after', code: 'INVALID_CURSOR', message: 'not a cursor returned by this API' }]);

/** Cursor = the listing order's key of the last row seen (stable under concurrent inserts, unlike offsets). */
function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.fecEmi}|${k.createdAt}|${k.id}`).toString('base64url');
}

/** Also accepts the cursors handed out before fecEmi led the order (`createdAt|id`): fecEmi is read from the row. */
async function decodeCursor(ctx: Context, tenantId: string, cursor: string): Promise<Keyset> {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const id = parts.at(-1) ?? '';
  const createdAt = parts.at(-2) ?? '';
  if (!UUID.test(id) || Number.isNaN(new Date(createdAt).getTime()) || parts.length < 2 || parts.length > 3)
    throw invalidCursor();
  if (parts.length === 3) {
    if (!DATE.test(parts[0]!)) throw invalidCursor();
    return { fecEmi: parts[0]!, createdAt, id: id.toLowerCase() };
  }
  const rows = await run<{ fec_emi: string }>(ctx, {
    sql: 'select fec_emi from invoice where tenant_id = ? and id = ?',
    params: [tenantId, id.toLowerCase()],
  });
  if (!rows[0]) throw invalidCursor();
  return { fecEmi: rows[0].fec_emi, createdAt: new Date(createdAt).toISOString(), id: id.toLowerCase() };
}

function checkFilter(f: InvoiceFilter, first: number): void {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ path: 'first', code: 'OUT_OF_RANGE', message: `first must be between 1 and ${MAX_PAGE_SIZE}` });
  if (f.fromDate && !DATE.test(f.fromDate))
    issues.push({ path: 'filter.fromDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (f.toDate && !DATE.test(f.toDate))
    issues.push({ path: 'filter.toDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if ((f.text?.trim().length ?? 0) > MAX_TEXT)
    issues.push({ path: 'filter.text', code: 'TOO_LONG', message: `at most ${MAX_TEXT} characters` });
  if (issues.length) throw new ValidationError(issues);
}

function normalized(f: InvoiceFilter): InvoiceListFilter {
  const receptorNumDocumento = f.receptorNumDocumento ? f.receptorNumDocumento.replace(/-/g, '') : null;
  // The names a text matches are looked up here, never taken from the caller.
  return { ...f, receptorNumDocumento, names: null };
}

/** The caller's invoices, newest first (fecEmi, then creation), cursor pages of at most MAX_PAGE_SIZE. */
export async function listInvoices(
  ctx: Context,
  filter: InvoiceFilter = {},
  first = DEFAULT_PAGE_SIZE,
  after?: string | null,
): Promise<InvoicePage> {
  const tenantId = requireTenantScope(ctx, 'invoices:read');
  checkFilter(filter, first);
  const keyset = after ? await decodeCursor(ctx, tenantId, after) : null;
  const { f, rows } = await pageRows(ctx, tenantId, normalized(filter), first + 1, keyset);
  const page = rows.slice(0, first);
  const cursors = page.map((r) =>
    encodeCursor({ fecEmi: String(r.fec_emi), createdAt: r.key_created_at, id: String(r.id) }),
  );
  const nodes = listedInvoices(ctx, page);
  const counts = new Map<boolean, Promise<InvoiceCount>>();
  // A first page that holds every match (no `after`, no row beyond `first`) is its own exact count.
  const whole = !keyset && rows.length <= first;
  const totalCount = (exact = false) => {
    if (whole) return Promise.resolve({ count: page.length, exact: true });
    if (!counts.has(exact)) counts.set(exact, countInvoices(ctx, tenantId, f, exact));
    return counts.get(exact)!;
  };
  return { nodes, cursors, hasNextPage: rows.length > first, endCursor: cursors.at(-1) ?? null, totalCount };
}
