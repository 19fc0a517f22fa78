// Webhook deliveries per second: outbox rows (written as the fan-out writes them, in transactions) → worker jobs →
// signed POSTs to a real HTTP listener on loopback → SUCCEEDED, measured end to end on a real PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookEndpoint } from '../src/modules/webhooks/manage-endpoints.js';
import { writeOutbox } from '../src/modules/notifications/fan-out.js';
import { startWorker } from '../src/start-worker.js';
import { benchEnv } from './support.js';

async function receiver(latencyMs: number) {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      setTimeout(() => res.writeHead(204).end(), latencyMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => count,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function run(messages: number, concurrency: number, latencyMs: number) {
  const env = await benchEnv({
    FX_WORKER_CONCURRENCY: String(concurrency),
    FX_WORKER_TENANT_CONCURRENCY: String(concurrency),
    FX_DEADLINE_SCAN_MS: '3600000',
  });
  const rx = await receiver(latencyMs);
  try {
    const ctx = env.app.contextFor({
      kind: 'apiKey',
      keyId: env.keyId,
      tenantId: env.tenantId,
      ambiente: '00',
      scopes: ['webhooks:manage'],
    });
    await createWebhookEndpoint(ctx, { url: rx.url });
    const data = {
      referenciaExterna: 'BENCH',
      codigoGeneracion: crypto.randomUUID().toUpperCase(),
      numeroControl: 'DTE-01-M001P001-000000000000001',
      tipoDte: '01',
      status: 'PROCESSED',
      sello: '2026D04751ECD4324D039CEAFD9A3516AAA7JESF',
    };
    for (let i = 0; i < messages; i += 100) {
      await env.app.tenantEm(env.tenantId).transactional(async (tx) => {
        for (let j = i; j < Math.min(messages, i + 100); j++)
          await writeOutbox(tx, env.tenantId, {
            type: 'dte.processed',
            data: { ...data, id: crypto.randomUUID() },
            invoiceId: null,
            eventId: null,
          });
      });
    }
    const started = performance.now();
    const worker = await startWorker(env.app);
    const conn = env.app.db.orm.em.getConnection();
    for (;;) {
      const [row] = await conn.execute<{ n: string }[]>(
        `select count(*) as n from webhook_delivery where status = 'SUCCEEDED'`,
      );
      if (Number(row!.n) >= messages) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    return { seconds, perS: messages / seconds, received: rx.count() };
  } finally {
    await rx.close();
    await env.close();
  }
}

export async function benchWebhooks(): Promise<void> {
  console.log('\n== webhooks: outbox → worker → signed POST to a real HTTP listener → SUCCEEDED (real PostgreSQL) ==');
  for (const [messages, conc, latency] of [
    [1000, 8, 0],
    [1000, 32, 0],
    [600, 32, 50],
  ] as const) {
    const r = await run(messages, conc, latency);
    console.log(
      `receiver latency ${String(latency).padStart(2)} ms, worker ` +
        `concurrency ${String(conc).padStart(2)}: ${messages} ` +
        `deliveries in ${r.seconds.toFixed(2)} s → ${r.perS.toFixed(1)} deliveries/s (listener got ${r.received})`,
    );
  }
}
