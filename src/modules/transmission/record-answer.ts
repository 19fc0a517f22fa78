import { prepared, SqlParams, tenantCheck } from '../../db/sql-params.js';
import type { ProcessedOutcome, RejectedOutcome } from '../../hacienda/index.js';
import { jobDoneCte } from '../../queue/enqueue.js';
import type { ClaimedJob } from '../../queue/job-definition.js';
import { assertMove, type InvoiceStatus } from '../invoices/invoice-lifecycle.js';
import { eventStatement, type FanOutInvoice } from '../notifications/fan-out.js';
import { invoiceEmailCtes } from '../email/queue-invoice-email.js';
import { loadPipelineInvoice, type JobScope } from './job-scope.js';

/**
 * MH's final word on a document (from recepción, consulta or a lote): PROCESSED with its sello, or REJECTED.
 * ONE statement (its own transaction): the row is locked and moved only if it is still in one of `from` (every one
 * of them a legal move to the answer's status by the lifecycle table), and with it the event, its webhook outbox
 * rows and delivery jobs, the receptor's e-mail and its job, and the NOTIFYs. Returns false when the invoice had
 * already left `from` (another run recorded an answer): then nothing is written.
 * `invoice` is the invoice as the caller loaded it in this run (its facts do not change while it waits for MH);
 * without it, it is read first. `ending`: the job this answer ends, marked done in the same statement
 * (the caller returns jobDoneOutcome).
 */
export async function recordMhAnswer(
  scope: JobScope,
  id: string,
  o: ProcessedOutcome | RejectedOutcome,
  from: InvoiceStatus[],
  invoice?: FanOutInvoice,
  ending?: ClaimedJob,
): Promise<boolean> {
  const to: InvoiceStatus = o.kind === 'processed' ? 'PROCESSED' : 'REJECTED';
  for (const f of from) assertMove(f, to);
  const before = invoice ?? (await loadPipelineInvoice(scope, id, false));
  const sandbox = scope.app.mh.isSandbox; // the answer came from a sandbox, not MH
  const after: FanOutInvoice = {
    id,
    referenciaExterna: before.referenciaExterna,
    codigoGeneracion: before.codigoGeneracion,
    numeroControl: before.numeroControl,
    tipoDte: before.tipoDte,
    ambiente: before.ambiente,
    patientId: before.patientId,
    selloRecibido: before.selloRecibido,
    fhProcesamiento: before.fhProcesamiento,
    totalPagar: before.totalPagar,
    tipoContingencia: before.tipoContingencia,
    motivoContin: before.motivoContin,
    invalidation: before.invalidation,
    receptorCorreo: before.receptorCorreo,
    status: to,
    mhCodigoMsg: o.codigoMsg,
    mhDescripcionMsg: o.descripcionMsg,
    observaciones: o.observaciones,
    sandbox: before.sandbox || sandbox,
    ...(o.kind === 'processed' ? { selloRecibido: o.selloRecibido, fhProcesamiento: o.fhProcesamiento } : {}),
  };
  const type = o.kind === 'processed' ? 'dte.processed' : 'dte.rejected';
  const data =
    o.kind === 'processed'
      ? { selloRecibido: o.selloRecibido, codigoMsg: o.codigoMsg, observaciones: o.observaciones }
      : { codigoMsg: o.codigoMsg, descripcionMsg: o.descripcionMsg, observaciones: o.observaciones };

  const p = new SqlParams();
  const processed =
    o.kind === 'processed'
      ? `, sello_recibido = ${p.add(o.selloRecibido)}, fh_procesamiento = ${p.add(o.fhProcesamiento)},
         processed_at = ${p.add(scope.app.clock.now(), 'timestamptz')}`
      : '';
  const changed = `fx_old as (
      select id, status from invoice
      where id = ${p.add(id, 'uuid')} and ${tenantCheck('tenant_id', p.add(scope.tenantId, 'uuid'))}
      for update),
    fx_u as (
      update invoice i set status = ${p.add(to)}, mh_codigo_msg = ${p.add(o.codigoMsg)},
        mh_descripcion_msg = ${p.add(o.descripcionMsg)}, observaciones = ${p.json(o.observaciones)},
        sandbox = i.sandbox or ${p.add(sandbox, 'boolean')}${processed}, updated_at = now()
      from fx_old where i.id = fx_old.id and fx_old.status = any(${p.add(from, 'text[]')})
      returning i.tenant_id, i.id as invoice_id, fx_old.status as from_status, i.status as to_status)`;
  // The receptor gets the document once MH has processed it, committed with the state change.
  const email =
    o.kind === 'processed' && before.receptorCorreo ? invoiceEmailCtes(p, 'fx_u', before.receptorCorreo) : undefined;
  const ev = eventStatement(p, 'fx_u', type, after, data, email);
  const done = ending ? jobDoneCte(p, ending) : null;
  const ctes = [changed, ...ev.ctes, ...(done ? [`fx_job as (${done})`] : [])];
  const { rows } = await scope.app.db.pool.query(prepared(`with ${ctes.join(',\n')}\n${ev.select}`, p.values));
  return rows.length > 0;
}
