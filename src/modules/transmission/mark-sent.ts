import { prepared, tenantCheck } from '../../db/sql-params.js';
import { coalescePerPool } from '../../db/coalesce.js';
import type { Database } from '../../db/database.js';
import { assertMove } from '../invoices/invoice-lifecycle.js';
import { INVOICE_CHANNEL } from '../invoices/invoice-event-bus.js';

// The moves this statement makes, checked against the lifecycle table once (they are legal by the table).
assertMove('QUEUED', 'SIGNED');
assertMove('SIGNED', 'SENT');

/**
 * The rows (ord, type, from_status, to_status, data) of the events of a document signed and sent, for a `values` list:
 * dte.signed, then dte.sent with its attempt (`attempt`: the SQL of the send's count after it).
 */
export const signedAndSentEvents = (attempt: string): string =>
  `(1, 'dte.signed', 'QUEUED', 'SIGNED', null::jsonb), ` +
  `(2, 'dte.sent', 'SIGNED', 'SENT', jsonb_build_object('attempt', ${attempt}))`;

interface Signed {
  tenantId: string;
  invoiceId: string;
  jws: string;
}

/**
 * QUEUED → SIGNED → SENT in one statement (its own transaction): the JWS stored, the send counted, the events
 * dte.signed and dte.sent appended, and announced once committed (through the database's Notifier: a NOTIFY in the
 * statement would serialise its commit with every other notifying commit). Used where a send is recorded on its own:
 * a later run of a document's job commits SENT before it asks consultadte (an earlier run may have sent it), and a
 * first send whose answer was not MH's final word is recorded as it happened (transmit-invoice.job.ts). Both events are
 * internal (no webhook, render or e-mail fan-out).
 * Returns the send attempt, or null when the invoice was no longer QUEUED (another run moved it).
 * The documents signed in the same turn of the event loop (a claimed batch signs together) are moved by one
 * statement: one round trip and one commit for all of them, each row still moved only if it is QUEUED. Each row is
 * found by its key alone: its status is only checked (as a condition an index could serve, the planner may walk every
 * QUEUED document of the status indexes, the whole backlog, to find the few of the batch).
 */
export async function markSignedAndSent(
  db: Database,
  tenantId: string,
  invoiceId: string,
  jws: string,
): Promise<number | null> {
  return (await markMany(db, { tenantId, invoiceId, jws })) ?? null;
}

const markMany = coalescePerPool<Database, Signed, number>(async (db, batch) => {
  // In the order of their keys (uuid order is that of the lowercase text): two statements moving some of the same rows
  // lock them in the same order.
  const signed = batch
    .map((s) => ({ s, key: s.invoiceId.toLowerCase() }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.s);
  const { rows } = await db.pool.query<{ id: string; tenant_id: string; send_attempts: number; notes: string[] }>(
    prepared(
      `with k as (
         select * from unnest($1::uuid[], $2::uuid[], $3::text[]) with ordinality k(id, tenant_id, jws, ord)),
       u as (
         update invoice i set status = 'SENT', jws = k.jws, send_attempts = i.send_attempts + 1, updated_at = now()
         from k
         where i.id = k.id and ${tenantCheck('i.tenant_id', 'k.tenant_id')} and ${tenantCheck('i.status', "'QUEUED'")}
         returning i.id, i.tenant_id, i.send_attempts, i.referencia_externa, i.patient_id, k.ord),
       e as (
         insert into invoice_event (tenant_id, invoice_id, type, from_status, to_status, data, created_at)
         select u.tenant_id, u.id, t.type, t.from_status, t.to_status, t.data, now()
         from u cross join lateral (values ${signedAndSentEvents('u.send_attempts')}) t(ord, type, from_status,
           to_status, data)
         order by u.ord, t.ord
         returning id, invoice_id, tenant_id, type, to_status)
       -- (the announcements as a JSON array of their texts: read by JSON.parse, where a text[] of JSON texts is read
       -- character by character by pg's array parser)
       select u.id, u.tenant_id, u.send_attempts,
              (select json_agg(json_build_object('eventId', e.id::text, 'invoiceId', e.invoice_id, 'tenantId',
                 e.tenant_id, 'type', e.type, 'status', e.to_status, 'referenciaExterna', u.referencia_externa,
                 'patientId', u.patient_id)::text order by e.id)
                 from e where e.invoice_id = u.id) as notes
         from u`,
      [signed.map((s) => s.invoiceId), signed.map((s) => s.tenantId), signed.map((s) => s.jws)],
    ),
  );
  // Announced once committed. Handed to the notifier without waiting for it to reach PostgreSQL: the job goes on
  // meanwhile, and whatever follows is still announced after SENT (the notifier sends its notes in the order they
  // were handed over, and the next step's are handed over only once it is recorded).
  void db.notifier.send(rows.flatMap((r) => r.notes.map((payload) => ({ channel: INVOICE_CHANNEL, payload }))));
  const attempts = new Map(rows.map((r) => [`${r.tenant_id}/${r.id}`, r.send_attempts]));
  const found = new Map<Signed, number>();
  for (const s of signed) {
    // (one invoice twice in a batch: the row moved once, for the first of them; the other finds it moved)
    const key = `${s.tenantId}/${s.invoiceId}`.toLowerCase();
    const n = attempts.get(key);
    attempts.delete(key);
    if (n !== undefined) found.set(s, n);
  }
  return found;
});
