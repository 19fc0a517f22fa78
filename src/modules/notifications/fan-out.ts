/**
 * Fan-out of one invoice event, inside the transaction that appends it (called by appendEvent): an outbox row per
 * subscribed webhook endpoint plus its delivery job. All of it commits or rolls back with the state change itself;
 * the HTTP work happens later in jobs. (The e-mail to the receptor is queued where MH's acceptance is recorded.)
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlParams } from '../../db/sql-params.js';
import { dedupeKeyPrefix, enqueue, jobInsertSelect } from '../../queue/enqueue.js';
import type { Invoice, InvoiceEvent } from '../invoices/invoice.entity.js';
import { eventData, type EventInvoice } from './event-payloads.js';
import { webhookDeliveryJob } from '../webhooks/deliver-webhook.job.js';

export async function fanOutEvent(
  tx: EntityManager,
  invoice: Invoice,
  ev: Pick<InvoiceEvent, 'type' | 'data'> & { id: string },
): Promise<void> {
  const data = eventData(ev.type, invoice, ev.data ?? null);
  if (data)
    await writeOutbox(tx, invoice.tenant.id, { type: ev.type, data, invoiceId: invoice.id, eventId: String(ev.id) });
}

/** The invoice as it stands once the event is appended: its event data, e-mail address and announcement. */
export type FanOutInvoice = EventInvoice & Pick<Invoice, 'receptorCorreo'>;

const FAN_OUT_COLUMNS = [
  'id',
  'status',
  'ambiente',
  'tipo_dte',
  'referencia_externa',
  'codigo_generacion',
  'numero_control',
  'patient_id',
  'sandbox',
  'sello_recibido',
  'fh_procesamiento',
  'total_pagar',
  'observaciones',
  'mh_codigo_msg',
  'mh_descripcion_msg',
  'tipo_contingencia',
  'motivo_contin',
  'invalidation',
  'receptor_correo',
];

/** The invoice columns a FanOutInvoice is read from, for a plain select (`alias.column`). */
export const fanOutColumns = (alias: string): string => FAN_OUT_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

/** A FanOutInvoice from a row selected with fanOutColumns. */
export function fanOutInvoiceFromRow(r: Record<string, never>): FanOutInvoice {
  return {
    id: r.id,
    status: r.status,
    ambiente: r.ambiente,
    tipoDte: r.tipo_dte,
    referenciaExterna: r.referencia_externa,
    codigoGeneracion: r.codigo_generacion,
    numeroControl: r.numero_control,
    patientId: r.patient_id,
    sandbox: r.sandbox,
    selloRecibido: r.sello_recibido,
    fhProcesamiento: r.fh_procesamiento,
    totalPagar: r.total_pagar,
    observaciones: r.observaciones,
    mhCodigoMsg: r.mh_codigo_msg,
    mhDescripcionMsg: r.mh_descripcion_msg,
    tipoContingencia: r.tipo_contingencia,
    motivoContin: r.motivo_contin,
    invalidation: r.invalidation,
    receptorCorreo: r.receptor_correo,
  };
}

/**
 * The webhook fan-out of a statement whose events (`fx_ev ev`) each carry their own data: `fx_wd`, one delivery per
 * enabled endpoint of the event's tenant whose filter accepts its type (empty filter = all types), and `fx_wj`, their
 * delivery jobs. `join` joins the rows holding each event's webhook data to `ev`; `data` is that data as JSON text
 * (null: the event goes to no webhook).
 */
export function webhookFanOutCtes(p: SqlParams, join: string, data: string): string[] {
  return [
    `fx_wd as (
      insert into webhook_delivery (id, tenant_id, endpoint_id, invoice_id, invoice_event_id, event_type, data,
        status, round_attempts, total_attempts, next_attempt_at, created_at, updated_at)
      select fx_uuid_v7(), e.tenant_id, e.id, ev.invoice_id, ev.id, ev.type, ${data}::jsonb, 'PENDING',
             0, 0, now(), now(), now()
      from fx_ev ev join ${join} join webhook_endpoint e on e.tenant_id = ev.tenant_id
      where ${data} is not null and e.enabled
        and (jsonb_array_length(e.event_types) = 0 or e.event_types @> jsonb_build_array(ev.type))
      returning id, tenant_id)`,
    `fx_wj as (${jobInsertSelect(p, webhookDeliveryJob, 'fx_wd', {
      tenantId: 'fx_wd.tenant_id',
      payload: `jsonb_build_object('deliveryId', fx_wd.id::text)`,
      dedupeKey: `${p.add(webhookDedupePrefix())}::text || fx_wd.id::text`,
      freshKey: true,
    })})`,
  ];
}

let webhookPrefix: string | undefined;
/** `webhook:` — read from the job definition (on first use: the definitions' modules import each other). */
const webhookDedupePrefix = (): string => (webhookPrefix ??= dedupeKeyPrefix(webhookDeliveryJob, 'deliveryId'));

export interface OutboxMessage {
  type: string;
  data: Record<string, unknown>;
  invoiceId: string | null;
  eventId: string | null;
}

/** One delivery row per enabled endpoint of the tenant whose filter accepts the type (empty filter = all types). */
export async function writeOutbox(tx: EntityManager, tenantId: string, msg: OutboxMessage): Promise<string[]> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(
    `insert into webhook_delivery (id, tenant_id, endpoint_id, invoice_id, invoice_event_id, event_type, data, status,
      round_attempts, total_attempts, next_attempt_at, created_at, updated_at)
     select fx_uuid_v7(), e.tenant_id, e.id, ?, ?, ?, ?::jsonb, 'PENDING', 0, 0, now(), now(), now()
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

export function enqueueDelivery(
  tx: EntityManager,
  tenantId: string,
  deliveryId: string,
  runAt?: Date,
): Promise<boolean> {
  return enqueue(tx, webhookDeliveryJob, { deliveryId }, { tenantId, runAt });
}
