// Evento de Retorno and Evento de Operaciones Especiales end to end: GraphQL/REST → fiscal_event row + job → worker
// signs and sends to the MH sandbox over HTTP → sello → webhook to a real listener. Per-line balances across several
// returns, the sandbox's own checks, and the invalidation guard.
import { createPublicKey } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFacturaXpressClient,
  EmitReturnDocument,
  FiscalEventDocument,
  InvoiceBalancesDocument,
} from '../../src/client/index.js';
import { AppError } from '../../src/core/errors.js';
import { verifyDteJws } from '../../src/signing/jws.js';
import { elSalvadorDateTime } from '../../src/dte/index.js';
import { FiscalEvent } from '../../src/modules/fiscal-events/fiscal-event.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  INVALIDATION_PEOPLE as people,
  emit,
  facturaBody,
  invalidate,
  tenantWithCredential,
  waitForStatus,
  type PipelineTenant,
} from '../helpers/pipeline.js';
import { startReceiver } from '../notifications/receiver.js';
import { CONTRIBUYENTE } from '../dte/cases.js';

let t: TestApp;
let tt: PipelineTenant;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let secret: string;
const H = () => ({ 'x-api-key': tt.apiKey });
let seq = 0;
const ref = () => `EV-${Date.now()}-${++seq}`;

beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  tt = await tenantWithCredential(t);
  rx = await startReceiver();
  const r = await t.gql(
    `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: ` +
      `$i) { ... on CreatedWebhookEndpoint { secret } } }`,
    {
      i: {
        url: rx.url,
        eventTypes: [
          'dte.return.processed',
          'dte.return.rejected',
          'dte.return.invalidated',
          'dte.special-operations.processed',
        ],
      },
    },
    H(),
  );
  secret = r.body.data.createWebhookEndpoint.secret;
});
afterAll(async () => {
  await rx?.close();
  await t?.close();
});

const EMIT_RETURN = `mutation($i: EmitReturnInput!) { emitReturn(input: $i) { __typename
  ... on FiscalEvent { id status tipoEvento codigoGeneracion lines { numItem cantidad } document }
  ... on UserError { code message issues { path code message } } } }`;
const EMIT_EOP = `mutation($i: EmitSpecialOperationsInput!) { emitSpecialOperations(input: $i) { __typename
  ... on FiscalEvent { id status tipoEvento document }
  ... on UserError { code message issues { path code message } } } }`;

async function processedFe(body = facturaBody()) {
  const [done] = await waitForStatus(t, [(await emit(tt, body)).id], ['PROCESSED', 'REJECTED']);
  expect(done!.status).toBe('PROCESSED');
  return done!;
}

