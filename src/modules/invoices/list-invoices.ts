import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../core/context.js';
import { ValidationError } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import type { InvoiceStatus } from './invoice-lifecycle.js';
import { Invoice } from './invoice.entity.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface InvoiceFilter {
  status?: InvoiceStatus[] | null;
  tipoDte?: string[] | null;
  /** fecEmi range, inclusive, YYYY-MM-DD (El Salvador dates, as on the document). */
  fromDate?: string | null;
  toDate?: string | null;
  receptorNumDocumento?: string | null;
  patientId?: string | null;
  /** Matches receptor name, numeroControl, codigoGeneracion or referenciaExterna (case-insensitive, contains). */
  text?: string | null;
}

export interface InvoicePage {
  nodes: Invoice[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Cursor = createdAt + id of the last row seen (stable under concurrent inserts, unlike offsets). */
function encodeCursor(inv: Invoice): string {
  return Buffer.from(`${inv.createdAt.toISOString()}|${inv.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new ValidationError([{ path: 'after', code: 'INVALID_CURSOR', message: 'not a cursor returned by this API' }]);
  return { createdAt, id };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(f: InvoiceFilter): FilterQuery<Invoice> {
  const issues = [];
  if (f.fromDate && !DATE.test(f.fromDate)) issues.push({ path: 'filter.fromDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (f.toDate && !DATE.test(f.toDate)) issues.push({ path: 'filter.toDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (issues.length) throw new ValidationError(issues);
  const and: FilterQuery<Invoice>[] = [];
  if (f.status?.length) and.push({ status: { $in: f.status } });
  if (f.tipoDte?.length) and.push({ tipoDte: { $in: f.tipoDte } });
  if (f.fromDate) and.push({ fecEmi: { $gte: f.fromDate } });
  if (f.toDate) and.push({ fecEmi: { $lte: f.toDate } });
  if (f.receptorNumDocumento) and.push({ receptorNumDocumento: f.receptorNumDocumento.replace(/-/g, '') });
  if (f.patientId) and.push({ patientId: f.patientId });
  if (f.text?.trim()) {
    const like = `%${escapeLike(f.text.trim())}%`;
    and.push({ $or: [{ receptorNombre: { $ilike: like } }, { numeroControl: { $ilike: like } }, { codigoGeneracion: { $ilike: like } }, { referenciaExterna: { $ilike: like } }] });
  }
  return and.length ? { $and: and } : {};
}

/** The caller's invoices, newest first, with cursor pagination (at most MAX_PAGE_SIZE per page). */
export async function listInvoices(ctx: Context, filter: InvoiceFilter = {}, first = DEFAULT_PAGE_SIZE, after?: string | null): Promise<InvoicePage> {
  requireTenantScope(ctx, 'invoices:read');
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError([{ path: 'first', code: 'OUT_OF_RANGE', message: `first must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  const where = whereOf(filter);
  const c = after ? decodeCursor(after) : null;
  const page: FilterQuery<Invoice> = c ? { $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, id: { $lt: c.id } }] } : {};
  const [rows, totalCount] = await Promise.all([
    ctx.em.find(Invoice, { $and: [where, page] }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: first + 1 }),
    ctx.em.fork().count(Invoice, where),
  ]);
  const nodes = rows.slice(0, first);
  const cursors = nodes.map(encodeCursor);
  return { nodes, cursors, hasNextPage: rows.length > first, endCursor: cursors.at(-1) ?? null, totalCount };
}
