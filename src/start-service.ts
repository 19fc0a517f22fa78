import type { Config } from './config.js';
import { createApp, type App } from './app.js';
import { createLogger } from './core/logger.js';
import { createMhServices } from './hacienda/mh-services.js';
import { openDatabase } from './db/database.js';
import { startInvoiceEventBus } from './modules/invoices/invoice-event-bus.js';
import { notificationRoutes } from './http/documents.routes.js';
import { reportRoutes } from './http/report.routes.js';
import { restRoutes } from './http/rest.js';
import { ensureDemoTenant } from './modules/tenants/demo-tenant.js';
import { registerCredentialsWithSandbox } from './modules/transmission/sandbox-registration.js';
import { backgroundPriority } from './queue/background-priority.js';
import type { Worker } from './queue/worker.js';
import { buildGraphQLSchema } from './schema.js';
import { startServer, type RunningServer } from './server.js';
import { startWorker } from './start-worker.js';

export interface ServiceOptions {
  /** Run the HTTP API (GraphQL, graphql-ws, REST, links). Default: config.worker.api. */
  api?: boolean;
  /** Run the background worker. Default: config.worker.enabled. */
  worker?: boolean;
  port?: number;
  trustedDocuments?: 'allow' | 'enforce';
}

export interface RunningService {
  app: App;
  server: RunningServer | null;
  worker: Worker | null;
  /** The demo tenant's key (first start on an empty embedded database), or null. */
  demoKey: string | null;
  /** Drains requests, lets running jobs finish, stops the MH sandbox and (embedded) PostgreSQL. */
  close(): Promise<void>;
}

/** The whole service from a configuration: database + migrations, MH services, demo tenant, worker, HTTP server. */
export async function startService(config: Config, opts: ServiceOptions = {}): Promise<RunningService> {
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config, log);
  const mh = await createMhServices(config, log);
  const api = opts.api ?? config.worker.api;
  // Subscriptions are served by API processes: only they listen for invoice changes.
  const events = api ? await startInvoiceEventBus(db, log) : null;
  const app = createApp({ config, log, db, mh, events });
  const demoKey = await ensureDemoTenant(app);
  await registerCredentialsWithSandbox(app);
  // A process that runs the worker alone gives way to the API's requests while it keeps pace (one that serves the
  // API as well keeps its weight: lowering it would slow the requests too).
  const worker =
    (opts.worker ?? config.worker.enabled)
      ? await startWorker(app, { priority: api ? null : backgroundPriority(config.worker.nice, log) })
      : null;
  const server = api
    ? await startServer(app, {
        schema: await buildGraphQLSchema({ sigmaFields: config.sigma.fields }),
        port: opts.port,
        trustedDocuments: opts.trustedDocuments,
        routes: (r) => {
          notificationRoutes(app)(r);
          reportRoutes(app)(r);
          restRoutes(app)(r);
        },
      })
    : null;
  return {
    app,
    server,
    worker,
    demoKey,
    async close() {
      await server?.close();
      await events?.close();
      await worker?.stop();
      await mh.close();
      await db.close();
    },
  };
}
