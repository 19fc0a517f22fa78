/**
 * Fan-out of one invoice event, inside the transaction that appends it (called by appendEvent): an outbox row per
 * subscribed webhook endpoint plus its delivery job. All of it commits or rolls back with the state change itself;
 * the HTTP work happens later in jobs. (The e-mail to the receptor is queued where MH's acceptance is recorded.)
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from '../../queue/enqueue.js';
import type { Invoice, InvoiceEvent } from '../invoices/invoice.entity.js';
import { eventData } from './event-payloads.js';
import { webhookDeliveryJob } from '../webhooks/deliver-webhook.job.js';


export async function fanOutEvent(tx: EntityManager, invoice: Invoice, ev: Pick<InvoiceEvent, 'type' | 'data'> & { id: string }): Promise<void> {
  const data = eventData(ev.type, invoice, ev.data ?? null);
  if (data) await writeOutbox(tx, invoice.tenant.id, { type: ev.type, data, invoiceId: invoice.id, eventId: String(ev.id) });
}

export interface OutboxMessage {
  type: string;
  data: Record<string, unknown>;
  invoiceId: string | null;
  eventId: string | null;
}

/** One delivery row per enabled endpoint of the tenant whose filter accepts the type (empty filter = all types). */
export async function writeOutbox(tx: EntityManager, tenantId: string, msg: OutboxMessage): Promise<string[]> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(
    `insert into webhook_delivery (id, tenant_id, endpoint_id, invoice_id, invoice_event_id, event_type, data, status, round_attempts, total_attempts, next_attempt_at, created_at, updated_at)
     select gen_random_uuid(), e.tenant_id, e.id, ?, ?, ?, ?::jsonb, 'PENDING', 0, 0, now(), now(), now()
     from webhook_endpoint e
     where e.tenant_id = ? and e.enabled and (jsonb_array_length(e.event_types) = 0 or e.event_types @> ?::jsonb)
     returning id`,
    [msg.invoiceId, msg.eventId, msg.type, JSON.stringify(msg.data), tenantId, JSON.stringify([msg.type])],
    'all',
    tx.getTransactionContext(),
  );
  for (const r of rows) await enqueueDelivery(tx, tenantId, r.id);
  return rows.map((r) => r.id);
}

export function enqueueDelivery(tx: EntityManager, tenantId: string, deliveryId: string, runAt?: Date): Promise<boolean> {
  return enqueue(tx, webhookDeliveryJob, { deliveryId }, { tenantId, runAt });
}
