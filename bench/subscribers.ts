// Status push to many graphql-ws subscribers: one status change of a tenant's invoice reaches 1,000 subscribers of
// that tenant (one connection each, the invoice field selected); the time from the change to the last subscriber's
// message, and the pipeline's DTE/s (POST /api/facturas → PROCESSED, worker in this process) with and without those
// subscribers. The subscribers run in a worker thread of their own (as clients on other machines would), so their
// JSON parsing does not share the server's event loop.
import { Worker } from 'node:worker_threads';
import { startWorker } from '../src/start-worker.js';
import { healthzRate, load } from './ceilings.js';
import { benchEnv, benchServer, percentile, postFactura, unfinished, type BenchEnv } from './support.js';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

const QUERY = `subscription { invoiceStatusChanged { eventId invoiceId type status referenciaExterna
  invoice { id status numeroControl totalPagar selloRecibido pdfUrl } } }`;

/** The subscribers' thread: n graphql-ws clients; per (invoice, event type) the first and last arrival and a count. */
const CLIENTS = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const { createClient } = await import(workerData.graphqlWs);
  const WebSocket = (await import(workerData.ws)).default;
  const seen = new Map();
  const waiters = [];
  const now = () => performance.timeOrigin + performance.now();
  let connected = 0;
  let completed = 0;
  for (let i = 0; i < workerData.n; i++) {
    // In batches: a thousand connections at once overflow the listen backlog.
    if (i % 50 === 0) while (connected < i) await new Promise((r) => setTimeout(r, 10));
    const client = createClient({
      url: workerData.url, webSocketImpl: WebSocket, connectionParams: { 'x-api-key': workerData.key },
      lazy: false, retryAttempts: 5, on: { connected: () => { connected++; } },
    });
    client.subscribe({ query: workerData.query }, {
      next: (r) => {
        const e = r.data && r.data.invoiceStatusChanged;
        if (!e) return parentPort.postMessage({ error: JSON.stringify(r.errors) });
        const k = e.invoiceId + ':' + e.type;
        const t = now();
        let s = seen.get(k);
        if (!s) seen.set(k, (s = { first: t, last: t, count: 0 }));
        s.last = t;
        s.count++;
        for (const w of waiters.splice(0)) w();
      },
      error: (e) => parentPort.postMessage({ error: String(e && e.message || e) }),
      complete: () => { completed++; },
    });
  }
  while (connected < workerData.n) await new Promise((r) => setTimeout(r, 20));
  parentPort.postMessage({ connected });
  parentPort.on('message', async (m) => {
    if (m.cmd === 'total') {
      const total = [...seen.values()].reduce((a, s) => a + s.count, 0);
      const cpu = process.threadCpuUsage();
      return parentPort.postMessage({ total, completed, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    const deadline = Date.now() + m.timeoutMs;
    for (;;) {
      const s = seen.get(m.key);
      if ((s && s.count >= m.count) || Date.now() > deadline) {
        return parentPort.postMessage({ key: m.key, stats: s || null });
      }
      await new Promise((r) => { waiters.push(r); setTimeout(r, 50); });
    }
  });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

interface Arrival {
  first: number;
  last: number;
  count: number;
}

class Subscribers {
  private constructor(private readonly worker: Worker) {}

  static async start(url: string, key: string, n: number): Promise<Subscribers> {
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: {
        url,
        key,
        n,
        query: QUERY,
        graphqlWs: import.meta.resolve('graphql-ws'),
        ws: import.meta.resolve('ws'),
      },
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { connected?: number; error?: string }) => {
        if (m.connected) resolve();
        else reject(new Error(m.error));
      });
      worker.once('error', reject);
    });
    worker.on('message', (m: { error?: string }) => m.error && console.error(`subscriber error: ${m.error}`));
    return new Subscribers(worker);
  }

  /** Resolves once `count` subscribers received the event (or the timeout passed). */
  arrival(invoiceId: string, type: string, count: number, timeoutMs = 10_000): Promise<Arrival | null> {
    const key = `${invoiceId}:${type}`;
    return new Promise((resolve) => {
      const on = (m: { key?: string; stats?: Arrival | null }) => {
        if (m.key !== key) return;
        this.worker.off('message', on);
        resolve(m.stats ?? null);
      };
      this.worker.on('message', on);
      this.worker.postMessage({ key, count, timeoutMs });
    });
  }

  /** Messages received so far, subscriptions the server ended (cut off), CPU ms of the subscribers' thread. */
  total(): Promise<{ total: number; completed: number; cpuMs: number }> {
    return new Promise((resolve) => {
      const on = (m: { total?: number; completed: number; cpuMs: number }) => {
        if (m.total === undefined) return;
        this.worker.off('message', on);
        resolve({ total: m.total, completed: m.completed, cpuMs: m.cpuMs });
      };
      this.worker.on('message', on);
      this.worker.postMessage({ cmd: 'total' });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

const now = () => performance.timeOrigin + performance.now();

/**
 * One emission; `at` is when its request left (the change commits before its answer: no later than this + its time).
 */
async function emitOne(env: BenchEnv, url: string, ref: string): Promise<{ id: string; at: number }> {
  const at = now();
  const res = await postFactura(url, env.apiKey, ref);
  const body = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`emission failed: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.id, at };
}

/** CPU milliseconds of this thread (the server, its worker and the fan-out; not the subscribers' thread). */
const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/** POST /api/facturas at `inFlight` → every document PROCESSED; DTE/s end to end and this thread's CPU ms. */
async function pipeline(
  env: BenchEnv,
  url: string,
  docs: number,
  inFlight: number,
  tag: string,
): Promise<{ rate: number; cpuMs: number }> {
  const started = performance.now();
  const cpu0 = threadCpuMs();
  await load(docs, inFlight, async (i) => {
    const res = await postFactura(url, env.apiKey, `SUBS-${tag}-${i}`);
    await res.arrayBuffer();
    return res.status === 201;
  });
  while ((await unfinished(env)) > 0) await new Promise((r) => setTimeout(r, 25));
  return { rate: docs / ((performance.now() - started) / 1000), cpuMs: threadCpuMs() - cpu0 };
}

/**
 * The fan-out alone: `count` notifications of an existing invoice sent straight through PostgreSQL (no emission, no
 * worker), one at a time, each awaited at every subscriber; this thread's CPU per pushed message.
 */
async function pushOnly(env: BenchEnv, subs: Subscribers, invoiceId: string, n: number, count: number) {
  const { rows } = await env.app.db.pool.query<{ status: string; ref: string; patient: string | null }>(
    `select status, referencia_externa as ref, patient_id as patient from invoice where id = $1`,
    [invoiceId],
  );
  const inv = rows[0]!;
  const lastMs: number[] = [];
  const cpu0 = threadCpuMs();
  let missed = 0;
  for (let i = 0; i < count; i++) {
    const type = `bench.push.${i}`;
    const note = {
      // Below every real event id: the bus's replay position (the newest id it has seen) does not move.
      eventId: String(-(Date.now() * 1000 + i)),
      invoiceId,
      tenantId: env.tenantId,
      type,
      status: inv.status,
      referenciaExterna: inv.ref,
      patientId: inv.patient,
    };
    const at = now();
    await env.app.db.pool.query(`select pg_notify('fx_invoice_events', $1)`, [JSON.stringify(note)]);
    const a = await subs.arrival(invoiceId, type, n);
    if (!a || a.count < n) missed++;
    if (a) lastMs.push(a.last - at);
  }
  const cpuMs = threadCpuMs() - cpu0;
  lastMs.sort((x, y) => x - y);
  console.log(
    `  fan-out alone (${count} notifications, no emission): ` +
      `last of ${n} p50 ${percentile(lastMs, 50).toFixed(1)} ms; ` +
      `server thread ${(cpuMs / count).toFixed(2)} CPU ms per change = ${((cpuMs / count / n) * 1000).toFixed(1)} ` +
      `CPU µs per pushed message; ${missed} missed`,
  );
}

export async function benchSubscribers(): Promise<void> {
  const n = arg('subscribers', 1000);
  const changes = arg('changes', 20);
  const docs = arg('docs', 300);
  const pushes = arg('pushes', 50);
  console.log(`\n== subscribers: one status change → ${n} graphql-ws subscribers; the pipeline with and without ==`);
  const env = await benchEnv({ FX_WORKER_CONCURRENCY: '64', FX_WORKER_TENANT_CONCURRENCY: '64' }, { events: true });
  const server = await benchServer(env);
  let subs: Subscribers | null = null;
  let worker: Awaited<ReturnType<typeof startWorker>> | null = null;
  try {
    console.log(`ceiling (same run): GET /healthz ${Math.round(await healthzRate(server.url))} req/s (8 clients)`);
    const t0 = performance.now();
    subs = await Subscribers.start(`${server.url.replace(/^http/, 'ws')}/graphql`, env.apiKey, n);
    console.log(`  ${n} subscribers connected in ${Math.round(performance.now() - t0)} ms`);
    // Warm-up: until one change reaches every subscriber (their subscribe messages are being processed meanwhile).
    for (let i = 0; ; i++) {
      const { id } = await emitOne(env, server.url, `SUBS-WARM-${i}`);
      if ((await subs.arrival(id, 'dte.queued', n, 3000))?.count === n) break;
      if (i > 10) throw new Error('the subscribers never all received a change');
    }
    // One change at a time (no worker yet): from the emission's request (its commit, and the emission itself, come
    // after) to the n-th subscriber's message: an upper bound of the push time, emission included.
    const lastMs: number[] = [];
    const firstMs: number[] = [];
    let missed = 0;
    let lastId = '';
    for (let i = 0; i < changes; i++) {
      const { id, at } = await emitOne(env, server.url, `SUBS-ONE-${i}`);
      lastId = id;
      const a = await subs.arrival(id, 'dte.queued', n);
      if (!a || a.count < n) missed++;
      if (a) {
        lastMs.push(a.last - at);
        firstMs.push(a.first - at);
      }
    }
    lastMs.sort((x, y) => x - y);
    firstMs.sort((x, y) => x - y);
    console.log(
      `  one change (emission included) → first subscriber ` +
        `p50 ${percentile(firstMs, 50).toFixed(1)} ms; last of ${n}: ` +
        `p50 ${percentile(lastMs, 50).toFixed(1)} ms, max ${lastMs.at(-1)!.toFixed(1)} ms (target ≤ 100 ms); ` +
        `${missed} of ${changes} changes missed a subscriber`,
    );
    await pushOnly(env, subs, lastId, n, pushes);

    await subs.close();
    subs = null;
    worker = await startWorker(env.app);
    const without = await pipeline(env, server.url, docs, 64, 'A');
    subs = await Subscribers.start(`${server.url.replace(/^http/, 'ws')}/graphql`, env.apiKey, n);
    const before = await subs.total();
    const started = performance.now();
    const cpu0 = threadCpuMs();
    const withSubs = await pipeline(env, server.url, docs, 64, 'B');
    // The pipeline is done; its status changes may still be on their way: wait until every subscriber has them all.
    const { rows } = await env.app.db.pool.query<{ n: number }>(
      `select count(*)::int as n from invoice_event e join invoice i on i.id = e.invoice_id
        where i.referencia_externa like 'SUBS-B-%'`,
    );
    const expected = rows[0]!.n * n;
    let after = await subs.total();
    const deadline = Date.now() + 120_000;
    while (after.total - before.total < expected && after.completed === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      after = await subs.total();
    }
    const deliveredS = (performance.now() - started) / 1000;
    const cpuMs = threadCpuMs() - cpu0;
    const messages = after.total - before.total;
    const perMessageUs = ((cpuMs - without.cpuMs) / messages) * 1000;
    console.log(
      `  pipeline, ${docs} documents at 64 in flight, worker in this process: ` +
        `${Math.round(without.rate)} DTE/s without subscribers, ${Math.round(withSubs.rate)} DTE/s with ${n} ` +
        `(${((withSubs.rate / without.rate) * 100).toFixed(0)} %); every status change at every subscriber ` +
        `${deliveredS.toFixed(1)} s after the first emission = ${Math.round(docs / deliveredS)} DTE/s delivered ` +
        `(${messages.toLocaleString('en')} of ${expected.toLocaleString('en')} messages, ` +
        `${after.completed} subscriptions cut off by the server)`,
    );
    console.log(
      `  server thread ${(without.cpuMs / docs).toFixed(2)} CPU ms per document without subscribers, ` +
        `${(cpuMs / docs).toFixed(2)} with (delivery included): ${perMessageUs.toFixed(1)} CPU µs per pushed ` +
        `message; the subscribers' thread ` +
        `${(((after.cpuMs - before.cpuMs) / messages) * 1000).toFixed(1)} CPU µs per message`,
    );
  } finally {
    await subs?.close();
    // The subscribers are gone: let the events still queued for them settle before the database closes.
    await new Promise((r) => setTimeout(r, 2000));
    await worker?.stop();
    await server.close();
    await env.close();
  }
}
