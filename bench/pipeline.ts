import { readFileSync } from 'node:fs';
import { emitInvoice } from '../src/modules/invoices/emit-invoice.js';
import { Invoice } from '../src/modules/invoices/invoice.entity.js';
import { startWorker } from '../src/worker.js';
import { benchEnv } from './support.js';

const example = JSON.parse(readFileSync(new URL('../../examples/dte/01-factura.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** End-to-end documents/s: emission (use case, in one transaction) → worker signs → sandbox over HTTP → PROCESSED. */
async function run(latencyMs: number, docs: number, concurrency: number): Promise<{ emitPerS: number; e2ePerS: number; seconds: number }> {
  const env = await benchEnv({ FX_WORKER_CONCURRENCY: String(concurrency), FX_WORKER_TENANT_CONCURRENCY: String(concurrency) });
  try {
    if (latencyMs) env.app.mh.sandbox!.setFault({ latencyMs }, env.nit);
    const worker = await startWorker(env.app);
    const ctx = () => env.app.contextFor({ kind: 'apiKey', keyId: env.keyId, tenantId: env.tenantId, ambiente: '00', scopes: ['invoices:emit'] });
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < docs; i += 32) {
      const batch = await Promise.all(Array.from({ length: Math.min(32, docs - i) }, (_, j) => emitInvoice(ctx(), { ...example, referenciaExterna: `BENCH-${latencyMs}-${i + j}` })));
      ids.push(...batch.map((b) => b.invoice.id));
    }
    const emitted = performance.now();
    const em = env.app.tenantEm(env.tenantId);
    for (;;) {
      const pending = await em.fork().count(Invoice, { status: { $nin: ['PROCESSED', 'REJECTED'] } });
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    return { emitPerS: docs / ((emitted - started) / 1000), e2ePerS: docs / seconds, seconds };
  } finally {
    await env.close();
  }
}

export async function benchPipeline(): Promise<void> {
  console.log('\n== pipeline: emission → PROCESSED (worker + MH sandbox over HTTP, real PostgreSQL) ==');
  for (const [latency, docs, conc] of [[0, 400, 16], [200, 300, 16], [200, 300, 32]] as const) {
    const r = await run(latency, docs, conc);
    console.log(`sandbox latency ${String(latency).padStart(3)} ms, worker concurrency ${String(conc).padStart(2)}: ${docs} docs in ${r.seconds.toFixed(2)} s → ${r.e2ePerS.toFixed(1)} docs/s end to end (emission alone ${r.emitPerS.toFixed(0)} docs/s)`);
  }
}
