// `npm run supergraph`: FacturaXpress + a small SIGMA demo subgraph + @apollo/gateway in front of both, for newcomers
// (open the printed gateway URL in a browser: Apollo Sandbox). Same startup as src/main.ts, plus the two extra servers.
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createApp } from '../core/app.js';
import { createLogger } from '../core/logger.js';
import { createMhServices } from '../core/mh-services.js';
import { openDatabase } from '../db/database.js';
import { startInvoiceEventBus } from '../graphql/subscription-bus.js';
import { notificationRoutes } from '../http/documents.routes.js';
import { restRoutes } from '../http/rest.js';
import { ensureDemoTenant } from '../modules/tenants/demo-tenant.js';
import { registerCredentialsWithSandbox } from '../modules/transmission/sandbox-registration.js';
import { buildGraphQLSchema, subgraphSdl } from '../schema.js';
import { startServer } from '../server.js';
import { startWorker } from '../worker.js';
import { seedDemoFiscalData } from './demo-data.js';
import { composeSupergraph, startGateway } from './gateway.js';
import { sigmaTypeDefs, startSigmaSubgraph } from './sigma-subgraph.js';

const GATEWAY_PORT = 4000;
const SIGMA_PORT = 4002;

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await openDatabase(config, log);
const mh = await createMhServices(config, log);
const app = createApp(config, log, db, mh);
const demoKey = await ensureDemoTenant(app);
await registerCredentialsWithSandbox(app);
const worker = config.worker.enabled ? await startWorker(app) : null;
const events = await startInvoiceEventBus(db.url, log);
const fx = await startServer(app, { schema: await buildGraphQLSchema({ documents: app, events }), routes: (r) => { notificationRoutes(app)(r); restRoutes(app)(r); } });
const sigma = await startSigmaSubgraph({ port: SIGMA_PORT, host: config.host });
const { supergraphSdl, hints } = composeSupergraph([
  { name: 'sigma', url: sigma.url, sdl: sigmaTypeDefs() },
  { name: 'facturaxpress', url: `${fx.url}/graphql`, sdl: await subgraphSdl() },
]);
for (const h of hints) log.warn({ code: h.code }, h.message);
const gateway = await startGateway(supergraphSdl, { port: GATEWAY_PORT, host: config.host });
const seeded = await seedDemoFiscalData(app);

process.stdout.write(`
FacturaXpress subgraph: ${fx.url}/graphql
SIGMA demo subgraph:    ${sigma.url}
Gateway (open it in a browser for Apollo Sandbox): ${gateway.url}
${demoKey ? `\nHeader for Sandbox:  x-api-key: ${demoKey}\n` : '\n(no demo tenant: use a tenant API key as x-api-key)\n'}
${seeded ? 'Try:' : 'Query:'}
  { patient(id: "P-1001") { name fiscalProfile { numDocumento } invoices { edges { node { numeroControl status pdfUrl } } } } }
  { services { id name area fiscal { tipoItem uniMedida tipo tributos precio } } }
`);

const stop = async () => {
  await gateway.stop();
  await sigma.stop();
  await fx.close();
  await events.close();
  await worker?.stop();
  await mh.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
