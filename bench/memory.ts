// Memory under a backlog: N documents emitted while the worker is stopped (a month-end, a recovered outage), then
// drained by the worker in this process (API, worker and the MH sandbox's thread: the whole `FX_PROCESSES=1` service);
// the peak RSS while draining beside the RSS before the backlog. Bounded means the peak does not grow with N.
import { orThrow } from '../src/core/result.js';
import { emitRequest } from '../src/modules/invoices/emit-request.js';
import { startWorker } from '../src/start-worker.js';
import { load } from './ceilings.js';
import { benchEnv, exampleFactura as example, unfinished } from './support.js';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

export async function benchMemory(): Promise<void> {
  const docs = arg('documents', 20_000);
  const n = docs.toLocaleString('en');
  console.log(`\n== memory: a backlog of ${n} documents drained by the worker (API, worker, sandbox: one process) ==`);
  const env = await benchEnv({ FX_WORKER_CONCURRENCY: '64', FX_WORKER_TENANT_CONCURRENCY: '64' });
  try {
    const actor = await env.app.auth.authenticate({ 'x-api-key': env.apiKey });
    global.gc?.();
    const idle = process.memoryUsage().rss;
    const t0 = performance.now();
    // The backlog, through the emission use case itself (validation, numbering, one statement each), 16 at a time.
    const emitted = await load(docs, 16, async (i) => {
      const r = await emitRequest(env.app.contextFor(actor), { ...example, referenciaExterna: `MEM-${i}` });
      return orThrow(r).created;
    });
    global.gc?.();
    const afterEmission = process.memoryUsage();
    const took = ((performance.now() - t0) / 1000).toFixed(0);
    console.log(
      `  backlog of ${docs} emitted in ${took} s (${emitted.failures} failures); RSS idle ${mb(idle)}, ` +
        `after emission ${mb(afterEmission.rss)} (heap ${mb(afterEmission.heapUsed)}${global.gc ? ' after a GC' : ''})`,
    );
    let peak = 0;
    let peakHeap = 0;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const started = performance.now();
    const worker = await startWorker(env.app);
    let left = docs;
    while (left > 0) {
      await new Promise((r) => setTimeout(r, 250));
      left = await unfinished(env);
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    clearInterval(sample);
    global.gc?.();
    const after = process.memoryUsage();
    const drained = Math.round(docs / seconds);
    console.log(
      `  drained at ${drained} DTE/s; peak RSS while draining ${mb(peak)} (idle ${mb(idle)}; ` +
        `+${mb(peak - idle)} for ${docs.toLocaleString('en')} documents); peak JS heap ${mb(peakHeap)}; ` +
        `after draining RSS ${mb(after.rss)}, heap ${mb(after.heapUsed)}${global.gc ? ' (after a GC)' : ''}`,
    );
  } finally {
    await env.close();
  }
}
