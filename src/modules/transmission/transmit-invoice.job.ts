import { DTE_VERSIONS } from '../../dte/index.js';
import type { RecepcionOutcome } from '../../hacienda/index.js';
import { jobDoneOutcome } from '../../queue/enqueue.js';
import { defineJob, JOB_PRIORITY, type ClaimedJob, type JobOutcome } from '../../queue/job-definition.js';
import { backoffMs } from '../../queue/worker.js';
import { FINAL_STATUSES } from '../invoices/invoice-lifecycle.js';
import { compactJws, storedJwsOfSigned } from '../invoices/invoice-jws.js';
import { transition } from '../invoices/invoice-transitions.js';
import { keepSignedJws } from '../invoices/recent-signatures.js';
import { credentialGate } from './blocked.js';
import { enterContingency } from './enter-contingency.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import {
  inTenantScope,
  loadPipelineInvoice,
  lockInvoice,
  signingMaterial,
  type JobScope,
  type PipelineInvoice,
} from './job-scope.js';
import { markSignedAndSent } from './mark-sent.js';
import { recordMhAnswer } from './record-answer.js';

export interface TransmitPayload {
  invoiceId: string;
}
type Job = ClaimedJob<TransmitPayload>;
type Step = JobOutcome | 'next';
const NO_CREDENTIAL_RETRY_MS = 5 * 60_000;

/**
 * Drives one invoice from QUEUED to a final state, one committed step at a time, reloading state before each step:
 * the job is safe to rerun after a crash at any point. A document's first send is recorded with MH's answer to it,
 * in one statement (QUEUED → SIGNED → SENT → the answer); any other outcome of that send is recorded as SENT before
 * anything else is done. A run that dies before recording leaves the document QUEUED under a job already claimed
 * (its attempts say so): every later run of the job commits SENT first and asks consultadte before any resend, as it
 * does for a document it finds SENT. (MH itself refuses a second document with the same codigoGeneracion, 004, and
 * that answer too leads to consultadte.)
 */
async function transmitInvoice(scope: JobScope, job: Job): Promise<JobOutcome> {
  const invoiceId = String(job.payload.invoiceId);
  for (let guard = 0; guard < 8; guard++) {
    const inv = await loadPipelineInvoice(scope, invoiceId);
    const step = await advance(scope, job, inv);
    if (step !== 'next') return step;
  }
  return { kind: 'retry', delayMs: 1000, error: 'too many steps in one run' };
}

/**
 * Signs and transmits one invoice (emission and correction queue it; one live job per invoice). It holds an MH slot
 * only while its request is at MH (`atMh`): the worker claims a few jobs beyond the tenant's slots, and these are
 * loaded and signed while the slots' documents are at MH; MH's answer is recorded after the slot is handed to the
 * next one. (If the worker dies with a document at MH, the run that takes the job over asks consultadte before
 * sending it again.)
 */
export const transmitInvoiceJob = defineJob<TransmitPayload>({
  kind: 'transmit-invoice',
  priority: JOB_PRIORITY.mh,
  callsMh: true,
  mhSlotPerCall: true,
  dedupeKey: (p) => `transmit:${p.invoiceId}`,
  run: inTenantScope(transmitInvoice),
});

async function advance(scope: JobScope, job: Job, inv: PipelineInvoice): Promise<Step> {
  if (FINAL_STATUSES.includes(inv.status) || inv.status === 'CONTINGENCY') return { kind: 'done' };
  const gate = await credentialGate(scope, inv, await signingMaterial(scope, inv.ambiente));
  if ('wait' in gate) return gate.wait;
  switch (inv.status) {
    case 'QUEUED':
      return sign(scope, job, inv, gate.material.privateKeyPem);
    case 'SIGNED':
      return send(scope, job, inv);
    case 'SENT':
      // A previous run committed SENT and then died or lost the answer, or may have sent the document without
      // recording it (see sign): MH may have it. Ask before resending.
      await scope.em.fork().transactional(async (tx) => {
        const locked = await lockInvoice(tx, inv.id);
        if (locked.status === 'SENT')
          await transition(tx, locked, 'UNKNOWN', 'dte.unknown', { reason: 'transmission interrupted' });
      });
      return 'next';
    case 'UNKNOWN':
      return reconcile(scope, job, inv);
    default:
      return { kind: 'done' };
  }
}

