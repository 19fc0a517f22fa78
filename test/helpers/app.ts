import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.js';
import type { App } from '../../src/app.js';
import type { Worker } from '../../src/queue/worker.js';
import type { RunningServer } from '../../src/server.js';
import { startService } from '../../src/start-service.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: App;
  server: RunningServer;
  url: string;
  adminKey: string;
  worker: Worker | null;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { data: T; errors: any } }>;
  close(): Promise<void>;
}

/** The real service (real HTTP server on an ephemeral port, real PostgreSQL database of its own). */
export interface TestAppOptions {
  /** Run the background worker in this process (default false: API only). */
  worker?: boolean;
  /** Share an existing database (e.g. two servers on one database, as two processes would). Default: a fresh one. */
  databaseUrl?: string;
  /** Persisted operations mode of the server (FX_TRUSTED_DOCUMENTS). */
  trustedDocuments?: 'allow' | 'enforce';
}

export async function startTestApp(env: Record<string, string> = {}, opts: TestAppOptions = {}): Promise<TestApp> {
  const adminKey = `test-admin-${randomBytes(16).toString('hex')}`;
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase());
  const config: Config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      FX_ADMIN_KEY: adminKey,
      PORT: '0',
      LOG_LEVEL: 'error',
      FX_MASTER_KEY: randomBytes(32).toString('base64'),
      ...env,
    },
    [],
  );
  const service = await startService(config, {
    api: true,
    worker: opts.worker ?? false,
    port: 0,
    trustedDocuments: opts.trustedDocuments,
  });
  const { app, worker } = service;
  const server = service.server!;
  const url = server.url;
  return {
    app,
    server,
    url,
    adminKey,
    worker,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    async close() {
      await service.close();
    },
  };
}

let nitSeq = 1;
/** A syntactically valid 14-digit NIT (new check routine) that differs per call. */
export function validNit(): string {
  const base = `0614${String(10190 + nitSeq++).padStart(6, '0')}${String(101 + (nitSeq % 800)).padStart(3, '0')}`;
  const w = [2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const s = [...base].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  const r = s % 11;
  return `${base}${r > 1 ? 11 - r : 0}`;
}

export const tenantInput = (nit = validNit()) => ({
  nit,
  nrc: '2345678',
  nombre: `Clínica ${nit}`,
  codActividad: '86201',
  descActividad: 'Clínicas médicas',
  direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Calle 1' },
  telefono: '22223333',
  correo: 'billing@clinic.example',
});

/** Creates a tenant and a tenant key through the admin GraphQL API; returns their ids and the raw key. */
export async function provisionTenant(
  t: TestApp,
  scopes?: string[],
): Promise<{ tenantId: string; apiKey: string; keyId: string }> {
  const admin = { 'x-api-key': t.adminKey };
  const c = await t.gql(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { ` +
      `__typename ... on Tenant { id } ... on UserError { code message } } }`,
    { i: tenantInput() },
    admin,
  );
  const tenantId = c.body.data.createTenant.id;
  if (!tenantId) throw new Error(JSON.stringify(c.body));
  const k = await t.gql(
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { __typename ... ` +
      `on CreatedApiKey { secret key { id } } ... on UserError { code message } } }`,
    { i: { tenantId, name: 'test', scopes } },
    admin,
  );
  return { tenantId, apiKey: k.body.data.createApiKey.secret, keyId: k.body.data.createApiKey.key.id };
}

export type Provisioned = Awaited<ReturnType<typeof provisionTenant>>;

/** The real service and two tenants (a, b): a test that acts as one tenant probes the other too. */
export async function startWithTwoTenants(): Promise<{ t: TestApp; a: Provisioned; b: Provisioned }> {
  const t = await startTestApp();
  const [a, b] = await Promise.all([provisionTenant(t), provisionTenant(t)]);
  return { t, a, b };
}
