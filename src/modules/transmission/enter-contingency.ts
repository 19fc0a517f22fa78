import { LockMode } from '@mikro-orm/core';
import { isContingencyAllowed, newCodigoGeneracion, toContingency } from '../../dte/index.js';
import { enqueue } from '../../queue/enqueue.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { jsonbOrder, storedJws } from '../invoices/invoice-jws.js';
import { transition } from '../invoices/invoice-transitions.js';
import { contingencyEventJob } from './contingency-event.job.js';
import { ContingencyEvent } from './contingency.entity.js';
import { lockInvoice, signingMaterial, type JobScope } from './job-scope.js';

/** MH: 1–1000 documents per contingency event. */
export const MAX_DOCS_PER_EVENT = 1000;

/**
 * Re-issues a document that MH could not take as a contingency document (tipoModelo 2, tipoOperacion 2,
 * tipoContingencia; same codigoGeneracion and numeroControl — MH never sealed it), re-signs it, and files it under the
 * tenant's open contingency event, whose job probes MH and reports the event once MH answers again.
 * Returns false for types MH excludes from contingency (CL, DCL, CD): those keep retrying normally.
 */
export async function enterContingency(
  scope: JobScope,
  id: string,
  c: { tipoContingencia: 1 | 2 | 3 | 4 | 5; motivoContin: string | null },
  reason: string,
): Promise<boolean> {
  const current = await scope.em.fork().findOneOrFail(Invoice, { id });
  if (!isContingencyAllowed(current.tipoDte)) return false;
  const material = (await signingMaterial(scope, current.ambiente))!;
  // Keys in the order the row gives them back: the stored document then stands for the JWS payload (invoice-jws.ts).
  const document = jsonbOrder(toContingency(current.document, c)) as Record<string, unknown>;
  const jws = await scope.app.mh.signer.sign(document, material.privateKeyPem);
  await scope.em.fork().transactional(async (tx) => {
    const inv = await lockInvoice(tx, id);
    if (!['SIGNED', 'SENT', 'UNKNOWN'].includes(inv.status)) return;
    // One open event per (tenant, ambiente) at a time; the lock on the tenant row serialises concurrent documents.
    await tx.findOneOrFail(Tenant, { id: scope.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    let ev = await tx.findOne(
      ContingencyEvent,
      { ambiente: inv.ambiente, status: 'OPEN' },
      { orderBy: { createdAt: 'desc' } },
    );
    const inEvent = ev ? await tx.count(Invoice, { contingencyEvent: ev.id }) : 0;
    if (!ev || inEvent >= MAX_DOCS_PER_EVENT) {
      ev = tx.create(ContingencyEvent, {
        tenant: scope.tenantId,
        ambiente: inv.ambiente,
        status: 'OPEN',
        codigoGeneracion: newCodigoGeneracion(),
        tipoContingencia: c.tipoContingencia,
        motivoContin: c.motivoContin,
        startedAt: scope.app.clock.now(),
        attempts: 0,
      });
      await tx.flush();
    }
    inv.document = document;
    inv.jws = storedJws(jws, document);
    inv.tipoContingencia = c.tipoContingencia;
    inv.motivoContin = c.motivoContin;
    inv.contingencyEvent = ev.id;
    await transition(tx, inv, 'CONTINGENCY', 'dte.contingency', {
      reason,
      contingencyEventId: ev.id,
      tipoContingencia: c.tipoContingencia,
    });
    await enqueue(
      tx,
      contingencyEventJob,
      { eventId: ev.id },
      { tenantId: scope.tenantId, runAt: new Date(Date.now() + scope.settings.contingencyProbeMs) },
    );
  });
  return true;
}
