import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app.js';
import {
  INVALIDATION_PEOPLE as people,
  startWithPipelineTenant,
  waitForStatus,
  type PipelineTenant,
} from '../helpers/pipeline.js';
import { EMIT, example, key } from './graph-helpers.js';

// The whole way with the real worker and the MH sandbox: emit through GraphQL, watch the subscription follow the
// pipeline to PROCESSED, then adjust the CCF with a credit note and invalidate an FE through GraphQL.
let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

async function gqlEmit(input: Record<string, unknown>) {
  const r = await t.gql(EMIT, { input }, key(tt.apiKey));
  expect(r.body.data.emitInvoice.__typename).toBe('Invoice');
  return r.body.data.emitInvoice;
}

describe('GraphQL over the real pipeline', () => {
  it('a subscriber follows an emission to PROCESSED; the invoice then carries sello and JWS', async () => {
    const body = example('03-credito-fiscal');
    const got: any[] = [];
    const c = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': tt.apiKey },
      retryAttempts: 0,
      lazy: false,
    });
    c.subscribe(
      {
        query: `subscription($r: String) { invoiceStatusChanged(filter: { referenciaExterna: $r }) { status } }`,
        variables: { r: body.referenciaExterna },
      },
      {
        next: (v) => got.push((v.data!.invoiceStatusChanged as { status: string }).status),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const ccf = await gqlEmit(body);
    const end = Date.now() + 30_000;
    while (!got.includes('PROCESSED') && !got.includes('REJECTED') && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    await c.dispose();
    expect(got[0]).toBe('QUEUED');
    expect(got.at(-1)).toBe('PROCESSED');
    const q = await t.gql(
      `query($id: ID!) { invoice(id: $id) { status selloRecibido signedDocument events { toStatus } } }`,
      { id: ccf.id },
      key(tt.apiKey),
    );
    expect(q.body.data.invoice.selloRecibido).toMatch(/^[A-Z0-9]{40}$/);
    expect(q.body.data.invoice.signedDocument.split('.')).toHaveLength(3);
    expect(q.body.data.invoice.events.map((e: any) => e.toStatus)).toEqual(got);

    const nc = await t.gql(
      `mutation($i: NoteInput!) { emitCreditNote(input: $i) { __typename ` +
        `... on Invoice { id tipoDte } ... on UserError { code message } } }`,
      {
        i: {
          invoiceId: ccf.id,
          referenciaExterna: `NC-${ccf.id}`,
          items: [{ descripcion: 'Ajuste de precio', cantidad: 1, precio: '100' }],
        },
      },
      key(tt.apiKey),
    );
    expect(nc.body.data.emitCreditNote).toMatchObject({ __typename: 'Invoice', tipoDte: '05' });
    const [note] = await waitForStatus(t, [nc.body.data.emitCreditNote.id], ['PROCESSED', 'REJECTED']);
    expect(note!.status).toBe('PROCESSED');
  });

  it('invalidateInvoice: a PROCESSED FE becomes INVALIDATED once MH seals the event', async () => {
    const fe = await gqlEmit(example('01-factura'));
    await waitForStatus(t, [fe.id], ['PROCESSED', 'REJECTED']);
    const r = await t.gql(
      `mutation($i: InvalidateInvoiceInput!) { invalidateInvoice(input: $i) { ` +
        `__typename ... on Invoice { status } ... on UserError { code message } } }`,
      { i: { invoiceId: fe.id, tipoAnulacion: 2, motivoAnulacion: 'Paciente canceló el servicio', ...people } },
      key(tt.apiKey),
    );
    expect(r.body.data.invalidateInvoice).toEqual({ __typename: 'Invoice', status: 'INVALIDATED' });
    const again = await t.gql(
      `mutation($i: InvalidateInvoiceInput!) { invalidateInvoice(input: $i) { __typename ... on UserError { code } } }`,
      { i: { invoiceId: fe.id, tipoAnulacion: 2, motivoAnulacion: 'otra vez', ...people } },
      key(tt.apiKey),
    );
    expect(again.body.data.invalidateInvoice).toEqual({ __typename: 'InvalidState', code: 'INVALID_STATE' });
  });
});
