import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createApp, type App } from '../src/app.js';
import { createLogger } from '../src/core/logger.js';
import { createMhServices } from '../src/hacienda/mh-services.js';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { createApiKey } from '../src/modules/auth/api-keys.js';
import { startInvoiceEventBus } from '../src/modules/invoices/invoice-event-bus.js';
import { createTenant } from '../src/modules/tenants/create-tenant.js';
import { DEMO_TENANT } from '../src/modules/tenants/demo-tenant.js';
import { importMhCredential } from '../src/modules/transmission/credentials.js';
import { generateTestCertificate } from '../src/signing/index.js';

export interface BenchEnv {
  app: App;
  tenantId: string;
  apiKey: string;
  keyId: string;
  nit: string;
  close(): Promise<void>;
}

/** A throw-away embedded PostgreSQL + the service's App (in-process MH sandbox) + one tenant with an MH credential. */
/** `events`: start the invoice event bus too (a server that serves subscriptions). */
export async function benchEnv(env: Record<string, string> = {}, opts: { events?: boolean } = {}): Promise<BenchEnv> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
  const url = await pg.createDatabase('bench');
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, FX_DATA_DIR: dir, LOG_LEVEL: 'error', FX_MASTER_KEY: randomBytes(32).toString('base64'), ...env }, []);
  const log = createLogger('error');
  const db = await openDatabase(config, log);
  const mh = await createMhServices(config, log);
  const events = opts.events ? await startInvoiceEventBus(db.url, log) : null;
  const app = createApp({ config, log, db, mh, events });
  const admin = app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
  const tenant = await createTenant(admin, { ...DEMO_TENANT, isDemo: false });
  const { key, secret } = await createApiKey(admin, { tenantId: tenant.id, name: 'bench' });
  const password = randomBytes(9).toString('base64url');
  const cert = generateTestCertificate({ nit: tenant.nit, password, validDays: 30 });
  await importMhCredential(admin, mh.masterKey, { tenantId: tenant.id, ambiente: '00', certificateXml: cert.xml, certificatePassword: password, apiPassword: `Bench-${password}` }, mh.register);
  return {
    app,
    tenantId: tenant.id,
    apiKey: secret,
    keyId: key.id,
    nit: tenant.nit,
    async close() {
      await events?.close();
      await mh.close();
      await db.close();
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
