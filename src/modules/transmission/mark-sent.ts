import { prepared, tenantCheck } from '../../db/sql-params.js';
import type { Database } from '../../db/database.js';
import { assertMove } from '../invoices/invoice-lifecycle.js';
import { INVOICE_CHANNEL } from '../invoices/invoice-event-bus.js';

// The moves this statement makes, checked against the lifecycle table once (they are legal by the table).
assertMove('QUEUED', 'SIGNED');
assertMove('SIGNED', 'SENT');

/**
 * QUEUED → SIGNED → SENT in one statement (its own transaction): the JWS stored, the send counted, the events
 * dte.signed and dte.sent appended and announced. SENT is committed before the request leaves, so a rerun that finds
 * SENT asks consultadte before any resend. Both events are internal (no webhook, render or e-mail fan-out).
 * Returns the send attempt, or null when the invoice was no longer QUEUED (another run moved it).
 */
export async function markSignedAndSent(
  db: Database,
  tenantId: string,
  invoiceId: string,
  jws: string,
): Promise<number | null> {
  const { rows } = await db.pool.query<{ send_attempts: number }>(
    prepared(
      `with u as (
       update invoice set status = 'SENT', jws = $3, send_attempts = send_attempts + 1, updated_at = now()
       where id = $1 and ${tenantCheck('tenant_id', '$2')} and status = 'QUEUED'
       returning id, tenant_id, send_attempts, referencia_externa, patient_id),
     e as (
       insert into invoice_event (tenant_id, invoice_id, type, from_status, to_status, data, created_at)
       select u.tenant_id, u.id, t.type, t.from_status, t.to_status, t.data, now()
       from u cross join lateral (values
         (1, 'dte.signed', 'QUEUED', 'SIGNED', null::jsonb),
         (2, 'dte.sent', 'SIGNED', 'SENT', jsonb_build_object('attempt', u.send_attempts))) t(ord, type, from_status,
           to_status, data)
       order by t.ord
       returning id, invoice_id, tenant_id, type, to_status)
     select u.send_attempts,
            (select count(*) from (
               select pg_notify($4, json_build_object('eventId', e.id::text, 'invoiceId', e.invoice_id, 'tenantId',
                 e.tenant_id,
                        'type', e.type, 'status', e.to_status, 'referenciaExterna', u.referencia_externa, 'patientId',
                          u.patient_id)::text)
               from e order by e.id) n) as notified
       from u`,
      [invoiceId, tenantId, jws, INVOICE_CHANNEL],
    ),
  );
  return rows[0]?.send_attempts ?? null;
}
