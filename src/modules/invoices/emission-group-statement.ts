import { createHash } from 'node:crypto';
import type { EntityMetadata } from '@mikro-orm/core';
import { rowRecords } from '../../db/insert-row.js';
import { jobNotes } from '../../db/notifier.js';
import { SqlParams } from '../../db/sql-params.js';
import { dedupeKeyPrefix, jobInsertSelect } from '../../queue/enqueue.js';
import { transmitInvoiceJob } from '../transmission/transmit-invoice.job.js';
import { type Emitted, invoiceAsWritten, type NewEmission, type Queryable, seriesValues } from './insert-emission.js';
import { INVOICE_CHANNEL } from './invoice-event-bus.js';
import type { Invoice } from './invoice.entity.js';

/**
 * Writes emissions of ONE series (same columns, distinct references) in one statement: the counter takes as many
 * numbers as there are emissions, at once, and the i-th of them gets the i-th number. Every invoice, event and job
 * is written, or none (any failure rolls back the whole statement, counter included).
 */
export async function insertEmissions(
  db: Queryable,
  meta: EntityMetadata<Invoice>,
  emissions: readonly NewEmission[],
): Promise<Emitted[]> {
  const first = emissions[0]!;
  const s = first.series;
  const stmt = groupStatement(meta, first.row);
  const records = emissions.map((e) => {
    const r = stmt.record(e.row);
    r[DOCUMENT_KEY] = e.document;
    return r;
  });
  const values = [...seriesValues(s, first.numeroControlPrefix), JSON.stringify(records), ...stmt.fixed];
  const { rows } = await db.query({ name: stmt.name, text: stmt.text, values });
  const byId = new Map(
    (rows as { id: string; numero_control: string; note: string; jobs: number }[]).map((r) => [r.id, r]),
  );
  return emissions.map((e) => {
    const r = byId.get(e.row.id.toLowerCase()); // (PostgreSQL writes a uuid in lower case)
    if (!r) throw new Error(`the grouped emission did not return invoice ${e.row.id}`);
    const built = e.document.identificacion as Record<string, unknown>;
    const document = { ...e.document, identificacion: { ...built, numeroControl: r.numero_control } };
    const notes = [{ channel: INVOICE_CHANNEL, payload: r.note }, ...jobNotes(r.jobs ? [transmitInvoiceJob.kind] : [])];
    return { invoice: invoiceAsWritten(meta, e.row, r.numero_control, document), notes };
  });
}

interface GroupStatement {
  name: string;
  text: string;
  /** One emission's row as the JSON object the statement reads (its document added under DOCUMENT_KEY). */
  record(row: Record<string, unknown>): Record<string, unknown>;
  /** The values after the rows (the job's constants). */
  fixed: unknown[];
}

/** The key of each row's document in the statement's JSON rows (no invoice property has this name). */
const DOCUMENT_KEY = 'fx_document';

const groupStatements = new Map<string, GroupStatement>();
function groupStatement(meta: EntityMetadata<Invoice>, row: Record<string, unknown>): GroupStatement {
  const signature = Object.keys(row).join(',');
  let stmt = groupStatements.get(signature);
  if (stmt) return stmt;
  // $1–$6: the series and the prefix; $7 the rows (with their documents) as one JSON array; then the job's.
  if (DOCUMENT_KEY in row) throw new Error(`an invoice property is named ${DOCUMENT_KEY}`);
  const p = new SqlParams();
  for (let i = 0; i < 6; i++) p.add(null);
  const inv = rowRecords(meta, row);
  const rows = p.add(null, 'jsonb');
  const fixedFrom = p.values.length;
  const job = jobInsertSelect(p, transmitInvoiceJob, 'fx_i', {
    tenantId: 'fx_i.tenant_id',
    payload: `jsonb_build_object('invoiceId', fx_i.id::text)`,
    dedupeKey: `${p.add(dedupeKeyPrefix(transmitInvoiceJob, 'invoiceId'))}::text || fx_i.id::text`,
  });
  const cols = inv.columns.map((_, i) => `c${i}`);
  const number = '(fx_c.last_value - fx_k.n + fx_a.given)';
  const text = `with fx_a as (
       select * from rows from (jsonb_to_recordset(${rows}) as (${inv.definitions.join(', ')}, ${DOCUMENT_KEY} jsonb))
         with ordinality as fx_a(${cols.join(', ')}, doc, given)),
     fx_k as (select count(*) as n from fx_a),
     fx_c as (
       insert into control_counter (tenant_id, tipo_dte, cod_estable_mh, cod_punto_venta_mh, year, last_value)
       select $1::uuid, $2::varchar, $3::varchar, $4::varchar, $5::int, n from fx_k where n > 0
       on conflict (tenant_id, tipo_dte, cod_estable_mh, cod_punto_venta_mh, year)
       do update set last_value = control_counter.last_value + excluded.last_value
       returning last_value),
     fx_n as (
       -- past 15 digits the number is null and the not-null column refuses the group (MH: at most 10^15 - 1)
       select fx_a.*, case when ${number} <= 999999999999999 then $6::text || lpad(${number}::text, 15, '0') end
           as numero
         from fx_a, fx_k, fx_c),
     fx_i as (
       insert into invoice (${inv.columns.join(', ')}, numero_control, document)
       select ${cols.join(', ')}, numero, jsonb_set(doc, '{identificacion,numeroControl}', to_jsonb(numero))
         from fx_n
       returning id, tenant_id, status, referencia_externa, patient_id, codigo_generacion, numero_control),
     fx_e as (
       insert into invoice_event (tenant_id, invoice_id, type, from_status, to_status, data, created_at)
       select tenant_id, id, 'dte.queued', null, status, jsonb_build_object('codigoGeneracion', codigo_generacion),
         now() from fx_i
       returning id, invoice_id),
     fx_j as (${job})
     select fx_i.id::text as id, fx_i.numero_control,
            json_build_object('eventId', fx_e.id::text, 'invoiceId', fx_i.id, 'tenantId', fx_i.tenant_id,
              'type', 'dte.queued', 'status', fx_i.status, 'referenciaExterna', fx_i.referencia_externa,
              'patientId', fx_i.patient_id)::text as note,
            (select count(*) from fx_j)::int as jobs
       from fx_i join fx_e on fx_e.invoice_id = fx_i.id`;
  const name = `fx_emissions_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  stmt = { name, text, record: inv.record, fixed: p.values.slice(fixedFrom) };
  groupStatements.set(signature, stmt);
  return stmt;
}
