import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFacturaXpressClient,
  CreateWebhookEndpointDocument,
  EmitInvoiceDocument,
  InvoiceStatusChangedDocument,
  MeDocument,
  verifyWebhook,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
  WebhookVerificationError,
} from '../../src/client/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { tenantWithCredential, type PipelineTenant } from '../helpers/pipeline.js';
import { startReceiver } from '../notifications/receiver.js';

// What a SIGMA server does with the typed client: who am I, manage a webhook, follow a document over graphql-ws,
// and verify the delivery it receives.
let t: TestApp;
let tt: PipelineTenant;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  tt = await tenantWithCredential(t);
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await t?.close();
});

const fail = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof WebhookVerificationError ? err.code : String(err);
  }
};

describe('the typed client: me, webhooks, subscriptions, verification', () => {
  it('covers a server integration end to end', async () => {
    const fx = createFacturaXpressClient({ url: `${t.url}/graphql`, apiKey: tt.apiKey });
    const { me } = await fx.request(MeDocument);
    expect(me).toMatchObject({ kind: 'apiKey', tenant: { id: tt.tenantId } });

    const created = await fx.request(CreateWebhookEndpointDocument, {
      input: { url: rx.url, eventTypes: ['dte.processed'] },
    });
    if (created.createWebhookEndpoint.__typename !== 'CreatedWebhookEndpoint') throw new Error(JSON.stringify(created));
    const secret = created.createWebhookEndpoint.secret;
    expect((await fx.request(WebhookEndpointsDocument)).webhookEndpoints.map((e) => e.url)).toEqual([rx.url]);

    const ref = `CLIENT-${Date.now()}`;
    const updates = fx.subscribe(InvoiceStatusChangedDocument, { filter: { referenciaExterna: ref } });
    const seen: string[] = [];
    const followed = (async () => {
      for await (const { invoiceStatusChanged: c } of updates) {
        seen.push(c.status);
        if (c.status === 'PROCESSED') break;
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // the subscription is registered before the emission
    const { emitInvoice } = await fx.request(EmitInvoiceDocument, {
      input: {
        referenciaExterna: ref,
        receptor: { nombre: 'Juan Pérez', tipoDocumento: '13', numDocumento: '12345678-4' },
        items: [{ descripcion: 'Consulta general', cantidad: '1', precio: '35.00' }],
      },
    });
    expect(emitInvoice.__typename).toBe('Invoice');
    await followed;
    expect(seen.at(-1)).toBe('PROCESSED');
    await fx.close();

    const [delivery] = await rx.waitFor(1);
    const event = verifyWebhook<{ referenciaExterna: string; sello: string }>(
      secret,
      delivery!.headers,
      delivery!.body,
    );
    expect(event).toMatchObject({ type: 'dte.processed', data: { referenciaExterna: ref } });
    expect(fail(() => verifyWebhook(secret, delivery!.headers, delivery!.body.replace(ref, 'OTHER')))).toBe(
      'INVALID_SIGNATURE',
    );
    expect(
      fail(() => verifyWebhook(secret, delivery!.headers, delivery!.body, { now: new Date(Date.now() + 3_600_000) })),
    ).toBe('TIMESTAMP_OUT_OF_RANGE');
    expect(fail(() => verifyWebhook(secret, { ...delivery!.headers, 'webhook-signature': '' }, delivery!.body))).toBe(
      'MISSING_HEADER',
    );
    expect(
      fail(() => verifyWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, delivery!.headers, delivery!.body)),
    ).toBe('INVALID_SIGNATURE');
    // the log records the 2xx just after the receiver answered it
    let logged = (await fx.request(WebhookDeliveriesDocument, { first: 5 })).webhookDeliveries;
    for (
      const until = Date.now() + 15_000;
      logged[0]?.status !== 'SUCCEEDED' && Date.now() < until;
      await new Promise((r) => setTimeout(r, 100))
    ) {
      logged = (await fx.request(WebhookDeliveriesDocument, { first: 5 })).webhookDeliveries;
    }
    expect(logged[0]).toMatchObject({ eventType: 'dte.processed', status: 'SUCCEEDED', lastStatusCode: 200 });
  }, 60_000);
});
