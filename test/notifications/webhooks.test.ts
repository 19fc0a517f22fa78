import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookPolicyOf } from '../../src/modules/webhooks/policy.js';
import { WebhookDelivery } from '../../src/modules/webhooks/webhook.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import { startReceiver } from './receiver.js';

let t: TestApp;
let tt: PipelineTenant;
let rx: Awaited<ReturnType<typeof startReceiver>>;
const H = () => ({ 'x-api-key': tt.apiKey });

beforeAll(async () => {
  t = await startTestApp({ FX_WEBHOOK_TIMEOUT_MS: '700' }, { worker: true });
  t.app.config.publicUrl = t.url; // the ephemeral port is known only once the server listens
  tt = await tenantWithCredential(t);
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await t?.close();
});

const CREATE =
  `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) ` +
  `{ __typename ... on CreatedWebhookEndpoint { secret endpoint { id url ` +
  `eventTypes enabled } } ... on UserError { code message issues { path code } } } }`;
const DELIVERIES =
  `query($e: ID) { webhookDeliveries(endpointId: $e) { id messageId eventType status ` +
  `totalAttempts nextAttemptAt lastStatusCode attempts { attempt statusCode durationMs error } } }`;

async function createEndpoint(input: Record<string, unknown>) {
  const r = await t.gql(CREATE, { i: input }, H());
  return r.body.data.createWebhookEndpoint;
}

async function delivery(id: string) {
  return t.app.db.orm.em.fork().findOneOrFail(WebhookDelivery, { id }, { filters: false });
}

