// The API side on its own, each figure beside its ceiling from the same run: an authenticated GraphQL query against an
// anonymous one (the cost of authentication), emitInvoice against a trivial mutation (the cost of the use case), and
// POST /api/facturas at 8 clients while a worker process drains what is emitted (the emission latency SIGMA sees).
// The clients run on a thread of their own (load-thread.ts): "server CPU ms/req" is this process's CPU (server and
// in-process MH sandbox thread) less that thread's; "clients" is the load thread's own (their sum is what this bench
// reported when the clients shared the server's thread); "PostgreSQL" is the embedded server's, from /proc.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { EmitInvoiceDocument } from '../src/client/index.js';
import type { LoadRun } from './ceilings.js';
import { LoadThread, type LoadSpec } from './load-thread.js';
import { minimalEmission } from './minimal.js';
import { postgresCpuMs, postmasterOf } from './process-cpu.js';
import { benchEnv, benchServer, exampleFactura as example, spawnWorkerProcess } from './support.js';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

interface Measured extends LoadRun {
  /** This process's CPU per request, less the load thread's. */
  cpuMs: number;
  /** The load thread's CPU per request. */
  clientMs: number;
  /** The PostgreSQL server's CPU per request (all its processes; 10 ms ticks). */
  pgMs: number;
}

let loader: LoadThread | null = null;
/** The embedded PostgreSQL's postmaster (its CPU is read from /proc). */
let postmaster = 0;

async function measured(total: number, clients: number, spec: LoadSpec): Promise<Measured> {
  const pg0 = postgresCpuMs(postmaster);
  const cpu0 = process.cpuUsage();
  const r = await loader!.run(spec, total, clients);
  const cpu = process.cpuUsage(cpu0);
  const pgMs = (postgresCpuMs(postmaster) - pg0) / total;
  const { clientCpuMs, ...run } = r;
  return {
    ...run,
    cpuMs: ((cpu.user + cpu.system) / 1000 - clientCpuMs) / total,
    clientMs: clientCpuMs / total,
    pgMs,
  };
}

const rate = (r: LoadRun) => r.ops / r.seconds;
/** Two runs of one kind as one (latencies: the worse of the two). */
const merge = (x: Measured, y: Measured): Measured => ({
  ops: x.ops + y.ops,
  seconds: x.seconds + y.seconds,
  p50: Math.max(x.p50, y.p50),
  p99: Math.max(x.p99, y.p99),
  failures: x.failures + y.failures,
  cpuMs: (x.cpuMs * x.ops + y.cpuMs * y.ops) / (x.ops + y.ops),
  clientMs: (x.clientMs * x.ops + y.clientMs * y.ops) / (x.ops + y.ops),
  pgMs: (x.pgMs * x.ops + y.pgMs * y.ops) / (x.ops + y.ops),
});
const line = (name: string, r: Measured) =>
  `  ${name.padEnd(44)} ${String(Math.round(rate(r))).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  ` +
  `p99 ${r.p99.toFixed(1).padStart(7)} ms  server ${r.cpuMs.toFixed(2).padStart(5)} CPU ms/req ` +
  `(clients ${r.clientMs.toFixed(2)}, PostgreSQL ${r.pgMs.toFixed(2)})  failures ${r.failures}`;

