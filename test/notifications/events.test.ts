import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredDocument } from '../../src/modules/documents/document.entity.js';
import { Invoice, InvoiceEvent } from '../../src/modules/invoices/invoice.entity.js';
import { transition } from '../../src/modules/invoices/invoice-transitions.js';
import { raiseDeadlineWarnings } from '../../src/modules/notifications/deadline-warnings.js';
import { WebhookDelivery } from '../../src/modules/webhooks/webhook.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import { startReceiver } from './receiver.js';

let t: TestApp;
let tt: PipelineTenant;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let endpointId: string;
beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  t.app.config.publicUrl = t.url;
  tt = await tenantWithCredential(t);
  rx = await startReceiver();
  const r = await t.gql(
    `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: ` +
      `$i) { ... on CreatedWebhookEndpoint { endpoint { id } } } }`,
    { i: { url: rx.url } },
    { 'x-api-key': tt.apiKey },
  );
  endpointId = r.body.data.createWebhookEndpoint.endpoint.id;
});
afterAll(async () => {
  await rx?.close();
  await t?.close();
});

const em = () => t.app.db.orm.em.fork();
const deliveries = async (invoiceId: string, type: string) =>
  em().find(WebhookDelivery, { invoice: invoiceId, eventType: type }, { filters: false });
async function bodyOf(deliveryId: string) {
  const got = await rx.waitFor(1);
  for (let i = 0; i < 100; i++) {
    const hit = got.find((r) => r.headers['webhook-id'] === `msg_${deliveryId}`);
    if (hit) return JSON.parse(hit.body) as { type: string; data: Record<string, unknown> };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not delivered');
}

describe('events beyond processed/rejected', () => {
  it('dte.invalidated: outbox row in the transition transaction, stored ANULADO PDF, links in payload', async () => {
    const inv = await emit(tt);
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    // A rolled-back transition leaves no outbox row (same transaction).
    await expect(
      em().transactional(async (tx) => {
        const i = await tx.findOneOrFail(Invoice, { id: inv.id }, { filters: false });
        await transition(tx, i, 'INVALIDATED', 'dte.invalidated', { selloRecibido: 'X' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await deliveries(inv.id, 'dte.invalidated')).toHaveLength(0);

    await em().transactional(async (tx) => {
      const i = await tx.findOneOrFail(Invoice, { id: inv.id }, { filters: false });
      await transition(tx, i, 'INVALIDATED', 'dte.invalidated', {
        codigoGeneracion: 'ABC',
        selloRecibido: 'SELLOANULACION',
      });
    });
    const [d] = await deliveries(inv.id, 'dte.invalidated');
    const body = await bodyOf(d!.id);
    expect(body.data).toMatchObject({
      id: inv.id,
      status: 'INVALIDATED',
      invalidation: { selloRecibido: 'SELLOANULACION' },
    });
    expect(String(body.data.pdfUrl)).toContain(`/documents/${inv.id}.pdf?token=`);
    // Rendered when first needed (here: the link is opened), then stored.
    expect(await em().count(StoredDocument, { invoice: inv.id, status: 'INVALIDATED' }, { filters: false })).toBe(0);
    expect((await fetch(String(body.data.pdfUrl))).status).toBe(200);
    expect(await em().count(StoredDocument, { invoice: inv.id, status: 'INVALIDATED' }, { filters: false })).toBe(1);
  });

  it(
    'dte.deadline.warning: once per invoice and kind, only ' +
      'inside the window, for contingency and invalidation deadlines',
    async () => {
      const inv = await emit(tt);
      const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
      const lastDay = new Date(`${done!.invalidationDeadline}T23:59:59-06:00`);
      // 7 h before the end of the last day: outside a 6 h window
      expect(await raiseDeadlineWarnings(t.app, new Date(lastDay.getTime() - 7 * 3600_000), 6 * 3600_000)).toBe(0);
      const n = await raiseDeadlineWarnings(t.app, new Date(lastDay.getTime() - 3600_000), 6 * 3600_000);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(await raiseDeadlineWarnings(t.app, new Date(lastDay.getTime() - 1800_000), 6 * 3600_000)).toBe(0);
      const warnings = await em().find(
        InvoiceEvent,
        { invoice: inv.id, type: 'dte.deadline.warning' },
        { filters: false },
      );
      expect(warnings.map((w) => w.data)).toEqual([{ kind: 'invalidation', deadline: lastDay.toISOString() }]);
      const [d] = await deliveries(inv.id, 'dte.deadline.warning');
      expect((await bodyOf(d!.id)).data).toMatchObject({
        id: inv.id,
        kind: 'invalidation',
        deadline: lastDay.toISOString(),
      });

      // A contingency document whose event is due in 2 h (the state is set directly: the scan reads deadlines only).
      const c = await emit(tt);
      await waitForStatus(t, [c.id], ['PROCESSED']);
      const due = new Date(Date.now() + 2 * 3600_000);
      await em()
        .getConnection()
        .execute(`update invoice set status = 'CONTINGENCY', contingency_deadline = ? where id = ?`, [due, c.id]);
      expect(await raiseDeadlineWarnings(t.app, new Date(), 6 * 3600_000)).toBe(1);
      expect(await raiseDeadlineWarnings(t.app, new Date(), 6 * 3600_000)).toBe(0);
      const cw = await em().find(InvoiceEvent, { invoice: c.id, type: 'dte.deadline.warning' }, { filters: false });
      expect(cw.map((w) => w.data)).toEqual([{ kind: 'contingency', deadline: due.toISOString() }]);
    },
  );

  it('internal events (dte.queued, dte.signed, dte.sent) never reach webhooks', async () => {
    const inv = await emit(tt);
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    const rows = await em().find(WebhookDelivery, { invoice: inv.id, endpoint: endpointId }, { filters: false });
    expect(rows.map((r) => r.eventType)).toEqual(['dte.processed']);
  });
});