async function waitDelivery(
  endpointId: string,
  pred: (d: WebhookDelivery) => boolean,
  timeoutMs = 15_000,
): Promise<WebhookDelivery> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await t.app.db.orm.em
      .fork()
      .find(WebhookDelivery, { endpoint: endpointId }, { filters: false, orderBy: { createdAt: 'desc' } });
    const hit = rows.find(pred);
    if (hit) return hit;
    if (Date.now() > until)
      throw new Error(
        `no matching delivery: ${JSON.stringify(rows.map((r) => [r.eventType, r.status, r.totalAttempts]))}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** "Waits" out the retry schedule: the queued job of this delivery becomes due now. */
async function fastForward(deliveryId: string) {
  await t.app.db.orm.em
    .getConnection()
    .execute(
      `update job set run_at = now() where kind = 'webhook-delivery' ` +
        `and status = 'queued' and payload->>'deliveryId' = ?`,
      [deliveryId],
    );
  await t.app.db.orm.em.getConnection().execute(`select pg_notify('fx_jobs', 'webhook-delivery')`);
}

describe('webhook deliveries to a real HTTP listener', () => {
  it(
    'fails (500), times out, then recovers (2xx); every attempt ' +
      'verifies with standardwebhooks; the log records each attempt',
    async () => {
      const ep = await createEndpoint({ url: rx.url, eventTypes: ['dte.processed'], description: 'SIGMA' });
      expect(ep.__typename).toBe('CreatedWebhookEndpoint');
      expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      // The secret is shown once: listing never returns it.
      const list = await t.gql(`{ webhookEndpoints { id url } }`, {}, H());
      expect(JSON.stringify(list.body)).not.toContain(ep.secret.slice(6, 20));

      rx.script.push(500, 'hang');
      const start = rx.received.length;
      const inv = await emit(tt);
      const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
      expect(done!.status).toBe('PROCESSED');

      const first = await waitDelivery(ep.endpoint.id, (d) => d.totalAttempts >= 1);
      expect(first.lastStatusCode).toBe(500);
      expect(first.status).toBe('PENDING');
      // attempt 2 is due 5 s (±20 %) after the failure
      const wait2 = first.nextAttemptAt!.getTime() - first.updatedAt.getTime();
      expect(wait2).toBeGreaterThan(3_900);
      expect(wait2).toBeLessThan(6_100);

      const second = await waitDelivery(ep.endpoint.id, (d) => d.totalAttempts >= 2, 12_000);
      expect(second.lastStatusCode).toBeNull();
      expect(second.lastError).toMatch(/no response within 700 ms/);
      const wait3 = second.nextAttemptAt!.getTime() - second.updatedAt.getTime();
      expect(wait3).toBeGreaterThan(4 * 60_000); // 5 min ± 20 %
      expect(wait3).toBeLessThan(6 * 60_000 + 1000);

      await fastForward(second.id);
      const ok = await waitDelivery(ep.endpoint.id, (d) => d.status === 'SUCCEEDED');
      expect(ok.totalAttempts).toBe(3);

      const got = (await rx.waitFor(start + 3)).slice(start);
      expect(got).toHaveLength(3);
      const wh = new Webhook(ep.secret);
      const payloads = got.map((r) => wh.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> });
      expect(new Set(got.map((r) => r.headers['webhook-id']))).toEqual(new Set([`msg_${ok.id}`]));
      expect(new Set(got.map((r) => r.body)).size).toBe(1); // identical bytes on every attempt
      const p = payloads[0]!;
      expect(p.type).toBe('dte.processed');
      expect(p.data).toMatchObject({
        id: inv.id,
        referenciaExterna: inv.referenciaExterna,
        codigoGeneracion: inv.codigoGeneracion,
        numeroControl: inv.numeroControl,
        tipoDte: '01',
        status: 'PROCESSED',
        sello: done!.selloRecibido,
      });
      expect(String(p.data.pdfUrl)).toMatch(new RegExp(`^${t.url}/documents/${inv.id}\\.pdf\\?token=`));
      const pdf = await fetch(String(p.data.pdfUrl));
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');

      const log = await t.gql(DELIVERIES, { e: ep.endpoint.id }, H());
      const d = log.body.data.webhookDeliveries.find((x: { id: string }) => x.id === ok.id);
      expect(d).toMatchObject({
        messageId: `msg_${ok.id}`,
        eventType: 'dte.processed',
        status: 'SUCCEEDED',
        totalAttempts: 3,
        lastStatusCode: 200,
      });
      expect(d.attempts.map((a: { statusCode: number | null }) => a.statusCode)).toEqual([500, null, 200]);
      expect(d.attempts[1].error).toMatch(/no response/);
      expect(d.attempts.every((a: { durationMs: number }) => a.durationMs >= 0)).toBe(true);
      await t.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }`, { id: ep.endpoint.id }, H());
    },
  );

  it('event-type filter: a dte.rejected endpoint gets the rejection, nothing for a processed document', async () => {
    const ep = await createEndpoint({ url: rx.url, eventTypes: ['dte.rejected'] });
    const start = rx.received.length;
    t.app.mh.sandbox!.setFault({ rejectNext: 1 }, tt.nit);
    const bad = await emit(tt);
    await waitForStatus(t, [bad.id], ['PROCESSED', 'REJECTED']); // the sandbox rejects whichever document comes first
    const good = await emit(tt);
    await waitForStatus(t, [bad.id, good.id], ['PROCESSED', 'REJECTED']);
    const d = await waitDelivery(ep.endpoint.id, (x) => x.status === 'SUCCEEDED');
    expect(d.eventType).toBe('dte.rejected');
    const body = new Webhook(ep.secret).verify(
      rx.received.slice(start).find((r) => r.headers['webhook-id'] === `msg_${d.id}`)!.body,
      rx.received.slice(start).find((r) => r.headers['webhook-id'] === `msg_${d.id}`)!.headers,
    ) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({ id: bad.id, status: 'REJECTED' });
    expect(Array.isArray(body.data.observaciones)).toBe(true);
    const rows = await t.app.db.orm.em.fork().find(WebhookDelivery, { endpoint: ep.endpoint.id }, { filters: false });
    expect(rows.map((r) => r.eventType)).toEqual(['dte.rejected']);
    await t.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }`, { id: ep.endpoint.id }, H());
  });

  it('secret rotation: both secrets verify during the grace period; after revocation only the new one', async () => {
    const ep = await createEndpoint({ url: rx.url });
    const rot = (grace: number) =>
      t.gql(
        `mutation($id: ID!, $g: Int) { rotateWebhookSecret(id: $id, graceSeconds: $g) { __typename ` +
          `... on CreatedWebhookEndpoint { secret endpoint { previousSecretExpiresAt } } } }`,
        { id: ep.endpoint.id, g: grace },
        H(),
      );
    const ping = async () => {
      const r = await t.gql(
        `mutation($id: ID!) { pingWebhookEndpoint(id: $id) { __typename ` +
          `... on WebhookDelivery { id messageId status lastStatusCode } } }`,
        { id: ep.endpoint.id },
        H(),
      );
      const d = r.body.data.pingWebhookEndpoint;
      expect(d.status).toBe('SUCCEEDED');
      return rx.received.find((x) => x.headers['webhook-id'] === d.messageId)!;
    };
    const r1 = (await rot(3600)).body.data.rotateWebhookSecret;
    expect(r1.secret).not.toBe(ep.secret);
    expect(new Date(r1.endpoint.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const m1 = await ping();
    expect(m1.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(ep.secret).verify(m1.body, m1.headers)).toMatchObject({ type: 'webhook.ping' });
    expect(new Webhook(r1.secret).verify(m1.body, m1.headers)).toMatchObject({ type: 'webhook.ping' });

    const r2 = (await rot(0)).body.data.rotateWebhookSecret;
    const m2 = await ping();
    expect(new Webhook(r2.secret).verify(m2.body, m2.headers)).toMatchObject({ type: 'webhook.ping' });
    expect(() => new Webhook(r1.secret).verify(m2.body, m2.headers)).toThrow();
    expect(() => new Webhook(ep.secret).verify(m2.body, m2.headers)).toThrow();
    await t.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }`, { id: ep.endpoint.id }, H());
  });

  it('410 Gone disables the endpoint; later events are not queued for it; it can be re-enabled', async () => {
    const ep = await createEndpoint({ url: rx.url, eventTypes: ['dte.processed'] });
    rx.script.push(410);
    const inv = await emit(tt);
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    const d = await waitDelivery(ep.endpoint.id, (x) => x.status === 'FAILED');
    expect(d.lastStatusCode).toBe(410);
    expect(d.totalAttempts).toBe(1);
    const eps = (await t.gql(`{ webhookEndpoints { id enabled disabledReason } }`, {}, H())).body.data.webhookEndpoints;
    const row = eps.find((e: { id: string }) => e.id === ep.endpoint.id);
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/410/);

    const inv2 = await emit(tt);
    await waitForStatus(t, [inv2.id], ['PROCESSED']);
    const rows = await t.app.db.orm.em.fork().find(WebhookDelivery, { endpoint: ep.endpoint.id }, { filters: false });
    expect(rows).toHaveLength(1);

    const re = await t.gql(
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: ` +
        `true }) { __typename ... on WebhookEndpoint { enabled disabledReason } } }`,
      { id: ep.endpoint.id },
      H(),
    );
    expect(re.body.data.updateWebhookEndpoint).toEqual({
      __typename: 'WebhookEndpoint',
      enabled: true,
      disabledReason: null,
    });
    await t.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }`, { id: ep.endpoint.id }, H());
  });

  it('replay: one delivery, and everything since a time, are sent again with the same webhook-id', async () => {
    const ep = await createEndpoint({ url: rx.url, eventTypes: ['dte.processed'] });
    const since = new Date(Date.now() - 1000).toISOString();
    const invs = [await emit(tt), await emit(tt)];
    await waitForStatus(
      t,
      invs.map((i) => i.id),
      ['PROCESSED'],
    );
    await waitDelivery(ep.endpoint.id, (x) => x.status === 'SUCCEEDED' && x.invoice?.id === invs[0]!.id);
    const d1 = await waitDelivery(ep.endpoint.id, (x) => x.status === 'SUCCEEDED' && x.invoice?.id === invs[1]!.id);

    const before = rx.received.filter((r) => r.headers['webhook-id'] === `msg_${d1.id}`).length;
    const one = await t.gql(
      `mutation($id: ID!) { replayWebhookDelivery(id: $id) { __typename ... on WebhookDelivery { status } } }`,
      { id: d1.id },
      H(),
    );
    expect(one.body.data.replayWebhookDelivery.__typename).toBe('WebhookDelivery');
    await waitFor(() => rx.received.filter((r) => r.headers['webhook-id'] === `msg_${d1.id}`).length === before + 1);
    // (the attempt is recorded once the listener's answer is back: a moment after the listener saw the request)
    await waitFor(async () => (await delivery(d1.id)).totalAttempts >= 2);
    expect((await delivery(d1.id)).totalAttempts).toBe(2);

    const all = await t.gql(
      `mutation($s: DateTimeISO!, $e: ID) { replayWebhookDeliveries(since: $s, ` +
        `endpointId: $e) { __typename ... on ReplayedWebhookDeliveries { count } } }`,
      { s: since, e: ep.endpoint.id },
      H(),
    );
    expect(all.body.data.replayWebhookDeliveries).toEqual({ __typename: 'ReplayedWebhookDeliveries', count: 2 });
    await waitFor(async () =>
      (await t.app.db.orm.em.fork().find(WebhookDelivery, { endpoint: ep.endpoint.id }, { filters: false })).every(
        (x) => x.status === 'SUCCEEDED' && x.totalAttempts >= 2,
      ),
    );
    const counts = (
      await t.app.db.orm.em.fork().find(WebhookDelivery, { endpoint: ep.endpoint.id }, { filters: false })
    )
      .map((x) => x.totalAttempts)
      .sort();
    expect(counts).toEqual([2, 3]);
    const missing = await t.gql(
      `mutation { replayWebhookDelivery(id: "00000000-0000-4000-8000-000000000000") { __typename } }`,
      {},
      H(),
    );
    expect(missing.body.data.replayWebhookDelivery.__typename).toBe('NotFound');
    await t.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }`, { id: ep.endpoint.id }, H());
  });
});

describe('endpoint management rules', () => {
  it('refuses private and loopback targets unless configuration allows them', async () => {
    // The server's requests read the App's policy: refuse private targets for this test only.
    Object.assign(t.app.webhookPolicy, { allowPrivate: false });
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://10.1.2.3/',
        'http://localhost:8080/',
      ]) {
        const r = await createEndpoint({ url });
        expect(r.__typename, url).toBe('ValidationFailed');
        expect(r.issues[0]).toMatchObject({ path: 'url' });
      }
    } finally {
      Object.assign(t.app.webhookPolicy, webhookPolicyOf(t.app.config));
    }
    expect((await createEndpoint({ url: 'ftp://example.com/x' })).issues[0]).toMatchObject({
      path: 'url',
      code: 'UNSUPPORTED_SCHEME',
    });
    expect((await createEndpoint({ url: rx.url, eventTypes: ['dte.nope'] })).issues[0]).toMatchObject({
      path: 'eventTypes[0]',
      code: 'UNKNOWN_EVENT_TYPE',
    });
  });

  it('needs the webhooks:manage scope, and tenants never see each other’s endpoints', async () => {
    const other = await tenantWithCredential(t);
    const mine = await createEndpoint({ url: rx.url });
    const theirs = await t.gql(`{ webhookEndpoints { id } }`, {}, { 'x-api-key': other.apiKey });
    expect(theirs.body.data.webhookEndpoints.map((e: { id: string }) => e.id)).not.toContain(mine.endpoint.id);
    const del = await t.gql(
      `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }`,
      { id: mine.endpoint.id },
      { 'x-api-key': other.apiKey },
    );
    expect(del.body.data.deleteWebhookEndpoint.__typename).toBe('NotFound');
    const admin = { 'x-api-key': t.adminKey };
    const k = await t.gql(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreatedApiKey { secret } } }`,
      { i: { tenantId: tt.tenantId, name: 'ro', scopes: ['invoices:read'] } },
      admin,
    );
    const denied = await t.gql(`{ webhookEndpoints { id } }`, {}, { 'x-api-key': k.body.data.createApiKey.secret });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

async function waitFor(pred: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
