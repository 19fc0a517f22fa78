import { enqueue } from '../../queue/enqueue.js';
import { defineJob, JOB_PRIORITY, type ClaimedJob, type JobOutcome } from '../../queue/job-definition.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { compactJws } from '../invoices/invoice-jws.js';
import { Lote } from './contingency.entity.js';
import { inTenantScope, signingMaterial, type JobScope } from './job-scope.js';
import { recordMhAnswer } from './record-answer.js';

interface LotePayload {
  loteId: string;
}
/** "versión del JSON schema de lotes": MH does not publish the value; 1 is what integrators send. */
const LOTE_VERSION = 1;
const MAX_POLLS = 200;

/** Sends a lote of contingency documents (the signed JWS as issued) to recepcionlote; results are polled. */
async function sendLote(scope: JobScope, job: ClaimedJob<LotePayload>): Promise<JobOutcome> {
  const em = scope.em.fork();
  const lote = await em.findOneOrFail(Lote, { id: String(job.payload.loteId) });
  if (lote.status !== 'PENDING') return { kind: 'done' };
  const material = await signingMaterial(scope, lote.ambiente);
  if (!material) return { kind: 'retry', delayMs: 60_000, error: 'no MH credential' };
  const docs = await em.find(Invoice, { id: { $in: lote.invoiceIds } }, { orderBy: { createdAt: 'asc' } });
  const o = await scope.app.mh.client.recepcionLote(material.api, {
    ambiente: lote.ambiente,
    idEnvio: lote.idEnvio,
    version: LOTE_VERSION,
    nitEmisor: material.nit,
    documentos: docs.map((d) => compactJws(d)!),
  });
  if (o.kind !== 'received') {
    const reason = o.kind === 'rejected' ? `lote rejected: ${o.descripcionMsg}` : o.reason;
    return { kind: 'retry', delayMs: scope.settings.lotePollMs * 5, error: reason };
  }
  await em.transactional(async (tx) => {
    const l = await tx.findOneOrFail(Lote, { id: lote.id });
    l.status = 'SENT';
    l.codigoLote = o.codigoLote;
    l.sentAt = scope.app.clock.now();
    await enqueue(
      tx,
      pollLoteJob,
      { loteId: l.id },
      { tenantId: scope.tenantId, runAt: new Date(Date.now() + scope.settings.lotePollMs) },
    );
  });
  return { kind: 'done' };
}

/** Reads consultadtelote until every document of the lote has MH's answer; each answer is final for its document. */
async function pollLote(scope: JobScope, job: ClaimedJob<LotePayload>): Promise<JobOutcome> {
  const em = scope.em.fork();
  const lote = await em.findOneOrFail(Lote, { id: String(job.payload.loteId) });
  if (lote.status !== 'SENT') return { kind: 'done' };
  const material = (await signingMaterial(scope, lote.ambiente))!;
  const o = await scope.app.mh.client.consultaLote(material.api, lote.codigoLote!);
  lote.polls += 1;
  if (o.kind === 'not_found' || (o.kind !== 'lote' && lote.polls > MAX_POLLS)) return recoverLote(scope, lote.id);
  if (o.kind !== 'lote') {
    await em.flush();
    return { kind: 'retry', delayMs: scope.settings.lotePollMs, error: o.reason };
  }
  const docs = await em.find(Invoice, { id: { $in: lote.invoiceIds } });
  const byCodigo = new Map(docs.map((d) => [d.codigoGeneracion, d]));
  for (const answer of [...o.procesados, ...o.rechazados]) {
    const inv = answer.codigoGeneracion ? byCodigo.get(answer.codigoGeneracion) : undefined;
    if (inv?.status !== 'CONTINGENCY') continue;
    // 004 on a lote item: MH already had this document from an earlier normal send; ask for its sello.
    if (answer.kind === 'rejected' && answer.codigoMsg === '004') {
      const c = await scope.app.mh.client.consultaDte(material.api, {
        nitEmisor: material.nit,
        tdte: inv.tipoDte,
        codigoGeneracion: inv.codigoGeneracion,
      });
      if (c.kind === 'processed' || c.kind === 'rejected') await recordMhAnswer(scope, inv.id, c, 'CONTINGENCY');
      continue;
    }
    await recordMhAnswer(scope, inv.id, answer, 'CONTINGENCY');
  }
  const pending = await em.fork().count(Invoice, { id: { $in: lote.invoiceIds }, status: 'CONTINGENCY' });
  if (pending > 0) {
    await em.flush();
    if (lote.polls > MAX_POLLS) return recoverLote(scope, lote.id);
    return { kind: 'retry', delayMs: scope.settings.lotePollMs, error: `${pending} documents still pending` };
  }
  lote.status = 'DONE';
  lote.completedAt = scope.app.clock.now();
  await em.flush();
  return { kind: 'done' };
}

/**
 * MH lost the lote (unknown codigoLote) or never finished it: ask for each pending document with consultadte, and
 * send whatever MH does not have in a new lote. Nothing is resent that MH already holds.
 */
async function recoverLote(scope: JobScope, loteId: string): Promise<JobOutcome> {
  const em = scope.em.fork();
  const lote = await em.findOneOrFail(Lote, { id: loteId });
  const material = (await signingMaterial(scope, lote.ambiente))!;
  const pending = await em.find(Invoice, { id: { $in: lote.invoiceIds }, status: 'CONTINGENCY' });
  const missing: string[] = [];
  for (const inv of pending) {
    const c = await scope.app.mh.client.consultaDte(material.api, {
      nitEmisor: material.nit,
      tdte: inv.tipoDte,
      codigoGeneracion: inv.codigoGeneracion,
    });
    if (c.kind === 'processed' || c.kind === 'rejected') await recordMhAnswer(scope, inv.id, c, 'CONTINGENCY');
    else if (c.kind === 'not_found') missing.push(inv.id);
    else
      return {
        kind: 'retry',
        delayMs: scope.settings.lotePollMs * 5,
        error: `recovering lote ${lote.codigoLote}: ${c.reason}`,
      };
  }
  await em.transactional(async (tx) => {
    const l = await tx.findOneOrFail(Lote, { id: lote.id });
    l.status = 'DONE';
    l.completedAt = scope.app.clock.now();
    if (!missing.length) return;
    const next = tx.create(Lote, {
      tenant: scope.tenantId,
      ambiente: l.ambiente,
      contingencyEvent: l.contingencyEvent,
      status: 'PENDING',
      idEnvio: crypto.randomUUID().toUpperCase(),
      invoiceIds: missing,
      polls: 0,
    });
    await tx.flush();
    await enqueue(tx, sendLoteJob, { loteId: next.id }, { tenantId: scope.tenantId });
  });
  scope.app.log.warn(
    { loteId: lote.id, codigoLote: lote.codigoLote, resent: missing.length },
    'MH lost a lote: documents reconciled with consultadte, the rest resent',
  );
  return { kind: 'done' };
}

/** Sends a lote of contingency documents to recepcionlote (one live job per lote). */
export const sendLoteJob = defineJob<LotePayload>({
  kind: 'send-lote',
  priority: JOB_PRIORITY.mh,
  callsMh: true,
  dedupeKey: (p) => `lote:${p.loteId}`,
  run: inTenantScope(sendLote),
});

/** Polls consultadtelote for a sent lote until every document has MH's answer. */
export const pollLoteJob = defineJob<LotePayload>({
  kind: 'poll-lote',
  priority: JOB_PRIORITY.mh,
  callsMh: true,
  dedupeKey: (p) => `poll-lote:${p.loteId}`,
  run: inTenantScope(pollLote),
});