/**
 * QUEUED: signed, then sent. On the job's first run the request leaves at once and MH's answer is recorded with the
 * signing and the send (firstSend). On a later run an earlier one may have sent the document without recording it:
 * QUEUED → SIGNED → SENT is committed first, and the next step (SENT found) asks consultadte before any resend.
 */
async function sign(scope: JobScope, job: Job, inv: PipelineInvoice, privateKeyPem: string): Promise<Step> {
  const jws = await scope.app.mh.signer.sign(inv.document, privateKeyPem);
  const stored = storedJwsOfSigned(jws, inv.document);
  // kept for the receptor's e-mail (recent-signatures.ts): the row holds the JWS without its payload
  if (stored !== jws) keepSignedJws(scope.tenantId, inv.id, jws);
  if (job.attempts <= 1) return firstSend(scope, job, inv, jws, stored);
  await markSignedAndSent(scope.app.db, scope.tenantId, inv.id, stored);
  return 'next';
}

/** The document's first send: nothing is written before the request leaves (see transmitInvoice). */
async function firstSend(scope: JobScope, job: Job, inv: PipelineInvoice, jws: string, stored: string): Promise<Step> {
  // The loaded invoice (a plain object) keeps the whole JWS, which is what is sent (compactJws returns it as it is
  // instead of rebuilding the payload from the document).
  Object.assign(inv, { jws });
  const outcome = await request(scope, job, inv);
  if (outcome.kind === 'processed' || (outcome.kind === 'rejected' && outcome.codigoMsg !== '004')) {
    await recordMhAnswer(scope, inv.id, outcome, 'QUEUED', inv, job, { jws: stored });
    return jobDoneOutcome(job);
  }
  // No answer, MH already has it, or MH unreachable: the send is recorded as it happened (SENT), then handled as any
  // send's outcome is.
  const attempt = await markSignedAndSent(scope.app.db, scope.tenantId, inv.id, stored);
  if (attempt === null) return 'next';
  Object.assign(inv, { status: 'SENT', sendAttempts: attempt });
  return afterSend(scope, job, inv, outcome);
}

/** SIGNED (or UNKNOWN confirmed absent by consultadte) → SENT → recepciondte. */
async function send(scope: JobScope, job: Job, inv: PipelineInvoice): Promise<Step> {
  const claimed = await scope.em.fork().transactional(async (tx) => {
    const locked = await lockInvoice(tx, inv.id);
    return locked.status === 'SIGNED' || locked.status === 'UNKNOWN' ? markSent(tx, locked) : null;
  });
  return claimed ? transmit(scope, job, claimed) : 'next';
}

async function markSent(tx: JobScope['em'], locked: Invoice): Promise<Invoice> {
  locked.sendAttempts += 1;
  await transition(tx, locked, 'SENT', 'dte.sent', { attempt: locked.sendAttempts });
  return locked;
}

async function transmit(scope: JobScope, job: Job, inv: PipelineInvoice): Promise<Step> {
  return afterSend(scope, job, inv, await request(scope, job, inv));
}

/** recepciondte: the signed document to MH. */
async function request(scope: JobScope, job: Job, inv: PipelineInvoice): Promise<RecepcionOutcome> {
  const material = (await signingMaterial(scope, inv.ambiente))!;
  return atMh(job, () =>
    scope.app.mh.client.recepcionDte(material.api, {
      ambiente: inv.ambiente,
      idEnvio: Number(job.id) % 2_000_000_000,
      version: DTE_VERSIONS[inv.tipoDte],
      tipoDte: inv.tipoDte,
      documento: compactJws(inv)!,
      codigoGeneracion: inv.codigoGeneracion,
    }),
  );
}

