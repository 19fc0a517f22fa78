import { buildContingencia, elSalvadorDateTime } from '../../dte/index.js';
import { enqueue } from '../../queue/enqueue.js';
import { defineJob, JOB_PRIORITY, type ClaimedJob, type JobOutcome } from '../../queue/job-definition.js';
import { resolveEmisor } from '../invoices/emisor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { ContingencyEvent, Lote } from './contingency.entity.js';
import { sendLoteJob } from './lote.job.js';
import { inTenantScope, signingMaterial, type JobScope } from './job-scope.js';

/** MH: at most 100 documents per lote. */
export const MAX_DOCS_PER_LOTE = 100;
const HOUR = 3_600_000;

/**
 * An open contingency event: probe MH; once it answers, close the event (the outage ended now), report it within
 * the 24 h MH allows, and after its sello queue the documents in lotes of ≤ 100 to be sent within 72 h.
 */
async function reportContingencyEvent(scope: JobScope, job: ClaimedJob<{ eventId: string }>): Promise<JobOutcome> {
  const em = scope.em.fork();
  const ev = await em.findOneOrFail(ContingencyEvent, { id: String(job.payload.eventId) });
  if (ev.status === 'ACCEPTED' || ev.status === 'REJECTED') return { kind: 'done' };
  const material = await signingMaterial(scope, ev.ambiente);
  if (!material) return { kind: 'retry', delayMs: scope.settings.contingencyProbeMs, error: 'no MH credential' };
  const probe = await scope.app.mh.client.authenticate(material.api, true);
  if (probe.kind !== 'ok')
    return {
      kind: 'retry',
      delayMs: scope.settings.contingencyProbeMs,
      error: `MH still unavailable: ${probe.reason}`,
    };

  const now = scope.app.clock.now();
  if (ev.status === 'OPEN') {
    const docs = await em.find(
      Invoice,
      { contingencyEvent: ev.id, status: 'CONTINGENCY' },
      { orderBy: { createdAt: 'asc' } },
    );
    const tenant = await em.findOneOrFail(Tenant, { id: scope.tenantId });
    const resolved = await resolveEmisor(em, tenant, {});
    if ('issues' in resolved) return { kind: 'failed', error: 'tenant has no establishment' };
    const start = elSalvadorDateTime(ev.startedAt);
    const end = elSalvadorDateTime(now);
    ev.document = buildContingencia(
      {
        responsable: { nombre: tenant.nombre, tipoDocumento: '36', numeroDocumento: tenant.nit },
        detalleDTE: docs.map((d) => ({ tipoDoc: d.tipoDte, codigoGeneracion: d.codigoGeneracion })),
        motivo: {
          fInicio: start.fecEmi,
          hInicio: start.horEmi,
          fFin: end.fecEmi,
          hFin: end.horEmi,
          tipoContingencia: ev.tipoContingencia as 1,
          motivoContingencia: ev.motivoContin ?? null,
        },
      },
      resolved.emisor,
      { ambiente: ev.ambiente, codigoGeneracion: ev.codigoGeneracion, ...end },
    );
    ev.endedAt = now;
    ev.deadline = new Date(now.getTime() + 24 * HOUR);
    ev.status = 'CLOSED';
    for (const d of docs) d.contingencyDeadline = ev.deadline;
    await em.flush(); // from here on new contingency documents open a new event
  }

  const jws = await scope.app.mh.signer.sign(ev.document!, material.privateKeyPem);
  ev.attempts += 1;
  const o = await scope.app.mh.client.contingencia(material.api, { nit: material.nit, documento: jws });
  if (o.kind === 'rejected') {
    ev.status = 'REJECTED';
    ev.observaciones = o.observaciones.length ? o.observaciones : [o.descripcionMsg ?? 'rechazado'];
    await em.flush();
    scope.app.log.error(
      { eventId: ev.id, observaciones: ev.observaciones },
      'MH rejected the contingency event: fix within 24 h (MH contingency rules)',
    );
    return { kind: 'failed', error: `contingency event rejected: ${ev.observaciones.join('; ')}` };
  }
  if (o.kind !== 'processed') {
    await em.flush();
    return { kind: 'retry', delayMs: scope.settings.contingencyProbeMs, error: o.reason };
  }
  await em.transactional(async (tx) => {
    const e = await tx.findOneOrFail(ContingencyEvent, { id: ev.id });
    e.status = 'ACCEPTED';
    e.selloRecibido = o.selloRecibido;
    e.attempts = ev.attempts;
    const docs = await tx.find(
      Invoice,
      { contingencyEvent: e.id, status: 'CONTINGENCY' },
      { orderBy: { createdAt: 'asc' } },
    );
    const transmitDeadline = new Date(now.getTime() + 72 * HOUR);
    for (const d of docs) d.transmitDeadline = transmitDeadline;
    for (let i = 0; i < docs.length; i += MAX_DOCS_PER_LOTE) {
      const lote = tx.create(Lote, {
        tenant: scope.tenantId,
        ambiente: e.ambiente,
        contingencyEvent: e.id,
        status: 'PENDING',
        idEnvio: crypto.randomUUID().toUpperCase(),
        invoiceIds: docs.slice(i, i + MAX_DOCS_PER_LOTE).map((d) => d.id),
        polls: 0,
      });
      await tx.flush();
      await enqueue(tx, sendLoteJob, { loteId: lote.id }, { tenantId: scope.tenantId });
    }
  });
  return { kind: 'done' };
}

/** Probes MH for an open contingency event, reports it and queues its lotes (one live job per event). */
export const contingencyEventJob = defineJob<{ eventId: string }>({
  kind: 'contingency-event',
  priority: JOB_PRIORITY.mh,
  callsMh: true,
  dedupeKey: (p) => `contingency:${p.eventId}`,
  run: inTenantScope(reportContingencyEvent),
});