async function waitEvent(id: string, timeoutMs = 20_000): Promise<FiscalEvent> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const e = await t.app.db.orm.em
      .fork()
      .findOneOrFail(FiscalEvent, { id }, { filters: false, populate: ['signedDocument'] });
    if (e.status === 'PROCESSED' || e.status === 'REJECTED' || Date.now() > until) return e;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function webhookFor(type: string, id: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    const hit = rx.received.find((m) => JSON.parse(m.body).type === type && JSON.parse(m.body).data.id === id);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`no ${type} webhook for ${id}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const returnOf = (invoiceId: string, lines: { numItem: number; cantidad: string }[], referenciaExterna = ref()) => ({
  referenciaExterna,
  documents: [{ invoiceId, lines }],
});

describe('Evento de Retorno', () => {
  it('is built, signed, sealed by the sandbox and announced; several returns never exceed what was sold', async () => {
    const fe = await processedFe(
      facturaBody({
        items: [
          { descripcion: 'Jarabe pediátrico', cantidad: 3, precio: '11.30', tipoItem: 1 },
          { descripcion: 'Vacuna', cantidad: 1, precio: 12, tratamientoFiscal: 'exento' },
        ],
      }),
    );
    const first = await t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '2' }]) }, H());
    const ev = first.body.data.emitReturn;
    expect(ev).toMatchObject({
      __typename: 'FiscalEvent',
      status: 'QUEUED',
      tipoEvento: '18',
      lines: [{ numItem: 1, cantidad: '2' }],
    });
    expect(ev.document.resumen).toMatchObject({ totalGravada: 22.6, totalIva: 2.6, totalPagar: 22.6 });

    const sealed = await waitEvent(ev.id);
    expect(sealed.status).toBe('PROCESSED');
    expect(sealed.selloRecibido).toMatch(/^[A-Z0-9]{40}$/);
    expect(t.app.mh.sandbox!.receptions(sealed.codigoGeneracion)).toBe(1);
    expect((await verifyDteJws(sealed.signedDocument!, createPublicKey(tt.publicKeyPem))).identificacion).toMatchObject(
      { tipoEvento: '18', version: 1 },
    );
    const hook = await webhookFor('dte.return.processed', ev.id);
    const payload = new Webhook(secret).verify(hook.body, hook.headers) as { data: Record<string, unknown> };
    expect(payload.data).toMatchObject({
      tipoEvento: '18',
      status: 'PROCESSED',
      sello: sealed.selloRecibido,
      invoiceIds: [fe.id],
    });

    // 3 sold, 2 returned: 2 more is refused, 1 more is accepted, then nothing remains
    const over = await t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '2' }]) }, H());
    expect(over.body.data.emitReturn).toMatchObject({
      __typename: 'ValidationFailed',
      issues: [{ path: 'documents[0].lines[0].cantidad', code: 'RETURN_EXCEEDS_SOLD' }],
    });
    const last = await t.gql(
      EMIT_RETURN,
      {
        i: returnOf(fe.id, [
          { numItem: 1, cantidad: '1' },
          { numItem: 2, cantidad: '1' },
        ]),
      },
      H(),
    );
    expect(last.body.data.emitReturn.__typename).toBe('FiscalEvent');
    expect((await waitEvent(last.body.data.emitReturn.id)).status).toBe('PROCESSED');
    const inv = await t.gql(
      `query($id: ID!) { invoice(id: $id) { returnDeadline returnableLines ` +
        `{ numItem vendida devuelta disponible } returns { id status } } }`,
      { id: fe.id },
      H(),
    );
    expect(inv.body.data.invoice.returnDeadline).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
    expect(inv.body.data.invoice.returnDeadline > fe.fecEmi).toBe(true);
    expect(inv.body.data.invoice.returnableLines).toEqual([
      { numItem: 1, vendida: '3', devuelta: '3', disponible: '0' },
      { numItem: 2, vendida: '1', devuelta: '1', disponible: '0' },
    ]);
    expect(inv.body.data.invoice.returns.map((r: { status: string }) => r.status)).toEqual(['PROCESSED', 'PROCESSED']);

    // a document with sealed returns is not invalidated
    try {
      await invalidate(tt.ctx(), { invoiceId: fe.id, tipoAnulacion: 2, motivoAnulacion: 'x', ...people });
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as AppError).issues).toEqual([expect.objectContaining({ code: 'ACTIVE_RETURN' })]);
    }
  });

  it(
    'invalidating the return (Invalidación v3 at MH) restores ' +
      'the balance, and then the document can be invalidated',
    async () => {
      const fe = await processedFe();
      const ev = (await t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '1' }]) }, H())).body.data
        .emitReturn;
      expect((await waitEvent(ev.id)).status).toBe('PROCESSED');
      const INV = `mutation($i: InvalidateFiscalEventInput!) { invalidateFiscalEvent(input: $i) { __typename
        ... on FiscalEvent { id status invalidation }
      ... on UserError { code issues { path code } } } }`;
      const other = await t.gql(INV, { i: { eventId: fe.id, ...people } }, H());
      expect(other.body.data.invalidateFiscalEvent).toMatchObject({ __typename: 'NotFound' });
      const done = await t.gql(
        INV,
        { i: { eventId: ev.id, motivoAnulacion: 'Devolución registrada por error', ...people } },
        H(),
      );
      expect(done.body.data.invalidateFiscalEvent).toMatchObject({
        __typename: 'FiscalEvent',
        status: 'INVALIDATED',
        invalidation: { tipoAnulacion: 2 },
      });
      expect(String(done.body.data.invalidateFiscalEvent.invalidation.selloRecibido)).toMatch(/^[A-Z0-9]{40}$/);
      await webhookFor('dte.return.invalidated', ev.id);
      const again = await t.gql(INV, { i: { eventId: ev.id, ...people } }, H());
      expect(again.body.data.invalidateFiscalEvent).toMatchObject({ __typename: 'InvalidState' });
      const bal = await t.gql(
        `query($id: ID!) { invoice(id: $id) { returnableLines { numItem devuelta } } }`,
        { id: fe.id },
        H(),
      );
      expect(bal.body.data.invoice.returnableLines[0]).toEqual({ numItem: 1, devuelta: '0' });
      const inv = await invalidate(tt.ctx(), {
        invoiceId: fe.id,
        tipoAnulacion: 2,
        motivoAnulacion: 'Operación rescindida',
        ...people,
      });
      expect(inv.status).toBe('INVALIDATED');
    },
  );

  it('REST: created, idempotent on referenciaExterna, typed refusals naming the field', async () => {
    const fe = await processedFe();
    const body = returnOf(fe.id, [{ numItem: 1, cantidad: '1' }]);
    const post = (b: unknown) =>
      fetch(`${t.url}/api/retornos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...H() },
        body: JSON.stringify(b),
      });
    const a = await post(body);
    expect(a.status).toBe(201);
    const created = (await a.json()) as { id: string };
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    expect(
      (await post({ ...body, documents: [{ invoiceId: fe.id, lines: [{ numItem: 1, cantidad: '0.5' }] }] })).status,
    ).toBe(409);
    const bad = await post(returnOf(fe.id, [{ numItem: 9, cantidad: '1' }]));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
      expect.objectContaining({ path: 'documents[0].lines[0].numItem', code: 'UNKNOWN_LINE' }),
    ]);
    const got = await fetch(`${t.url}/api/eventos/${created.id}`, { headers: H() });
    expect(
      ((await got.json()) as { document: { identificacion: { tipoEvento: string } } }).document.identificacion
        .tipoEvento,
    ).toBe('18');
    const rest = await fetch(`${t.url}/api/facturas/${fe.id}`, { headers: H() });
    expect(((await rest.json()) as { returnableLines: { numItem: number }[] }).returnableLines[0]).toMatchObject({
      numItem: 1,
      devuelta: '1',
    });
  });

  it(
    'refuses what is not returnable: a CCF, an unsealed ' +
      'document, a document of another receptor in the same event',
    async () => {
      // MH holds its answers while the unsealed document is returned: the worker runs beside this test, and a document
      // it has already sealed would be returnable.
      t.app.mh.sandbox!.setFault({ latencyMs: 2000 }, tt.nit);
      const queued = await emit(tt, facturaBody());
      const r1 = await t.gql(EMIT_RETURN, { i: returnOf(queued.id, [{ numItem: 1, cantidad: '1' }]) }, H());
      t.app.mh.sandbox!.clearFaults(tt.nit);
      expect(r1.body.data.emitReturn.issues[0]).toMatchObject({
        path: 'documents[0].invoiceId',
        code: 'NOT_PROCESSED',
      });
      const ccf = await emit(
        tt,
        facturaBody({ tipoDte: '03', receptor: CONTRIBUYENTE, medico: undefined, pagos: undefined }),
      );
      const r2 = await t.gql(EMIT_RETURN, { i: returnOf(ccf.id, [{ numItem: 1, cantidad: '1' }]) }, H());
      expect(r2.body.data.emitReturn.issues[0]).toMatchObject({
        path: 'documents[0].invoiceId',
        code: 'NOT_RETURNABLE',
      });
      const a = await processedFe();
      const b = await processedFe(facturaBody({ receptor: undefined }));
      const mixed = await t.gql(
        EMIT_RETURN,
        {
          i: {
            referenciaExterna: ref(),
            documents: [
              { invoiceId: a.id, lines: [{ numItem: 1, cantidad: '1' }] },
              { invoiceId: b.id, lines: [{ numItem: 1, cantidad: '1' }] },
            ],
          },
        },
        H(),
      );
      expect(mixed.body.data.emitReturn.issues).toEqual([
        expect.objectContaining({ path: 'documents[1].invoiceId', code: 'MIXED_RECEPTOR' }),
      ]);
    },
  );

  it('another tenant sees nothing: its return of my document is NOT_FOUND, my event is not visible to it', async () => {
    const other = await tenantWithCredential(t);
    const fe = await processedFe();
    const mine = (await t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '1' }]) }, H())).body.data
      .emitReturn;
    const theirs = await t.gql(
      EMIT_RETURN,
      { i: returnOf(fe.id, [{ numItem: 1, cantidad: '1' }]) },
      { 'x-api-key': other.apiKey },
    );
    expect(theirs.body.data.emitReturn.issues).toEqual([
      expect.objectContaining({ path: 'documents[0].invoiceId', code: 'NOT_FOUND' }),
    ]);
    const probe = await t.gql(
      `query($id: ID!) { fiscalEvent(id: $id) { id } fiscalEvents { id } }`,
      { id: mine.id },
      { 'x-api-key': other.apiKey },
    );
    expect(probe.body.data).toEqual({ fiscalEvent: null, fiscalEvents: [] });
  });

  it('concurrent returns of the same line: exactly one is accepted', async () => {
    const fe = await processedFe(
      facturaBody({ items: [{ descripcion: 'Tabletas', cantidad: 10, precio: 1, tipoItem: 1 }] }),
    );
    const rs = await Promise.all(
      [1, 2, 3].map(() => t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '6' }]) }, H())),
    );
    expect(rs.map((r) => r.body.data.emitReturn.__typename).sort()).toEqual([
      'FiscalEvent',
      'ValidationFailed',
      'ValidationFailed',
    ]);
  });

  it('the sandbox refuses, like MH, a return of a document it has not sealed', async () => {
    const fe = await processedFe();
    // a codigoGeneracion MH never sealed (as if the row pointed at a document MH does not know)
    await t.app.db.orm.em
      .getConnection()
      .execute(`update invoice set codigo_generacion = upper(gen_random_uuid()::text) where id = ?`, [fe.id]);
    const ev = (await t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '1' }]) }, H())).body.data
      .emitReturn;
    const out = await waitEvent(ev.id);
    expect(out.status).toBe('REJECTED');
    expect(out.mhDescripcionMsg).toMatch(/documentoRelacionado\[0\]\.codigoGeneracion/);
    const hook = await webhookFor('dte.return.rejected', ev.id);
    expect(JSON.parse(hook.body).data).toMatchObject({ status: 'REJECTED', codigoMsg: '025' });
    // a REJECTED return gives its quantity back
    const again = await t.gql(EMIT_RETURN, { i: returnOf(fe.id, [{ numItem: 1, cantidad: '1' }]) }, H());
    expect(again.body.data.emitReturn.__typename).toBe('FiscalEvent');
  });
});

