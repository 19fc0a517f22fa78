import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../core/errors.js';
import { fail, type Err, type Failure } from '../../core/result.js';
import { returnDeadline } from '../../dte/index.js';
import { D, type Dec } from '../../dte/money.js';

/**
 * Per-line return balances of FE/FEX/FSE documents: sold quantity minus what Eventos de Retorno already return. Every
 * Retorno MH has not refused counts (QUEUED, SENT, UNKNOWN, PROCESSED), so two returns can never together exceed a
 * line.
 */
export const LIVE_RETURN = `('QUEUED', 'SENT', 'UNKNOWN', 'PROCESSED')`;
export const RETURNABLE_TYPES: readonly string[] = ['01', '11', '14'];

export interface ReturnableLine {
  numItem: number;
  descripcion: string;
  vendida: string;
  devuelta: string;
  disponible: string;
}

type O = Record<string, unknown>;

/** Quantity already returned per (invoiceId, numItem). */
export async function returnedQuantities(
  em: EntityManager,
  tenantId: string,
  invoiceIds: string[],
): Promise<Map<string, Dec>> {
  const rows = await em.getConnection().execute<{ invoice_id: string; num_item: number; cantidad: string }[]>(
    `select l->>'invoiceId' as invoice_id, (l->>'numItem')::int as num_item, sum((l->>'cantidad')::numeric) as cantidad
     from fiscal_event e, jsonb_array_elements(e.lines) l
     where e.tenant_id = ? and e.tipo_evento = '18' and e.status in ${LIVE_RETURN}
       and l->>'invoiceId' in (select jsonb_array_elements_text(?::jsonb))
     group by 1, 2`,
    [tenantId, JSON.stringify(invoiceIds)],
    'all',
    em.getTransactionContext(),
  );
  return new Map(rows.map((r) => [`${r.invoice_id}:${r.num_item}`, new D(r.cantidad)]));
}

/** Every sale line of a returnable document with what is left to return (null for other types). */
export async function returnableLines(
  em: EntityManager,
  inv: { id: string; tenant: { id: string }; tipoDte: string; document: O },
): Promise<ReturnableLine[] | null> {
  if (!RETURNABLE_TYPES.includes(inv.tipoDte)) return null;
  return returnableLinesOf(inv, await returnedQuantities(em, inv.tenant.id, [inv.id]));
}

/**
 * The same from the quantities already returned (`invoiceId:numItem`); a document emitted by this very request has
 * none, so it needs no query.
 */
export function returnableLinesOf(
  inv: { id: string; document: O },
  returned: ReadonlyMap<string, Dec>,
): ReturnableLine[] {
  return ((inv.document.cuerpoDocumento as O[] | undefined) ?? []).map((l) => {
    const vendida = new D(String(l.cantidad ?? 0));
    const devuelta = returned.get(`${inv.id}:${String(l.numItem)}`) ?? new D(0);
    return {
      numItem: Number(l.numItem),
      descripcion: String(l.descripcion),
      vendida: vendida.toFixed(),
      devuelta: devuelta.toFixed(),
      disponible: vendida.minus(devuelta).toFixed(),
    };
  });
}

/** Last El Salvador date on which an Evento de Retorno may return goods of this document (null for other types). */
export async function returnDeadlineOf(
  em: EntityManager,
  inv: { tenant: { id: string }; tipoDte: string; fecEmi: string },
): Promise<string | null> {
  if (!RETURNABLE_TYPES.includes(inv.tipoDte)) return null;
  const [t] = await em
    .getConnection()
    .execute<{ cod_actividad: string }[]>(`select cod_actividad from tenant where id = ?`, [inv.tenant.id]);
  return t ? returnDeadline(inv.fecEmi, t.cod_actividad) : null;
}

/** A document against which a Retorno stands (sealed or on its way) is not invalidated before it. */
export async function activeReturnOf(
  em: EntityManager,
  inv: { id: string; tenant: { id: string }; tipoDte: string },
): Promise<Err<Failure<ErrorCode.INVALID_STATE>> | null> {
  if (!RETURNABLE_TYPES.includes(inv.tipoDte)) return null;
  const rows = await em
    .getConnection()
    .execute<{ id: string; status: string }[]>(
      `select id, status from fiscal_event where tenant_id = ? and tipo_evento ` +
        `= '18' and status in ${LIVE_RETURN} and lines @> ?::jsonb limit 1`,
      [inv.tenant.id, JSON.stringify([{ invoiceId: inv.id }])],
    );
  if (!rows.length) return null;
  const r = rows[0]!;
  const why = 'MH does not invalidate a document with returns';
  const message = `Evento de Retorno ${r.id} (${r.status}) returns goods of this document: ${why}`;
  return fail(ErrorCode.INVALID_STATE, message, [
    { path: 'invoiceId', code: 'ACTIVE_RETURN', message: `return ${r.id} stands against this document` },
  ]);
}