export async function benchApi(): Promise<void> {
  const clients = arg('clients', 8);
  const requests = arg('requests', 3000);
  const emits = arg('emits', 1500);
  console.log(`\n== api: GraphQL and REST at ${clients} clients, one API process, embedded PostgreSQL ==`);
  const env = await benchEnv({}, { events: true });
  const served = await benchServer(env);
  const server = served.server;
  const gql = `${server.url}/graphql`;
  const anon = { 'content-type': 'application/json' };
  const keyed = { 'content-type': 'application/json', 'x-api-key': env.apiKey };
  const hash = (EmitInvoiceDocument as unknown as { __meta__: { hash: string } }).__meta__.hash.replace('sha256:', '');
  const run = randomBytes(4).toString('hex');
  const check = (f: (status: number, j: any) => boolean) => f.toString();
  const typename: LoadSpec = {
    url: gql,
    headers: anon,
    body: JSON.stringify({ query: '{ __typename }' }),
    check: check((s, j) => s === 200 && j?.data?.__typename === 'Query'),
  };
  const me: LoadSpec = {
    url: gql,
    headers: keyed,
    body: JSON.stringify({ query: '{ me { kind } }' }),
    check: check((s, j) => s === 200 && j?.data?.me?.kind === 'apiKey'),
  };
  const trivialMutation: LoadSpec = {
    url: gql,
    headers: keyed,
    body: JSON.stringify({ query: 'mutation { __typename }' }),
    check: check((s, j) => s === 200 && j?.data?.__typename === 'Mutation'),
  };
  const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };
  const emitInvoice = (offset: number): LoadSpec => ({
    url: gql,
    headers: keyed,
    offset,
    body: JSON.stringify({
      variables: { input: { ...example, referenciaExterna: `G-${run}-__I__` } },
      extensions: persisted,
    }),
    check: check((s, j) => s === 200 && j?.data?.emitInvoice?.__typename === 'Invoice'),
  });
  const healthz: LoadSpec = { url: `${server.url}/healthz`, method: 'GET', check: check((s) => s === 200) };
  const restFactura: LoadSpec = {
    url: `${server.url}/api/facturas`,
    headers: keyed,
    body: JSON.stringify({ ...example, referenciaExterna: `BENCH-R-${run}-__I__` }),
    check: check((s) => s === 201),
  };
  // --phases=auth,emit,rest runs only some of them (e.g. under `node --cpu-prof`).
  const phases = (process.argv.find((x) => x.startsWith('--phases='))?.slice(9) ?? 'auth,emit,rest').split(',');
  let child = null as ChildProcess | null;
  loader = LoadThread.start();
  postmaster = (await postmasterOf(env.app.db.pool))!;
  try {
    if (phases.includes('auth')) await authPhase();
    if (phases.includes('emit')) await emitPhase();
    if (phases.includes('rest')) await restPhase();
  } finally {
    child?.kill('SIGTERM');
    await loader.stop();
    loader = null;
    await served.close();
    await env.close();
  }

  /**
   * The statistics of a service past its first minute (autovacuum's first ANALYZE of `invoice`), as the pipeline bench
   * takes them: without it every connection keeps the plans made while the tables were empty, and the foreign-key
   * check of each emission's event on its invoice scans the whole (growing) table instead of probing its index
   * (≈ 70 buffers a check by the end of a run, against 4). `--no-analyze-after-warmup` measures that first minute.
   */
  async function analyzeAfterWarmup() {
    if (!process.argv.includes('--no-analyze-after-warmup')) await env.app.db.pool.query('analyze');
  }

  async function authPhase() {
    await measured(300, clients, typename);
    await measured(300, clients, me);
    const h = await measured(requests, 8, healthz);
    console.log(`ceiling (same run): GET /healthz ${Math.round(rate(h))} req/s (8 clients)`);
    // Alternated (A M A M) so that a change in the machine's load falls on both alike.
    const half = Math.ceil(requests / 2);
    const a1 = await measured(half, clients, typename);
    const m1 = await measured(half, clients, me);
    const a = merge(a1, await measured(half, clients, typename));
    const m = merge(m1, await measured(half, clients, me));
    console.log(line('anonymous { __typename }', a));
    console.log(line('API key { me { kind } }', m));
    const ratio = ((rate(m) / rate(a)) * 100).toFixed(1);
    console.log(`  authenticated query = ${ratio} % of the anonymous one (target ≥ 80 %)`);
  }

  async function emitPhase() {
    await measured(200, clients, emitInvoice(1_000_000));
    await analyzeAfterWarmup();
    const t = await measured(requests, clients, trivialMutation);
    const e = await measured(emits, clients, emitInvoice(0));
    console.log(line('mutation { __typename } (API key)', t));
    console.log(line('emitInvoice (FE, 3 items)', e));
    const ratio = ((rate(e) / rate(t)) * 100).toFixed(1);
    console.log(`  emitInvoice = ${ratio} % of the trivial mutation's rate (target ≥ 40 %)`);
    if (process.argv.includes('--no-minimal')) return;
    // The same emissions through the minimal pipeline's API (node:http, the key from a map, one statement, on this
    // run's PostgreSQL): how near this hour's machine lets any emission come to the trivial mutation.
    const m = await minimalEmission(env.app.db.url, { emits, warmup: 200, clients, measure: measured });
    console.log(line('ceiling (same run): the minimal emission', m));
    console.log(
      `  the minimal emission = ${((rate(m) / rate(t)) * 100).toFixed(1)} % of the trivial mutation's rate; ` +
        `emitInvoice = ${((rate(e) / rate(m)) * 100).toFixed(1)} % of the minimal emission's`,
    );
  }

  async function restPhase() {
    // POST /api/facturas while a worker process (as `npm start` runs it) signs and transmits what was emitted.
    child = spawnWorkerProcess(env);
    if (!phases.includes('emit')) {
      await measured(200, clients, { ...restFactura, offset: 1_000_000 });
      await analyzeAfterWarmup();
    }
    // The event loop's delay (every timer late by this much: a request waits as long) and the GC pauses meanwhile,
    // so that what blocks this process can be told from the CPU the worker process and PostgreSQL take.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const gc = { count: 0, ms: 0, max: 0, maxKind: '' };
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gc.count += 1;
        gc.ms += e.duration;
        if (e.duration > gc.max) {
          gc.max = e.duration;
          gc.maxKind = GC_KINDS[(e as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
        }
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    delay.enable();
    const stalls = watchStalls();
    const rest = await measured(emits, clients, restFactura);
    delay.disable();
    gcObserver.disconnect();
    const gaps = stalls.stop();
    const { rows } = await env.app.db.pool.query(`select count(*)::int as done from invoice where status='PROCESSED'`);
    console.log(line('POST /api/facturas, worker process running', rest));
    const done = rows[0].done;
    console.log(`  emission p99 ${rest.p99.toFixed(1)} ms (target ≤ 20 ms); ${done} documents PROCESSED meanwhile`);
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `  event-loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, ` +
        `max ${ms(delay.max)} ms; GC ${gc.count} pauses, ${(gc.ms / rest.ops).toFixed(2)} ms per request, ` +
        `longest ${gc.max.toFixed(1)} ms (${gc.maxKind})`,
    );
    console.log(
      `  turns late by over ${STALL_MS} ms: ${gaps.count}, ${gaps.wallMs.toFixed(0)} ms in all, of which this thread ` +
        `ran ${gaps.cpuMs.toFixed(0)} ms (the rest: waiting for a core)`,
    );
  }
}

const STALL_MS = 20;
/** perf_hooks' GC kinds (NODE_PERFORMANCE_GC_*). */
const GC_KINDS: Record<number, string> = {
  1: 'scavenge',
  2: 'mark-compact',
  4: 'incremental marking',
  8: 'weak callbacks',
};

/**
 * A 5 ms timer on the event loop: each turn that comes over STALL_MS late is a stall, and the main thread's own CPU
 * time across it tells work done on this thread (sync code, GC) from time spent waiting for a core.
 */
function watchStalls(): { stop(): { count: number; wallMs: number; cpuMs: number } } {
  const out = { count: 0, wallMs: 0, cpuMs: 0 };
  const cpuNow = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  let wall = performance.now();
  let cpu = cpuNow();
  const timer = setInterval(() => {
    const w = performance.now();
    const c = cpuNow();
    if (w - wall > 5 + STALL_MS) {
      out.count += 1;
      out.wallMs += w - wall;
      out.cpuMs += c - cpu;
    }
    wall = w;
    cpu = c;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return out;
    },
  };
}
