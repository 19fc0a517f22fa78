import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { keepEndedJobs } from '../helpers/jobs.js';
import { facturaBody, importTestCredential, waitForStatus } from '../helpers/pipeline.js';
import { startReceiver } from '../notifications/receiver.js';

// Documents emitted before the tenant's MH credential is imported: the reason is visible (GraphQL, REST, webhook),
// and the import sends them at once, oldest first, instead of minutes later.
let t: TestApp;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  await keepEndedJobs(t.app.db.pool);
  rx = await startReceiver();
});
afterAll(async () => {
  await t?.close();
  await rx?.close();
});

const Q = `query($id: ID!) { invoice(id: $id) { status observaciones blocked { code reason since } } }`;

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('documents waiting for an MH credential', () => {
  it('show why they wait, announce it once, go out in emission order once the credential is imported', async () => {
    const { tenantId, apiKey } = await provisionTenant(t);
    const h = { 'x-api-key': apiKey };
    await t.gql(
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { __typename } }`,
      { i: { url: rx.url, eventTypes: ['dte.blocked'] } },
      h,
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${t.url}/api/facturas`, {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body: JSON.stringify(facturaBody()),
      });
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    for (const id of ids) {
      const g = await until(
        () => t.gql(Q, { id }, h),
        (r) => r.body.data.invoice.blocked !== null,
      );
      expect(g.body.data.invoice).toMatchObject({
        status: 'QUEUED',
        observaciones: [],
        blocked: { code: 'NO_MH_CREDENTIAL' },
      });
      expect(g.body.data.invoice.blocked.reason).toMatch(/importMhCredential/);
      const rest = (await (await fetch(`${t.url}/api/facturas/${id}`, { headers: h })).json()) as Record<string, any>;
      expect(rest.blocked).toMatchObject({ code: 'NO_MH_CREDENTIAL' });
      expect(rest.observaciones).toEqual([]);
    }
    const hooks = await rx.waitFor(3);
    const bodies = hooks.map(
      (x) => JSON.parse(x.body) as { type: string; data: { id: string; code: string; reason: string } },
    );
    expect(bodies.map((b) => b.type)).toEqual(['dte.blocked', 'dte.blocked', 'dte.blocked']);
    expect(new Set(bodies.map((b) => b.data.id))).toEqual(new Set(ids));
    expect(bodies.every((b) => b.data.code === 'NO_MH_CREDENTIAL')).toBe(true);

    await importTestCredential(t, tenantId);

    // Without the wake-up they would sit until the 5-minute retry: 20 s is far below it.
    const done = await waitForStatus(t, ids, ['PROCESSED'], 20_000);
    expect(done.map((d) => d.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED']);
    for (const id of ids) expect((await t.gql(Q, { id }, h)).body.data.invoice.blocked).toBeNull();
    // The woken jobs were due in emission order (the worker claims by run_at). (Done, they were deleted: the rows
    // are the copies kept by the test.)
    const jobs = await t.app.db.orm.em
      .getConnection()
      .execute<{ invoice_id: string }[]>(
        `select payload->>'invoiceId' as invoice_id from ended_job where ` +
          `kind = 'transmit-invoice' and tenant_id = ? order by run_at, id`,
        [tenantId],
      );
    expect(jobs.map((j) => j.invoice_id)).toEqual(ids);
    // announced once per document, however many times the job looked
    const events = await t.app.db.orm.em
      .getConnection()
      .execute<{ n: string }[]>(
        `select count(*) as n from invoice_event where tenant_id = ? and type = 'dte.blocked'`,
        [tenantId],
      );
    expect(Number(events[0]!.n)).toBe(3);
  }, 60_000);
});
