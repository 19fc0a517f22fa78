// One busy tenant never starves another: with the MH sandbox answering in 200 ms, a busy tenant emits a burst (many
// documents in flight) while a quiet tenant emits one document every 250 ms; the quiet tenant's latency from emission
// to PROCESSED beside the same figure with the quiet tenant alone, measured first in the same run. Worker settings are
// `npm start`'s defaults (FX_WORKER_CONCURRENCY, FX_WORKER_TENANT_CONCURRENCY).
import { startWorker } from '../src/start-worker.js';
import {
  addBenchTenant,
  benchEnv,
  benchServer,
  percentile,
  postFactura,
  unfinished,
  type BenchEnv,
} from './support.js';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

/** A valid NIT (MH's check digit) other than the demo tenant's. */
function otherNit(): string {
  const base = '0614010190' + '102';
  const w = [2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const r = [...base].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0) % 11;
  return `${base}${r > 1 ? 11 - r : 0}`;
}

async function emit(url: string, apiKey: string, ref: string): Promise<{ id: string; at: number }> {
  const at = performance.now();
  const res = await postFactura(url, apiKey, ref);
  const body = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`emission failed: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.id, at };
}

/** The quiet tenant's documents, one every `everyMs`: emission → PROCESSED latencies (polled every 10 ms). */
async function quietLatencies(
  env: BenchEnv,
  url: string,
  apiKey: string,
  count: number,
  everyMs: number,
  tag: string,
): Promise<number[]> {
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  let emitting = true;
  const poller = (async () => {
    while (emitting || pending.size) {
      await new Promise((r) => setTimeout(r, 10));
      if (!pending.size) continue;
      const { rows } = await env.app.db.pool.query<{ id: string }>(
        `select id from invoice where id = any($1::uuid[]) and status = 'PROCESSED'`,
        [[...pending.keys()]],
      );
      const now = performance.now();
      for (const r of rows) {
        latencies.push(now - pending.get(r.id)!);
        pending.delete(r.id);
      }
    }
  })();
  for (let i = 0; i < count; i++) {
    const { id, at } = await emit(url, apiKey, `QUIET-${tag}-${i}`);
    pending.set(id, at);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  emitting = false;
  await poller;
  return latencies.sort((a, b) => a - b);
}

export async function benchFairness(): Promise<void> {
  const busyDocs = arg('busy', 400);
  const quietDocs = arg('quiet', 20);
  console.log(`\n== fairness: MH at 200 ms; a busy tenant (${busyDocs} at once), a quiet one (1 every 250 ms) ==`);
  const env = await benchEnv({}, { events: true });
  const server = await benchServer(env);
  const worker = await startWorker(env.app);
  try {
    const quiet = await addBenchTenant(env.app, otherNit());
    env.app.mh.sandbox!.setFault({ latencyMs: 200 });
    const cfg = env.app.config.worker;
    console.log(`  worker: ${cfg.concurrency} jobs at once, ${cfg.perTenantConcurrency} per tenant (the defaults)`);
    const alone = await quietLatencies(env, server.url, quiet.apiKey, quietDocs, 250, 'ALONE');
    const line = (l: number[]) => `p50 ${percentile(l, 50).toFixed(0)} ms, max ${l.at(-1)!.toFixed(0)} ms`;
    console.log(`  ceiling (same run): the quiet tenant alone, emission → PROCESSED ${line(alone)}`);
    // The busy tenant's burst: all in flight at once (64 clients), while the quiet tenant emits as before.
    const started = performance.now();
    const burst = (async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          for (let i = next++; i < busyDocs; i = next++) await emit(server.url, env.apiKey, `BUSY-${i}`);
        }),
      );
      for (;;) {
        if ((await unfinished(env, env.tenantId)) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const shared = await quietLatencies(env, server.url, quiet.apiKey, quietDocs, 250, 'BUSY');
    const waiting = await unfinished(env, env.tenantId);
    console.log(
      `  the quiet tenant beside the busy one: ${line(shared)} ` +
        `(${waiting} of the busy tenant's documents still waiting when the quiet one was done)`,
    );
    await burst;
    const seconds = (performance.now() - started) / 1000;
    const busyRate = Math.round(busyDocs / seconds);
    console.log(
      `  the busy tenant: ${busyDocs} documents in ${seconds.toFixed(1)} s = ${busyRate} DTE/s ` +
        `(its ${cfg.perTenantConcurrency} slots ÷ 200 ms = ${Math.round(cfg.perTenantConcurrency / 0.2)}/s)`,
    );
  } finally {
    await worker.stop();
    await server.close();
    await env.close();
  }
}
