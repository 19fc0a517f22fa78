import type { Context } from '../../context.js';
import { requireTenantScope } from '../../core/guards.js';
import { FiscalEvent } from './fiscal-event.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One Retorno / Operaciones Especiales event of the caller's tenant (the tenant filter scopes the lookup), or null. */
export async function getFiscalEvent(ctx: Context, id: string): Promise<FiscalEvent | null> {
  requireTenantScope(ctx, 'invoices:read');
  return UUID.test(id) ? ctx.em.findOne(FiscalEvent, { id }) : null;
}

export interface FiscalEventFilter {
  tipoEvento?: string | null;
  referenciaExterna?: string | null;
}

/** Newest first, at most 100. */
export async function listFiscalEvents(ctx: Context, filter: FiscalEventFilter, first: number): Promise<FiscalEvent[]> {
  requireTenantScope(ctx, 'invoices:read');
  const where: Record<string, unknown> = {};
  if (filter.tipoEvento) where.tipoEvento = filter.tipoEvento;
  if (filter.referenciaExterna) where.referenciaExterna = filter.referenciaExterna;
  return ctx.em.find(FiscalEvent, where, {
    orderBy: { createdAt: 'desc', id: 'desc' },
    limit: Math.min(Math.max(first, 1), 100),
  });
}

/** The Eventos de Retorno that return lines of this invoice (every status), oldest first. */
export async function returnsOfInvoice(
  ctx: Context,
  inv: { id: string; tenant: { id: string } },
): Promise<FiscalEvent[]> {
  const rows = await ctx.em
    .getConnection()
    .execute<{ id: string }[]>(
      `select id from fiscal_event where tenant_id = ? and ` +
        `tipo_evento = '18' and lines @> ?::jsonb order by created_at`,
      [inv.tenant.id, JSON.stringify([{ invoiceId: inv.id }])],
    );
  return rows.length
    ? ctx.em.find(FiscalEvent, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: 'asc' } })
    : [];
}
