import path from 'node:path';
import PQueue from 'p-queue';
import type { Config } from '../config.js';
import { createMhSandbox, mhBaseUrl, MhClient, type MhSandbox } from './index.js';
import { keepAliveFetch, type HttpAnswer } from './http.js';
import { startMhSandboxThread } from './sandbox/thread.js';
import { createSigner, loadOrCreateMasterKey, parseMasterKey, type Signer } from '../signing/index.js';
import type { Logger } from '../core/logger.js';
import { metrics } from '../core/metrics.js';

/** MH's API as the pipeline uses it; every call names its credential, whose ambiente picks the host. */
export type MhApi = Pick<
  MhClient,
  'authenticate' | 'recepcionDte' | 'consultaDte' | 'recepcionLote' | 'consultaLote' | 'anularDte' | 'contingencia'
>;

/** Where MH credentials are registered: the in-process MH sandbox learns them; real MH is configured in its portal. */
export type CredentialRegistrar = (c: {
  nit: string;
  password: string;
  publicKeyPem: string;
  ambiente: '00' | '01';
}) => void;

/** Everything that talks to MH or signs for it, built once per process from the configuration. */
export interface MhServices {
  client: MhApi;
  signer: Signer;
  masterKey: Buffer;
  /** Registers imported credentials with the MH sandbox (no-op against real MH, where the portal does it). */
  register: CredentialRegistrar;
  /** The in-process sandbox when no FX_MH_BASE_URL is configured. */
  sandbox: MhSandbox | null;
  /** MH here is a sandbox (in-process or standalone): its sellos have no fiscal validity. */
  isSandbox: boolean;
  baseUrl: string;
  close(): Promise<void>;
}

export async function createMhServices(config: Config, log: Logger): Promise<MhServices> {
  const masterKey = config.masterKey
    ? parseMasterKey(config.masterKey)
    : loadOrCreateMasterKey(path.join(config.dataDir, 'master.key'));
  // The in-process sandbox journals what it received under the data directory (not in tests, whose data is throw-away),
  // so a service killed mid-burst and restarted still finds its documents at "MH".
  const journalFile = config.env === 'test' ? undefined : path.join(config.dataDir, 'mh-sandbox.jsonl');
  const sandboxOpts = { port: 0, host: '127.0.0.1', journalFile };
  const sandbox = config.mh.baseUrl
    ? null
    : config.mh.sandboxThread
      ? await startMhSandboxThread(sandboxOpts)
      : await createMhSandbox(sandboxOpts);
  const baseUrl = config.mh.baseUrl ?? sandbox!.url;
  const hostFor = (ambiente: '00' | '01') => (baseUrl === 'mh' ? mhBaseUrl(ambiente) : baseUrl);
  if (sandbox) log.info({ url: sandbox.url, thread: config.mh.sandboxThread }, 'in-process MH sandbox started');
  // The rate limit is a property of the target: FX_MH_RATE_PER_SECOND requests/s per process toward MH's hosts,
  // applied to every HTTP call the client makes; none toward a FacturaXpress sandbox (see Config.worker.ratePerSecond).
  const rate = config.worker.ratePerSecond;
  const limiter = rate ? new PQueue({ intervalCap: rate, interval: 1000 }) : null;
  const limitedFetch = (input: string, init: RequestInit) =>
    limiter ? (limiter.add(() => timedFetch(input, init)) as Promise<HttpAnswer>) : timedFetch(input, init);
  const clientFor = (ambiente: '00' | '01') =>
    new MhClient({
      baseUrl: hostFor(ambiente),
      userAgent: config.mh.userAgent,
      timeoutMs: config.mh.timeoutMs,
      fetch: limitedFetch,
    });
  const client = routeByAmbiente({ '00': clientFor('00'), '01': clientFor('01') });
  const signer = createSigner();
  const register: CredentialRegistrar = (c) => {
    if (sandbox) return sandbox.registerTenant(c);
    if (!config.mh.isSandbox) return;
    void fetch(`${baseUrl}/__sandbox/tenants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c),
    }).catch((err) =>
      log.warn({ err: (err as Error).message }, 'could not register the credential with the MH sandbox'),
    );
  };
  return {
    client,
    signer,
    masterKey,
    register,
    sandbox,
    isSandbox: sandbox !== null || config.mh.isSandbox,
    baseUrl,
    async close() {
      await signer.close();
      await sandbox?.close();
    },
  };
}

/** fetch, observed into fx_mh_request_seconds by MH path and outcome. */
async function timedFetch(input: string, init: RequestInit): Promise<HttpAnswer> {
  const started = performance.now();
  const path = new URL(input).pathname.replace(/\/consultadtelote\/.*/, '/consultadtelote/:codigoLote');
  try {
    const res = await keepAliveFetch(input, init);
    metrics.mhRequestSeconds.observe((performance.now() - started) / 1000, { path, outcome: String(res.status) });
    return res;
  } catch (err) {
    metrics.mhRequestSeconds.observe((performance.now() - started) / 1000, {
      path,
      outcome: (err as Error).name === 'TimeoutError' ? 'timeout' : 'error',
    });
    throw err;
  }
}

/** Test (00) and production (01) are separate MH hosts with separate credentials: route each call by its credential. */
function routeByAmbiente(c: Record<'00' | '01', MhClient>): MhApi {
  return {
    authenticate: (cred, force) => c[cred.ambiente].authenticate(cred, force),
    recepcionDte: (cred, req) => c[cred.ambiente].recepcionDte(cred, req),
    consultaDte: (cred, req) => c[cred.ambiente].consultaDte(cred, req),
    recepcionLote: (cred, req) => c[cred.ambiente].recepcionLote(cred, req),
    consultaLote: (cred, codigoLote) => c[cred.ambiente].consultaLote(cred, codigoLote),
    anularDte: (cred, req) => c[cred.ambiente].anularDte(cred, req),
    contingencia: (cred, req) => c[cred.ambiente].contingencia(cred, req),
  };
}
