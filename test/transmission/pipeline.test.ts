import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceEvent } from '../../src/modules/invoices/invoice.entity.js';
import { compactJws } from '../../src/modules/invoices/invoice-jws.js';
import { ContingencyEvent, Lote } from '../../src/modules/transmission/contingency.entity.js';
import { verifyDteJws } from '../../src/signing/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(
    {
      FX_MH_TIMEOUT_MS: '600',
      FX_UNREACHABLE_BEFORE_CONTINGENCY: '2',
      FX_CONTINGENCY_PROBE_MS: '300',
      FX_LOTE_POLL_MS: '150',
    },
    { worker: true },
  );
});
afterAll(async () => t?.close());

const sandbox = () => t.app.mh.sandbox!;
const events = async (id: string) =>
  (await t.app.db.orm.em.fork().find(InvoiceEvent, { invoice: id }, { filters: false, orderBy: { id: 'asc' } })).map(
    (e) => e.type,
  );

describe('sign and transmit through the MH sandbox (real HTTP)', () => {
  let tt: PipelineTenant;
  beforeAll(async () => {
    tt = await tenantWithCredential(t);
  });

  it(
    'happy path: QUEUED → SIGNED → SENT → PROCESSED with a ' +
      '40-character sello; the JWS verifies with the tenant key',
    async () => {
      const inv = await emit(tt);
      expect(inv.status).toBe('QUEUED');
      expect(inv.numeroControl).toMatch(/^DTE-01-M001P001-[0-9]{15}$/);
      const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
      expect(done!.status).toBe('PROCESSED');
      expect(done!.selloRecibido).toMatch(/^[A-Z0-9]{40}$/);
      expect(done!.fhProcesamiento).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
      expect(sandbox().receptions(inv.codigoGeneracion)).toBe(1);
      const [header] = compactJws(done!)!.split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'RS512' });
      const payload = await verifyDteJws(compactJws(done!)!, createPublicKey(tt.publicKeyPem));
      expect((payload.identificacion as { codigoGeneracion: string }).codigoGeneracion).toBe(inv.codigoGeneracion);
      expect(await events(inv.id)).toEqual(['dte.queued', 'dte.signed', 'dte.sent', 'dte.processed']);
    },
  );

  it('rejection: REJECTED with MH observaciones kept', async () => {
    sandbox().setFault({ rejectNext: 1 }, tt.nit);
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
    expect(done!.status).toBe('REJECTED');
    expect(done!.selloRecibido).toBeNull();
    expect(done!.mhCodigoMsg).toBeTruthy();
    expect((done!.observaciones ?? []).length + (done!.mhDescripcionMsg ? 1 : 0)).toBeGreaterThan(0);
    expect(await events(inv.id)).toContain('dte.rejected');
  });

  it(
    'a REJECTED document corrected by SIGMA (same referenciaExterna, ' +
      'new body) is rebuilt and sent again, same codigoGeneracion',
    async () => {
      sandbox().setFault({ rejectNext: 1 }, tt.nit);
      const body = facturaBody();
      const inv = await emit(tt, body);
      expect((await waitForStatus(t, [inv.id], ['REJECTED', 'PROCESSED']))[0]!.status).toBe('REJECTED');
      expect((await emit(tt, body)).status).toBe('REJECTED'); // the same body again: the same rejected invoice
      const corrected = await emit(tt, { ...body, observaciones: 'corregido' });
      expect(corrected.id).toBe(inv.id);
      expect(corrected.status).toBe('QUEUED');
      const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
      expect(done!).toMatchObject({
        status: 'PROCESSED',
        codigoGeneracion: inv.codigoGeneracion,
        numeroControl: inv.numeroControl,
      });
      expect((done!.document.resumen as { observaciones: string }).observaciones).toBe('corregido');
      expect(sandbox().receptions(inv.codigoGeneracion)).toBe(2); // the rejected send and the corrected one
      expect(await events(inv.id)).toEqual([
        'dte.queued',
        'dte.signed',
        'dte.sent',
        'dte.rejected',
        'dte.corrected',
        'dte.signed',
        'dte.sent',
        'dte.processed',
      ]);
      // once PROCESSED, a different body under the same reference is a duplicate again
      await expect(emit(tt, { ...body, observaciones: 'otra' })).rejects.toMatchObject({ code: 'DUPLICATE_REFERENCE' });
    },
  );

  it('timeout where consultadte finds the document: PROCESSED without a resend', async () => {
    sandbox().setFault({ timeout: true, afterProcessing: true, holdMs: 2000, times: 1 }, tt.nit);
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
    expect(done!.status).toBe('PROCESSED');
    expect(done!.sendAttempts).toBe(1);
    expect(sandbox().receptions(inv.codigoGeneracion)).toBe(1);
    expect(await events(inv.id)).toEqual(['dte.queued', 'dte.signed', 'dte.sent', 'dte.unknown', 'dte.processed']);
  });

  it('timeout where MH never got it: consultadte says no, one resend, PROCESSED', async () => {
    sandbox().setFault({ timeout: true, holdMs: 2000, times: 1 }, tt.nit);
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
    expect(done!.status).toBe('PROCESSED');
    expect(done!.sendAttempts).toBe(2);
    expect(sandbox().receptions(inv.codigoGeneracion)).toBe(1);
    expect(await events(inv.id)).toEqual([
      'dte.queued',
      'dte.signed',
      'dte.sent',
      'dte.unknown',
      'dte.sent',
      'dte.processed',
    ]);
  });
});

