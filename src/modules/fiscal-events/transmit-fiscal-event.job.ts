import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProcessedOutcome, RejectedOutcome } from '../../hacienda/index.js';
import type { ClaimedJob, JobOutcome } from '../../queue/worker.js';
import { backoffMs } from '../../queue/worker.js';
import { writeOutbox } from '../notifications/fan-out.js';
import { inTenantScope, signingMaterial, type JobScope } from '../transmission/job-scope.js';
import { defineJob, JOB_PRIORITY } from '../../queue/job-definition.js';
import { FiscalEvent, type FiscalEventStatus } from './fiscal-event.entity.js';
import { fiscalEventWebhook } from './fiscal-event-webhooks.js';

/** Normativa 2.0's events are version 1 and travel through recepciondte with tipoDte = their tipoEvento. */
const EVENT_VERSION = 1;
const NO_CREDENTIAL_RETRY_MS = 5 * 60_000;
type Step = JobOutcome | 'next';

async function lockEvent(tx: EntityManager, id: string): Promise<FiscalEvent> {
  return tx.findOneOrFail(FiscalEvent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['signedDocument'] });
}

async function move(
  scope: JobScope,
  id: string,
  from: FiscalEventStatus[],
  apply: (e: FiscalEvent) => void,
): Promise<FiscalEvent | null> {
  return scope.em.fork().transactional(async (tx) => {
    const e = await lockEvent(tx, id);
    if (!from.includes(e.status)) return null;
    apply(e);
    return e;
  });
}

/**
 * Drives one Retorno / Operaciones Especiales event to MH's answer, like a document: signed, SENT committed before the
 * request leaves, consultadte before any resend after a lost answer, and the outcome recorded with its webhook in one
 * transaction. MH unreachable: retried with backoff (these events are not re-issued in contingency here).
 */
export async function transmitFiscalEvent(scope: JobScope, job: ClaimedJob<{ eventId: string }>): Promise<JobOutcome> {
  const id = String(job.payload.eventId);
  for (let guard = 0; guard < 6; guard++) {
    const e = await scope.em.fork().findOneOrFail(FiscalEvent, { id }, { populate: ['signedDocument'] });
    const step = await advance(scope, job, e);
    if (step !== 'next') return step;
  }
  return { kind: 'retry', delayMs: 1000, error: 'too many steps in one run' };
}

async function advance(scope: JobScope, job: ClaimedJob, e: FiscalEvent): Promise<Step> {
  if (e.status === 'PROCESSED' || e.status === 'REJECTED' || e.status === 'INVALIDATED') return { kind: 'done' };
  const material = await signingMaterial(scope, e.ambiente);
  if (!material)
    return {
      kind: 'retry',
      delayMs: NO_CREDENTIAL_RETRY_MS,
      error: 'no MH certificate/credential imported for this ambiente',
    };
  if (e.status === 'SENT') {
    await move(scope, e.id, ['SENT'], (x) => (x.status = 'UNKNOWN'));
    return 'next';
  }
  if (e.status === 'UNKNOWN') return reconcile(scope, job, e);
  const jws = e.signedDocument ?? (await scope.app.mh.signer.sign(e.document, material.privateKeyPem));
  return send(scope, job, e.id, jws, ['QUEUED']);
}

async function send(
  scope: JobScope,
  job: ClaimedJob,
  id: string,
  jws: string,
  from: FiscalEventStatus[],
): Promise<Step> {
  const sent = await move(scope, id, from, (x) => {
    x.signedDocument = jws;
    x.sendAttempts += 1;
    x.status = 'SENT';
  });
  if (!sent) return 'next';
  const material = (await signingMaterial(scope, sent.ambiente))!;
  const o = await scope.app.mh.client.recepcionDte(material.api, {
    ambiente: sent.ambiente,
    idEnvio: Number(job.id) % 2_000_000_000,
    version: EVENT_VERSION,
    tipoDte: sent.tipoEvento,
    documento: jws,
    codigoGeneracion: sent.codigoGeneracion,
  });
  if (o.kind === 'rejected' && o.codigoMsg === '004') return toUnknown(scope, id);
  if (o.kind === 'processed' || o.kind === 'rejected') return record(scope, id, o, ['SENT']);
  if (o.kind === 'unknown') return toUnknown(scope, id);
  // transient / auth_error: MH certainly has nothing; the send does not count.
  await move(scope, id, ['SENT'], (x) => {
    x.sendAttempts -= 1;
    x.status = 'QUEUED';
  });
  const delayMs = o.kind === 'auth_error' ? NO_CREDENTIAL_RETRY_MS : backoffMs(job.attempts + 1, 1000, 5 * 60_000);
  return { kind: 'retry', delayMs, error: o.reason };
}

async function toUnknown(scope: JobScope, id: string): Promise<Step> {
  await move(scope, id, ['SENT'], (x) => (x.status = 'UNKNOWN'));
  return 'next';
}

/** UNKNOWN: ask consultadte; resend only when MH confirms it does not have the event. */
async function reconcile(scope: JobScope, job: ClaimedJob, e: FiscalEvent): Promise<Step> {
  const material = (await signingMaterial(scope, e.ambiente))!;
  const o = await scope.app.mh.client.consultaDte(material.api, {
    nitEmisor: material.nit,
    tdte: e.tipoEvento,
    codigoGeneracion: e.codigoGeneracion,
  });
  if (o.kind === 'processed' || o.kind === 'rejected') return record(scope, e.id, o, ['UNKNOWN']);
  if (o.kind === 'not_found') return send(scope, job, e.id, e.signedDocument!, ['UNKNOWN']);
  const delayMs = o.kind === 'auth_error' ? NO_CREDENTIAL_RETRY_MS : backoffMs(job.attempts + 1, 1000, 5 * 60_000);
  return { kind: 'retry', delayMs, error: o.reason };
}

async function record(
  scope: JobScope,
  id: string,
  o: ProcessedOutcome | RejectedOutcome,
  from: FiscalEventStatus[],
): Promise<Step> {
  await scope.em.fork().transactional(async (tx) => {
    const e = await lockEvent(tx, id);
    if (!from.includes(e.status)) return;
    e.mhCodigoMsg = o.codigoMsg;
    e.mhDescripcionMsg = o.descripcionMsg;
    e.observaciones = o.observaciones;
    if (o.kind === 'processed') {
      e.status = 'PROCESSED';
      e.selloRecibido = o.selloRecibido;
      e.fhProcesamiento = o.fhProcesamiento;
      e.processedAt = scope.app.clock.now();
    } else e.status = 'REJECTED';
    await tx.flush();
    const hook = fiscalEventWebhook(e);
    await writeOutbox(tx, e.tenant.id, { type: hook.type, data: hook.data, invoiceId: null, eventId: null });
  });
  return { kind: 'done' };
}

export interface TransmitFiscalEventPayload {
  eventId: string;
}

/** Signs and transmits one Retorno / Operaciones Especiales event, like a document (one live job per event). */
export const transmitFiscalEventJob = defineJob<TransmitFiscalEventPayload>({
  kind: 'transmit-fiscal-event',
  priority: JOB_PRIORITY.mh,
  callsMh: true,
  dedupeKey: (p) => `transmit-event:${p.eventId}`,
  run: inTenantScope(transmitFiscalEvent),
});
