import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { WebSocket as WsClient } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSCOPED } from '../../src/core/guards.js';
import { transition } from '../../src/modules/invoices/invoice-transitions.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { emit, example } from './graph-helpers.js';

// Two servers on one database: each has its own LISTEN connection and its own subscribers, exactly as two processes
// would; a change committed through one reaches the subscribers of the other only through PostgreSQL NOTIFY.
let one: TestApp;
let two: TestApp;
let a: { tenantId: string; apiKey: string };
let b: { tenantId: string; apiKey: string };
const clients: Client[] = [];

beforeAll(async () => {
  one = await startTestApp();
  two = await startTestApp({}, { databaseUrl: one.app.db.url });
  [a, b] = await Promise.all([provisionTenant(one), provisionTenant(one)]);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await two?.close();
  await one?.close();
});

const SUB =
  `subscription($f: InvoiceStatusFilter) { invoiceStatusChanged(filter: $f) { eventId ` +
  `invoiceId type status referenciaExterna invoice { id status numeroControl } } }`;

function wsClient(t: TestApp, params: Record<string, string>): Client {
  const c = createClient({
    url: `${t.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
  });
  clients.push(c);
  return c;
}

function collect(c: Client, variables: Record<string, unknown>) {
  const got: any[] = [];
  const errors: unknown[] = [];
  let complete = false;
  c.subscribe(
    { query: SUB, variables },
    {
      next: (v) => got.push(v.data?.invoiceStatusChanged ?? v),
      error: (e) => errors.push(e),
      complete: () => (complete = true),
    },
  );
  return { got, errors, isComplete: () => complete };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 300));

async function move(t: TestApp, invoiceId: string, to: 'SIGNED' | 'SENT', type: string) {
  await t.app.db.orm.em.fork().transactional(async (tx) => {
    const inv = await tx.findOneOrFail(Invoice, { id: invoiceId }, UNSCOPED);
    await transition(tx, inv, to, type);
  });
}

describe('invoiceStatusChanged over graphql-ws', () => {
  it('delivers every change after subscribing, across two servers, only to the same tenant', async () => {
    const body = example('01-factura');
    const mine = collect(wsClient(one, { 'x-api-key': a.apiKey }), {
      f: { referenciaExterna: body.referenciaExterna },
    });
    const all = collect(wsClient(one, { 'x-api-key': a.apiKey }), {});
    const other = collect(wsClient(one, { 'x-api-key': b.apiKey }), {});
    await settle();
    const inv = await emit(two, a.apiKey, body); // emitted through the other server
    await move(two, inv.id, 'SIGNED', 'dte.signed');
    await move(two, inv.id, 'SENT', 'dte.sent');
    await until(() => mine.got.length === 3);
    expect(mine.got.map((e) => `${e.type}:${e.status}`)).toEqual([
      'dte.queued:QUEUED',
      'dte.signed:SIGNED',
      'dte.sent:SENT',
    ]);
    expect(mine.got[0]).toMatchObject({
      invoiceId: inv.id,
      referenciaExterna: body.referenciaExterna,
      invoice: { id: inv.id, numeroControl: inv.numeroControl },
    });
    expect(mine.got[2].invoice.status).toBe('SENT'); // the invoice as it is now, not a stale copy
    await until(() => all.got.length >= 3);
    await settle();
    expect(other.got).toEqual([]);
    expect(mine.errors).toEqual([]);
  });

  it('filters by invoiceId and patientId', async () => {
    const byPatient = collect(wsClient(two, { 'x-api-key': a.apiKey }), { f: { patientId: 'SUB-P1' } });
    await settle();
    const x = await emit(one, a.apiKey, { ...example('01-factura'), patientId: 'SUB-P1' });
    await emit(one, a.apiKey, { ...example('01-factura'), patientId: 'SUB-P2' });
    const byId = collect(wsClient(two, { 'x-api-key': a.apiKey }), { f: { invoiceId: x.id } });
    await settle();
    await move(one, x.id, 'SIGNED', 'dte.signed');
    await until(() => byPatient.got.length === 2 && byId.got.length === 1);
    await settle();
    expect(byPatient.got.map((e) => e.invoiceId)).toEqual([x.id, x.id]);
    expect(byId.got.map((e) => e.type)).toEqual(['dte.signed']);
  });

  it('loses nothing while its LISTEN connection is down: reconnects and replays from invoice_event', async () => {
    const inv = await emit(one, a.apiKey, example('01-factura'));
    const s = collect(wsClient(one, { 'x-api-key': a.apiKey }), { f: { invoiceId: inv.id } });
    await settle();
    const pgc = new pg.Client({ connectionString: one.app.db.url });
    await pgc.connect();
    const killed = await pgc.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname ` +
        `= current_database() and application_name = 'fx-listen'`,
    );
    await pgc.end();
    expect(killed.rowCount).toBe(2); // one per server
    await move(two, inv.id, 'SIGNED', 'dte.signed'); // committed while nobody listens
    await until(() => s.got.length === 1);
    await move(two, inv.id, 'SENT', 'dte.sent'); // and live again afterwards
    await until(() => s.got.length === 2);
    await settle();
    expect(s.got.map((e) => e.type)).toEqual(['dte.signed', 'dte.sent']);
  });

  it('delivers an event committed without a notification (its process died before announcing it)', async () => {
    const inv = await emit(one, a.apiKey, example('01-factura'));
    const s = collect(wsClient(one, { 'x-api-key': a.apiKey }), { f: { invoiceId: inv.id } });
    const t = collect(wsClient(two, { 'x-api-key': a.apiKey }), { f: { invoiceId: inv.id } });
    await settle();
    const pgc = new pg.Client({ connectionString: one.app.db.url });
    await pgc.connect();
    // Committed exactly as the hot path commits an event, with no NOTIFY after it.
    const { rows } = await pgc.query(
      `insert into invoice_event (tenant_id, invoice_id, type, from_status, to_status, data, created_at)
       values ($1, $2, 'dte.signed', 'QUEUED', 'SIGNED', null, now()) returning id::text as id`,
      [a.tenantId, inv.id],
    );
    await pgc.end();
    // (the emission's own dte.queued is announced after its answer: on a loaded machine its announcement may reach
    // the subscriptions after they started; only the events after it are this test's)
    const changes = (c: { got: any[] }) => c.got.filter((e) => e.type !== 'dte.queued');
    const started = Date.now();
    await until(() => changes(s).length === 1 && changes(t).length === 1, 4000);
    expect(Date.now() - started).toBeLessThan(3000);
    await move(two, inv.id, 'SIGNED', 'dte.signed'); // notified as usual, after it
    await until(() => changes(s).length === 2 && changes(t).length === 2);
    await settle();
    for (const got of [changes(s), changes(t)]) {
      expect(got.map((e) => e.type)).toEqual(['dte.signed', 'dte.signed']);
      expect(got[0].eventId).toBe(rows[0].id); // once each, in event order
      expect(got[1].eventId).not.toBe(rows[0].id);
    }
  });

  it('cuts off a subscriber that stops reading; one that reads, sharing its stream, gets every change', async () => {
    const c = await provisionTenant(one);
    const query = `subscription { invoiceStatusChanged { eventId type referenciaExterna } }`;
    // A raw graphql-ws client whose socket stops reading once subscribed.
    const slow = new WsClient(`${one.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const received: any[] = [];
    slow.on('message', (d) => received.push(JSON.parse(String(d))));
    await new Promise((r) => slow.once('open', r));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': c.apiKey } }));
    await until(() => received.some((m) => m.type === 'connection_ack'));
    slow.send(JSON.stringify({ id: 'slow-1', type: 'subscribe', payload: { query } }));
    const reader = wsClient(one, { 'x-api-key': c.apiKey });
    const got: any[] = [];
    let readerEnded = false;
    reader.subscribe(
      { query },
      { next: (v) => got.push(v), error: (e) => got.push(e), complete: () => (readerEnded = true) },
    );
    await settle();
    slow.pause();
    // 3,000 changes of ≈ 7 kB each: far more than the socket's buffers and the server's bound for what waits unsent.
    // They are committed in batches of 100, each once the reader has the previous ones: the reader keeps up (in this
    // one process it shares the event loop with the server), while the paused socket falls further behind each time.
    const burst = 3000;
    const batch = 100;
    const pgc = new pg.Client({ connectionString: one.app.db.url });
    await pgc.connect();
    for (let from = 1; from <= burst; from += batch) {
      await pgc.query(
        `select pg_notify('fx_invoice_events', json_build_object('eventId', (-g)::text, 'invoiceId', gen_random_uuid(),
           'tenantId', $1::uuid, 'type', 'test.burst', 'status', 'QUEUED', 'referenciaExterna', repeat('R', 7000),
           'patientId', null)::text) from generate_series($2::int, $3::int) g`,
        [c.tenantId, from, from + batch - 1],
      );
      await until(() => got.length >= from + batch - 1 || readerEnded, 20_000);
    }
    await pgc.end();
    expect(readerEnded).toBe(false);
    expect(got).toHaveLength(burst);
    expect(got.every((v) => v.data?.invoiceStatusChanged?.type === 'test.burst')).toBe(true);
    // every change, in the order committed
    expect(got.map((v) => v.data.invoiceStatusChanged.eventId)).toEqual(
      Array.from({ length: burst }, (_, i) => String(-(i + 1))),
    );
    slow.resume();
    await until(() => received.some((m) => m.type === 'complete'), 20_000);
    const next = received.filter((m) => m.type === 'next');
    expect(next.length).toBeGreaterThan(0);
    expect(next.length).toBeLessThan(burst);
    expect(next.every((m) => m.id === 'slow-1' && m.payload.data.invoiceStatusChanged.type === 'test.burst')).toBe(
      true,
    );
    expect(received.at(-1)).toEqual({ id: 'slow-1', type: 'complete' });
    expect(readerEnded).toBe(false); // the reader's subscription goes on
    slow.close();
  }, 60_000);

  it('refuses a connection without a valid credential, and a key without invoices:read', async () => {
    const closed = await new Promise<number>((resolve) => {
      const c = createClient({
        url: `${one.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { 'x-api-key': `fx_test_${'A'.repeat(43)}` },
        retryAttempts: 0,
        lazy: false,
        on: { closed: (e) => resolve((e as CloseEvent).code) },
      });
      clients.push(c);
    });
    expect(closed).toBe(4403);
    const noRead = await provisionTenant(one, ['invoices:emit']);
    const s = collect(wsClient(one, { 'x-api-key': noRead.apiKey }), {});
    await until(() => s.errors.length + s.got.length > 0);
    expect(JSON.stringify([...s.errors, ...s.got])).toContain('missing scope invoices:read');
    // over graphql-ws too, errors keep their code and carry a request id
    expect(JSON.stringify([...s.errors, ...s.got])).toMatch(/"code":"FORBIDDEN".*"requestId":"[0-9a-f-]{36}"/);
  });
});