/** One request to MH, in one of the tenant's MH slots (taken only for the request: see transmitInvoiceJob). */
function atMh<T>(job: Job, call: () => Promise<T>): Promise<T> {
  return job.atMh ? job.atMh(call) : call();
}

async function afterSend(scope: JobScope, job: Job, inv: PipelineInvoice, o: RecepcionOutcome): Promise<Step> {
  const id = inv.id;
  // 004: MH already has this codigoGeneracion (an earlier send got through): reconcile through consultadte.
  if (o.kind === 'rejected' && o.codigoMsg === '004')
    return toUnknown(scope, id, 'MH reports the document as already received');
  if (o.kind === 'processed' || o.kind === 'rejected') {
    await recordMhAnswer(scope, id, o, 'SENT', inv, job);
    return jobDoneOutcome(job);
  }
  if (o.kind === 'unknown') return toUnknown(scope, id, o.reason);
  // transient / auth_error: MH certainly did not process it. Back to SIGNED; the send did not count.
  await scope.em.fork().transactional(async (tx) => {
    const locked = await lockInvoice(tx, id);
    if (locked.status !== 'SENT') return;
    locked.sendAttempts -= 1;
    await transition(tx, locked, 'SIGNED', 'dte.retry', { reason: o.reason });
  });
  if (o.kind === 'auth_error')
    return { kind: 'retry', delayMs: NO_CREDENTIAL_RETRY_MS, error: `MH refused the credentials: ${o.reason}` };
  return unreachable(scope, job, id, o.reason);
}

async function toUnknown(scope: JobScope, id: string, reason: string): Promise<Step> {
  await scope.em.fork().transactional(async (tx) => {
    const locked = await lockInvoice(tx, id);
    if (locked.status === 'SENT') await transition(tx, locked, 'UNKNOWN', 'dte.unknown', { reason });
  });
  return 'next';
}

/** UNKNOWN: consultadte first; resend only when MH confirms it does not have the document. */
async function reconcile(scope: JobScope, job: Job, inv: PipelineInvoice): Promise<Step> {
  const material = (await signingMaterial(scope, inv.ambiente))!;
  const o = await atMh(job, () =>
    scope.app.mh.client.consultaDte(material.api, {
      nitEmisor: material.nit,
      tdte: inv.tipoDte,
      codigoGeneracion: inv.codigoGeneracion,
    }),
  );
  if (o.kind === 'processed' || o.kind === 'rejected') {
    await recordMhAnswer(scope, inv.id, o, 'UNKNOWN', inv, job);
    return jobDoneOutcome(job);
  }
  if (o.kind === 'not_found') {
    if (inv.sendAttempts < scope.settings.maxSends) return send(scope, job, inv);
    return contingency(scope, inv.id, `MH did not receive the document after ${inv.sendAttempts} transmissions`);
  }
  if (o.kind === 'auth_error')
    return { kind: 'retry', delayMs: NO_CREDENTIAL_RETRY_MS, error: `MH refused the credentials: ${o.reason}` };
  return unreachable(scope, job, inv.id, o.reason);
}

/**
 * MH unreachable: retry with backoff a few times, then re-issue in contingency (tipoContingencia 1, MH no disponible).
 */
async function unreachable(scope: JobScope, job: Job, id: string, reason: string): Promise<Step> {
  if (job.attempts < scope.settings.unreachableBeforeContingency)
    return { kind: 'retry', delayMs: backoffMs(job.attempts, 500, 10_000), error: reason };
  return contingency(scope, id, reason);
}

async function contingency(scope: JobScope, id: string, reason: string): Promise<Step> {
  const entered = await enterContingency(scope, id, { tipoContingencia: 1, motivoContin: null }, reason);
  return entered
    ? { kind: 'done' }
    : {
        kind: 'retry',
        delayMs: 30_000,
        error: `${reason} (this document type cannot be issued in contingency; retrying)`,
      };
}
