import type { Context } from '../../context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import type { InvoiceStatus } from './invoice-lifecycle.js';
import { Invoice } from './invoice.entity.js';
import { invoiceCountQuery, invoiceEstimateQuery, invoicePageQuery, type Keyset, type SqlQuery } from './invoice-list-sql.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** totalCount is exact up to this many matches (it reads at most this many index entries); an estimate beyond. */
export const EXACT_COUNT_UP_TO = 1000;
/** The same with a text filter: each match is then checked on its row, not only in the index. */
export const EXACT_TEXT_COUNT_UP_TO = 200;
const MAX_TEXT = 100;

export interface InvoiceFilter {
  status?: InvoiceStatus[] | null;
  tipoDte?: string[] | null;
  /** fecEmi range, inclusive, YYYY-MM-DD (El Salvador dates, as on the document). */
  fromDate?: string | null;
  toDate?: string | null;
  receptorNumDocumento?: string | null;
  patientId?: string | null;
  /** Contained in receptor name, numeroControl, codigoGeneracion or referenciaExterna (case- and accent-insensitive). */
  text?: string | null;
}

export interface InvoiceCount {
  count: number;
  /** False when `count` is the planner's estimate (more matches than the exact limit, and no exact count asked). */
  exact: boolean;
}

export interface InvoicePage {
  nodes: Invoice[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counted only when asked for (GraphQL totalCount), once per page and kind. */
  totalCount(exact?: boolean): Promise<InvoiceCount>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCursor = () => new ValidationError([{ path: 'after', code: 'INVALID_CURSOR', message: 'not a cursor returned by this API' }]);

/** Cursor = the listing order's key of the last row seen (stable under concurrent inserts, unlike offsets). */
function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.fecEmi}|${k.createdAt}|${k.id}`).toString('base64url');
}

/** Also accepts the cursors handed out before fecEmi led the order (`createdAt|id`): fecEmi is read from the row. */
async function decodeCursor(ctx: Context, tenantId: string, cursor: string): Promise<Keyset> {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const id = parts.at(-1) ?? '';
  const createdAt = parts.at(-2) ?? '';
  if (!UUID.test(id) || Number.isNaN(new Date(createdAt).getTime()) || parts.length < 2 || parts.length > 3) throw invalidCursor();
  if (parts.length === 3) {
    if (!DATE.test(parts[0]!)) throw invalidCursor();
    return { fecEmi: parts[0]!, createdAt, id: id.toLowerCase() };
  }
  const rows = await run<{ fec_emi: string }>(ctx, { sql: 'select fec_emi from invoice where tenant_id = ? and id = ?', params: [tenantId, id.toLowerCase()] });
  if (!rows[0]) throw invalidCursor();
  return { fecEmi: rows[0].fec_emi, createdAt: new Date(createdAt).toISOString(), id: id.toLowerCase() };
}

function checkFilter(f: InvoiceFilter, first: number): void {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) issues.push({ path: 'first', code: 'OUT_OF_RANGE', message: `first must be between 1 and ${MAX_PAGE_SIZE}` });
  if (f.fromDate && !DATE.test(f.fromDate)) issues.push({ path: 'filter.fromDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (f.toDate && !DATE.test(f.toDate)) issues.push({ path: 'filter.toDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if ((f.text?.trim().length ?? 0) > MAX_TEXT) issues.push({ path: 'filter.text', code: 'TOO_LONG', message: `at most ${MAX_TEXT} characters` });
  if (issues.length) throw new ValidationError(issues);
}

function normalized(f: InvoiceFilter): InvoiceFilter {
  return { ...f, receptorNumDocumento: f.receptorNumDocumento ? f.receptorNumDocumento.replace(/-/g, '') : null };
}

function run<T>(ctx: Context, q: SqlQuery): Promise<T[]> {
  return ctx.em.getConnection().execute<T[]>(q.sql, q.params);
}

/** Exact up to EXACT_COUNT_UP_TO (EXACT_TEXT_COUNT_UP_TO with a text filter), or always when asked; else estimated. */
async function countInvoices(ctx: Context, tenantId: string, f: InvoiceFilter, exact: boolean): Promise<InvoiceCount> {
  const cap = f.text?.trim() ? EXACT_TEXT_COUNT_UP_TO : EXACT_COUNT_UP_TO;
  const [counted] = await run<{ n: number }>(ctx, invoiceCountQuery(tenantId, f, exact ? null : cap));
  const n = Number(counted?.n ?? 0);
  if (exact || n <= cap) return { count: n, exact: true };
  const [plan] = await run<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(ctx, invoiceEstimateQuery(tenantId, f));
  const estimate = Math.round(plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  return { count: Math.max(estimate, cap + 1), exact: false };
}

/** The caller's invoices, newest first (fecEmi, then creation), cursor pages of at most MAX_PAGE_SIZE. */
export async function listInvoices(ctx: Context, filter: InvoiceFilter = {}, first = DEFAULT_PAGE_SIZE, after?: string | null): Promise<InvoicePage> {
  const tenantId = requireTenantScope(ctx, 'invoices:read');
  checkFilter(filter, first);
  const f = normalized(filter);
  const keyset = after ? await decodeCursor(ctx, tenantId, after) : null;
  const rows = await run<Record<string, unknown> & { key_created_at: string }>(ctx, invoicePageQuery(tenantId, f, first + 1, keyset));
  const page = rows.slice(0, first);
  const keys = page.map((r) => ({ fecEmi: String(r.fec_emi), createdAt: r.key_created_at, id: String(r.id) }));
  const nodes = page.map(({ key_created_at: _, ...row }) => ctx.em.map(Invoice, row));
  const cursors = keys.map(encodeCursor);
  const counts = new Map<boolean, Promise<InvoiceCount>>();
  const totalCount = (exact = false) => {
    if (!counts.has(exact)) counts.set(exact, countInvoices(ctx, tenantId, f, exact));
    return counts.get(exact)!;
  };
  return { nodes, cursors, hasNextPage: rows.length > first, endCursor: cursors.at(-1) ?? null, totalCount };
}
