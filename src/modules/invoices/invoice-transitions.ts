import type { EntityManager } from '@mikro-orm/postgresql';
import { assertMove, type InvoiceStatus } from './invoice-lifecycle.js';
import { Invoice, InvoiceEvent } from './invoice.entity.js';
import { fanOutEvent } from '../notifications/fan-out.js';
import { INVOICE_CHANNEL } from './invoice-event-bus.js';

/** The event row as written (the fields the fan-out and subscribers use). */
export type AppendedEvent = Pick<InvoiceEvent, 'type' | 'data' | 'createdAt'> & { id: string };

/**
 * Appends an event row and announces it; the NOTIFY is delivered only if the surrounding transaction commits.
 * `type` is the public event name (dte.queued, dte.processed, …).
 */
export async function appendEvent(
  tx: EntityManager,
  invoice: Invoice,
  type: string,
  from: InvoiceStatus | null,
  data: Record<string, unknown> | null = null,
): Promise<AppendedEvent> {
  // A plain insert: a unit-of-work flush here would diff every managed entity (the invoice's large JSON documents)
  // once per event; the invoice's own changes are flushed when the transaction commits.
  const [row] = await tx
    .getConnection()
    .execute<{ id: string; created_at: Date }[]>(
      `insert into invoice_event (tenant_id, invoice_id, type, from_status, to_status, ` +
        `data, created_at) values (?, ?, ?, ?, ?, ?, now()) returning id, created_at`,
      [invoice.tenant.id, invoice.id, type, from, invoice.status, data === null ? null : JSON.stringify(data)],
      'all',
      tx.getTransactionContext(),
    );
  const ev: AppendedEvent = { id: String(row!.id), type, data, createdAt: row!.created_at };
  // Webhook outbox rows, PDF render and e-mail jobs commit (or roll back) together with the event.
  await fanOutEvent(tx, invoice, ev);
  const note = {
    eventId: String(ev.id),
    invoiceId: invoice.id,
    tenantId: invoice.tenant.id,
    type,
    status: invoice.status,
    referenciaExterna: invoice.referenciaExterna,
    patientId: invoice.patientId,
  };
  await tx
    .getConnection()
    .execute(`select pg_notify(?, ?)`, [INVOICE_CHANNEL, JSON.stringify(note)], 'all', tx.getTransactionContext());
  return ev;
}

/** Moves an invoice along the lifecycle table (an illegal move throws) and records the event, in `tx`. */
export async function transition(
  tx: EntityManager,
  invoice: Invoice,
  to: InvoiceStatus,
  type: string,
  data: Record<string, unknown> | null = null,
) {
  const from = invoice.status;
  assertMove(from, to);
  invoice.status = to;
  return appendEvent(tx, invoice, type, from, data);
}