describe('contingency', () => {
  // The outage must outlast the emissions and their first send, also on a loaded machine: a document that reaches MH
  // after it is PROCESSED at once and never goes through contingency.
  const OUTAGE_MS = 8000;

  it('outage → contingency documents → event → lote → every document PROCESSED exactly once', async () => {
    const tt = await tenantWithCredential(t);
    sandbox().setFault({ outageUntil: new Date(Date.now() + OUTAGE_MS).toISOString() }, tt.nit);
    const invs = await Promise.all([1, 2, 3].map(() => emit(tt, facturaBody())));
    const mid = await waitForStatus(
      t,
      invs.map((i) => i.id),
      ['CONTINGENCY'],
      15_000,
    );
    expect(mid.map((i) => i.status)).toEqual(['CONTINGENCY', 'CONTINGENCY', 'CONTINGENCY']);
    for (const i of mid) {
      expect(i.document.identificacion).toMatchObject({ tipoModelo: 2, tipoOperacion: 2, tipoContingencia: 1 });
      expect(i.contingencyEvent).toBe(mid[0]!.contingencyEvent);
    }
    const done = await waitForStatus(
      t,
      invs.map((i) => i.id),
      ['PROCESSED', 'REJECTED'],
      30_000,
    );
    expect(done.map((i) => i.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED']);
    for (const i of done) {
      expect(sandbox().receptions(i.codigoGeneracion)).toBe(1);
      expect(i.transmitDeadline).toBeTruthy();
      expect(i.contingencyDeadline).toBeTruthy();
    }
    const ev = await t.app.db.orm.em
      .fork()
      .findOneOrFail(ContingencyEvent, { id: mid[0]!.contingencyEvent! }, { filters: false });
    expect(ev.status).toBe('ACCEPTED');
    expect(ev.selloRecibido).toMatch(/^[A-Z0-9]{40}$/);
  }, 60_000);

  it('a lote MH loses (RECIBIDO, then unknown to consultadtelote) ' +
    'is reconciled: nothing resent twice, every document PROCESSED', async () => {
    const tt = await tenantWithCredential(t);
    sandbox().setFault({ outageUntil: new Date(Date.now() + OUTAGE_MS).toISOString() }, tt.nit);
    sandbox().setFault({ loseLotes: 1 }, tt.nit);
    const invs = await Promise.all([1, 2].map(() => emit(tt, facturaBody())));
    const mid = await waitForStatus(
      t,
      invs.map((i) => i.id),
      ['CONTINGENCY'],
      15_000,
    );
    expect(mid.map((i) => i.status)).toEqual(['CONTINGENCY', 'CONTINGENCY']);
    const done = await waitForStatus(
      t,
      invs.map((i) => i.id),
      ['PROCESSED', 'REJECTED'],
      40_000,
    );
    expect(done.map((i) => i.status)).toEqual(['PROCESSED', 'PROCESSED']);
    for (const i of done) expect(sandbox().receptions(i.codigoGeneracion)).toBe(1); // the lost lote never counted
    let lotes: Lote[] = [];
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      lotes = await t.app.db.orm.em
        .fork()
        .find(Lote, { tenant: tt.tenantId }, { filters: false, orderBy: { createdAt: 'asc' } });
      if (lotes.length && lotes.every((l) => l.status === 'DONE')) break;
    }
    expect(lotes.map((l) => l.status)).toEqual(lotes.map(() => 'DONE'));
    // the first lote was lost: each of its documents went out again in exactly one later lote
    const [lost, ...rest] = lotes;
    for (const id of lost!.invoiceIds) expect(rest.filter((l) => l.invoiceIds.includes(id))).toHaveLength(1);
  }, 70_000);
});
