import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, SERVICE_CHILD_ENV } from '../src/config.js';
import { createApp, type App } from '../src/app.js';
import { createLogger } from '../src/core/logger.js';
import { createMhServices } from '../src/hacienda/mh-services.js';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { restRoutes } from '../src/http/rest.js';
import { createApiKey } from '../src/modules/auth/api-keys.js';
import { startInvoiceEventBus } from '../src/modules/invoices/invoice-event-bus.js';
import { createTenant } from '../src/modules/tenants/create-tenant.js';
import { DEMO_TENANT } from '../src/modules/tenants/demo-tenant.js';
import { importMhCredential } from '../src/modules/transmission/credentials.js';
import { buildGraphQLSchema } from '../src/schema.js';
import { startServer, type RunningServer } from '../src/server.js';
import { generateTestCertificate } from '../src/signing/index.js';

const MAIN_JS = fileURLToPath(new URL('../src/main.js', import.meta.url));
const EXAMPLE = new URL('../../examples/dte/01-factura.json', import.meta.url);
/** The documented FE example (examples/dte/01-factura.json): the body the benchmarks emit. */
export const exampleFactura = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;

export interface BenchEnv {
  app: App;
  tenantId: string;
  apiKey: string;
  keyId: string;
  nit: string;
  close(): Promise<void>;
}

export interface BenchEnvOptions {
  /** Also start the invoice event bus (a server that serves subscriptions). */
  events?: boolean;
  /** An existing database (migrated on open) instead of a throw-away embedded PostgreSQL; left as it is. */
  databaseUrl?: string;
  /** Keep the embedded PostgreSQL's data in this directory (reused by the next run) instead of a throw-away one. */
  dataDir?: string;
  /** More settings of the embedded PostgreSQL (`-c name=value`). */
  pgSettings?: Record<string, string>;
  /** The tenant the benchmark acts as (default: a new one, addBenchTenant). */
  tenant?: (app: App) => Promise<BenchTenant>;
}

/**
 * A throw-away embedded PostgreSQL + the service's App (in-process MH sandbox in its own thread, as `npm start` runs
 * it) + one tenant with an MH credential. `events`: start the invoice event bus too (a server that serves
 * subscriptions).
 */
export async function benchEnv(env: Record<string, string> = {}, opts: BenchEnvOptions = {}): Promise<BenchEnv> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-bench-'));
  chmodSync(dir, 0o755);
  const pg = opts.databaseUrl
    ? null
    : await startEmbeddedPostgres({
        dataDir: opts.dataDir ? path.resolve(opts.dataDir) : path.join(dir, 'pg'),
        persistent: Boolean(opts.dataDir),
        settings: opts.pgSettings,
      });
  const url = opts.databaseUrl ?? (await pg!.createDatabase('bench'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: url,
      FX_DATA_DIR: dir,
      LOG_LEVEL: 'error',
      FX_MASTER_KEY: randomBytes(32).toString('base64'),
      FX_MH_SANDBOX_THREAD: '1',
      ...env,
    },
    [],
  );
  const log = createLogger('error');
  const db = await openDatabase(config, log);
  const mh = await createMhServices(config, log);
  const events = opts.events ? await startInvoiceEventBus(db, log) : null;
  const app = createApp({ config, log, db, mh, events });
  const first = opts.tenant ? await opts.tenant(app) : await addBenchTenant(app);
  return {
    app,
    ...first,
    async close() {
      await events?.close();
      await mh.close();
      await db.close();
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchTenant {
  tenantId: string;
  apiKey: string;
  keyId: string;
  nit: string;
}

/** A tenant with an API key and an MH credential registered with the sandbox; `nit` defaults to the demo tenant's. */
export async function addBenchTenant(app: App, nit?: string): Promise<BenchTenant> {
  const admin = app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
  const tenant = await createTenant(admin, { ...DEMO_TENANT, ...(nit ? { nit } : {}), isDemo: false });
  return benchTenantAccess(app, tenant.id, tenant.nit);
}

/**
 * A new API key and a new MH credential (registered with this run's sandbox) for an existing tenant: a tenant kept
 * in a reused database (`--data-dir`) is acted as again.
 */
export async function benchTenantAccess(app: App, tenantId: string, nit: string): Promise<BenchTenant> {
  const admin = app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
  const tenant = { id: tenantId, nit };
  const { key, secret } = await createApiKey(admin, { tenantId: tenant.id, name: 'bench' });
  const password = randomBytes(9).toString('base64url');
  const cert = generateTestCertificate({ nit: tenant.nit, password, validDays: 30 });
  const credential = {
    tenantId: tenant.id,
    ambiente: '00' as const,
    certificateXml: cert.xml,
    certificatePassword: password,
    apiPassword: `Bench-${password}`,
  };
  await importMhCredential(admin, app.mh.masterKey, credential, app.mh.register);
  return { tenantId: tenant.id, apiKey: secret, keyId: key.id, nit: tenant.nit };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface BenchServer {
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** The service's HTTP server (GraphQL, graphql-ws, REST) on an ephemeral port; the env must carry the event bus. */
export async function benchServer(env: BenchEnv): Promise<BenchServer> {
  if (!env.app.events) throw new Error('benchServer needs benchEnv(..., { events: true })');
  const schema = await buildGraphQLSchema();
  const server = await startServer(env.app, { schema, port: 0, routes: restRoutes(env.app) });
  return {
    server,
    url: server.url,
    async close() {
      await server.close();
    },
  };
}

/** POST /api/facturas of the example under the reference `ref`. */
/**
 * `main.js --worker-only` (as `npm start` runs it: in a session of its own, on an IPC channel it exits with) on the
 * bench's database and MH sandbox; its output is dropped.
 */
export function spawnWorkerProcess(
  env: BenchEnv,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, MAIN_JS, '--worker-only'], {
    env: {
      ...process.env,
      DATABASE_URL: env.app.db.url,
      FX_MH_BASE_URL: env.app.mh.sandbox!.url,
      FX_MH_SANDBOX: '1',
      FX_MASTER_KEY: env.app.config.masterKey!,
      LOG_LEVEL: 'error',
      FX_PROCESSES: '1',
      [SERVICE_CHILD_ENV]: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    detached: true,
  });
}

export function postFactura(url: string, apiKey: string, ref: string): Promise<Response> {
  const body = JSON.stringify({ ...exampleFactura, referenciaExterna: ref });
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  return fetch(`${url}/api/facturas`, { method: 'POST', headers, body });
}

/** Documents not PROCESSED or REJECTED yet (of one tenant, or all). */
export async function unfinished(env: BenchEnv, tenantId?: string): Promise<number> {
  const { rows } = await env.app.db.pool.query<{ n: number }>(
    `select count(*)::int as n from invoice
      where status not in ('PROCESSED', 'REJECTED') and ($1::uuid is null or tenant_id = $1)`,
    [tenantId ?? null],
  );
  return rows[0]!.n;
}