describe('Evento de Operaciones Especiales', () => {
  it('is sealed and announced; a line may cite an earlier sealed event; the reporting window is enforced', async () => {
    const today = elSalvadorDateTime(t.app.clock.now()).fecEmi;
    const item = {
      tipoDocumento: '02',
      fechaEmision: today,
      cantidad: 40,
      descripcion: 'Facturas de venta simplificada',
      docDel: '501',
      docAl: '540',
      precio: '2.50',
    };
    const r = await t.gql(EMIT_EOP, { i: { referenciaExterna: ref(), items: [item] } }, H());
    const ev = r.body.data.emitSpecialOperations;
    expect(ev).toMatchObject({ __typename: 'FiscalEvent', tipoEvento: '17', status: 'QUEUED' });
    expect(ev.document.resumen).toMatchObject({ totalGravada: 100, total: 100 });
    const sealed = await waitEvent(ev.id);
    expect(sealed.status).toBe('PROCESSED');
    await webhookFor('dte.special-operations.processed', ev.id);

    const follow = await t.gql(
      EMIT_EOP,
      {
        i: {
          referenciaExterna: ref(),
          items: [{ ...item, codigoGeneracionRef: sealed.codigoGeneracion, docDel: '541', docAl: '545', cantidad: 5 }],
        },
      },
      H(),
    );
    expect((await waitEvent(follow.body.data.emitSpecialOperations.id)).status).toBe('PROCESSED');

    const bad = await t.gql(
      EMIT_EOP,
      {
        i: {
          referenciaExterna: ref(),
          items: [
            { ...item, fechaEmision: '2020-01-15' },
            { ...item, tipoDocumento: '05' },
            { ...item, docDel: '9', docAl: '1' },
            { ...item, codigoGeneracionRef: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' },
          ],
        },
      },
      H(),
    );
    const codes = bad.body.data.emitSpecialOperations.issues.map(
      (i: { path: string; code: string }) => `${i.path}:${i.code}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining(['items[1].tipoDocumento:UNKNOWN_CODE', 'items[2].docAl:INVALID_RANGE']),
    );
    const bad2 = await t.gql(
      EMIT_EOP,
      {
        i: {
          referenciaExterna: ref(),
          items: [
            { ...item, fechaEmision: '2020-01-15' },
            { ...item, codigoGeneracionRef: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' },
          ],
        },
      },
      H(),
    );
    expect(
      bad2.body.data.emitSpecialOperations.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`),
    ).toEqual(['items[0].fechaEmision:REPORTING_WINDOW_PASSED', 'items[1].codigoGeneracionRef:REFERENCE_NOT_FOUND']);
  });
});

describe('typed client', () => {
  it('EmitReturn, FiscalEvent and InvoiceBalances are generated, persisted operations', async () => {
    const fx = createFacturaXpressClient({ url: `${t.url}/graphql`, apiKey: tt.apiKey });
    const fe = await processedFe();
    const out = await fx.request(EmitReturnDocument, {
      input: { referenciaExterna: ref(), documents: [{ invoiceId: fe.id, lines: [{ numItem: 1, cantidad: '1' }] }] },
    });
    if (out.emitReturn.__typename !== 'FiscalEvent') throw new Error(JSON.stringify(out));
    expect((await waitEvent(out.emitReturn.id)).status).toBe('PROCESSED');
    const got = await fx.request(FiscalEventDocument, { id: out.emitReturn.id });
    expect(got.fiscalEvent).toMatchObject({
      tipoEvento: '18',
      status: 'PROCESSED',
      lines: [{ invoiceId: fe.id, numItem: 1, cantidad: '1' }],
    });
    const bal = await fx.request(InvoiceBalancesDocument, { id: fe.id });
    expect(bal.invoice?.returnableLines?.[0]).toMatchObject({ numItem: 1, devuelta: '1' });
    expect(bal.invoice?.creditBalance).toBeNull();
  });
});
