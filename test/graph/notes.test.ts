import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSCOPED } from '../../src/core/guards.js';
import { transition } from '../../src/modules/invoices/invoice-transitions.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { startWithTwoTenants, type TestApp, type Provisioned } from '../helpers/app.js';
import { emit, example, key } from './graph-helpers.js';

let t: TestApp;
let a: Provisioned;
let b: Provisioned;
beforeAll(async () => ({ t, a, b } = await startWithTwoTenants()));
afterAll(async () => t?.close());

const NOTE = (m: string) => `mutation($i: NoteInput!) { ${m}(input: $i) { __typename
  ... on Invoice { id tipoDte status document receptor { numDocumento nrc } }
  ... on UserError { code message issues { path code } } } }`;
const INVALIDATE =
  `mutation($i: InvalidateInvoiceInput!) { invalidateInvoice(input: $i) { __typename ` +
  `... on Invoice { id status } ... on UserError { code issues { path code } } } }`;
const person = { nombre: 'Ana López', tipoDocumento: '13', numDocumento: '12345678-4' };

/** What the worker does once MH seals a document (the pipeline itself is tested under test/transmission). */
async function markProcessed(id: string) {
  await t.app.db.orm.em.fork().transactional(async (tx) => {
    const inv = await tx.findOneOrFail(Invoice, { id }, UNSCOPED);
    for (const to of ['SIGNED', 'SENT', 'PROCESSED'] as const) await transition(tx, inv, to, `dte.${to.toLowerCase()}`);
    inv.selloRecibido = '2026ABCDEF0123456789ABCDEF0123456789ABCD';
  });
}

describe('emitCreditNote / emitDebitNote', () => {
  it('relate a PROCESSED CCF: receptor and documentoRelacionado come from it', async () => {
    const ccf = await emit(t, a.apiKey, example('03-credito-fiscal'));
    const early = await t.gql(
      NOTE('emitCreditNote'),
      {
        i: {
          invoiceId: ccf.id,
          referenciaExterna: `NC-${ccf.id}`,
          items: [{ descripcion: 'Descuento', cantidad: 1, precio: '50' }],
        },
      },
      key(a.apiKey),
    );
    expect(early.body.data.emitCreditNote).toMatchObject({
      __typename: 'InvalidState',
      code: 'INVALID_STATE',
      issues: [{ path: 'invoiceId', code: 'NOT_PROCESSED' }],
    });
    await markProcessed(ccf.id);
    const nc = await t.gql(
      NOTE('emitCreditNote'),
      {
        i: {
          invoiceId: ccf.id,
          referenciaExterna: `NC-${ccf.id}`,
          items: [{ descripcion: 'Descuento', cantidad: 1, precio: '50' }],
        },
      },
      key(a.apiKey),
    );
    const note = nc.body.data.emitCreditNote;
    expect(note).toMatchObject({
      __typename: 'Invoice',
      tipoDte: '05',
      status: 'QUEUED',
      receptor: { numDocumento: '06140507071048', nrc: '1234567' },
    });
    expect(note.document.documentoRelacionado).toEqual([
      expect.objectContaining({ tipoDocumento: '03', numeroDocumento: ccf.codigoGeneracion, fechaEmision: ccf.fecEmi }),
    ]);
    const nd = await t.gql(
      NOTE('emitDebitNote'),
      {
        i: {
          invoiceId: ccf.id,
          referenciaExterna: `ND-${ccf.id}`,
          items: [{ descripcion: 'Cargo adicional', cantidad: 1, precio: '10' }],
        },
      },
      key(a.apiKey),
    );
    expect(nd.body.data.emitDebitNote).toMatchObject({ __typename: 'Invoice', tipoDte: '06' });
  });

  it("refuse a non-CCF, an unknown id, and another tenant's CCF", async () => {
    const fe = await emit(t, a.apiKey, example('01-factura'));
    const i = {
      invoiceId: fe.id,
      referenciaExterna: `NC-${fe.id}`,
      items: [{ descripcion: 'x', cantidad: 1, precio: '1' }],
    };
    expect((await t.gql(NOTE('emitCreditNote'), { i }, key(a.apiKey))).body.data.emitCreditNote).toMatchObject({
      __typename: 'InvalidState',
      issues: [{ code: 'NOT_A_CCF' }],
    });
    const ccf = await emit(t, a.apiKey, example('03-credito-fiscal'));
    await markProcessed(ccf.id);
    const probe = await t.gql(NOTE('emitCreditNote'), { i: { ...i, invoiceId: ccf.id } }, key(b.apiKey));
    expect(probe.body.data.emitCreditNote).toMatchObject({
      __typename: 'NotFound',
      issues: [{ path: 'invoiceId', code: 'NOT_FOUND' }],
    });
  });
});

describe('invalidateInvoice', () => {
  it("is typed: NotFound for another tenant's invoice, InvalidState for one not PROCESSED", async () => {
    const inv = await emit(t, a.apiKey, example('01-factura'));
    const i = {
      invoiceId: inv.id,
      tipoAnulacion: 2,
      motivoAnulacion: 'Operación rescindida',
      responsable: person,
      solicitante: person,
    };
    const probe = await t.gql(INVALIDATE, { i }, key(b.apiKey));
    expect(probe.body.data.invalidateInvoice).toMatchObject({ __typename: 'NotFound', code: 'NOT_FOUND' });
    const queued = await t.gql(INVALIDATE, { i }, key(a.apiKey));
    expect(queued.body.data.invalidateInvoice).toMatchObject({ __typename: 'InvalidState', code: 'INVALID_STATE' });
  });
});
