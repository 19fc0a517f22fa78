/** The service's configuration: its type, and loadConfig, which reads it from the environment. */
import os from 'node:os';
import path from 'node:path';
import type { QueryLimits } from './graphql/query-limits.js';
import {
  corsOrigins,
  graphqlConfig,
  mhRate,
  mhTarget,
  notifications,
  sigma,
  tls,
  trustedDocumentsMode,
} from './config-groups.js';
import { ConfigError, bool, type Env, int, str } from './config-parse.js';
import type { SigmaFields } from './modules/sigma/sigma-fields.js';

export { ConfigError } from './config-parse.js';

/**
 * The only reader of process.env. Everything else receives a typed, validated Config.
 * Defaults are safe for a developer laptop: embedded PostgreSQL under ./.data, loopback only, the in-process MH
 * sandbox.
 */
export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** External PostgreSQL; when absent, an embedded server is started with its data under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: string;
  adminKey: string | null;
  /**
   * 32-byte key that encrypts private keys and MH passwords at rest (base64 or hex). Generated under dataDir when
   * absent outside production.
   */
  masterKey: string | null;
  jwt: {
    jwksUrl: string | null;
    publicKeyPem: string | null;
    issuer: string | null;
    audience: string | null;
    /** Longest accepted token lifetime (exp − iat); tokens without exp are refused. */
    maxLifetimeSeconds: number;
  };
  tls: { cert: string; key: string; ca: string } | null;
  mh: {
    /**
     * Where MH is: null → the project's in-process MH sandbox; a URL → that host for both ambientes (e.g. a standalone
     * `npm run mh-sandbox`); the word `mh` → MH's real hosts, chosen per document by its ambiente (00 → apitest, 01 →
     * api).
     */
    baseUrl: string | null;
    /** The base URL is a FacturaXpress MH sandbox (credentials are registered with it over its control API). */
    isSandbox: boolean;
    /**
     * The in-process sandbox runs in a worker thread of its own (FX_MH_SANDBOX_THREAD), so its work never delays the
     * API's requests. Default: on, except in tests (whose sandbox stays on the test's thread).
     */
    sandboxThread: boolean;
    userAgent: string;
    timeoutMs: number;
  };
  worker: {
    enabled: boolean;
    api: boolean;
    concurrency: number;
    perTenantConcurrency: number;
    /**
     * Requests per second toward MH, per process: a property of the target. MH's hosts publish no limit, so a
     * conservative configurable one applies to them; a FacturaXpress MH sandbox (in-process or standalone) has none.
     */
    ratePerSecond: number | null;
    leaseMs: number;
  };
  pipeline: { maxSends: number; unreachableBeforeContingency: number; contingencyProbeMs: number; lotePollMs: number };
  /**
   * `npm start` processes on this machine (FX_PROCESSES): 1 runs everything in one process; N ≥ 2 runs N − 1 API
   * processes and one worker process on the one database (src/cluster.ts). Default: 2 on a machine with 2+ cores.
   */
  processes: number;
  /** The job table keeps finished jobs only this long (the documents' history lives elsewhere). */
  jobs: { failedRetentionMs: number; pruneEveryMs: number };
  publicUrl: string;
  /**
   * Browser origins allowed to call GraphQL, REST and the supergraph gateway (CORS), e.g. `https://app.sigma.example`.
   * Empty: no cross-origin browser access (same-origin and server-to-server calls are unaffected). `*` allows any
   * origin.
   */
  corsOrigins: string[];
  /** `enforce`: API-key clients may run only the persisted operations of the manifest (schema/operations). */
  trustedDocuments: 'allow' | 'enforce';
  /** Notifications: webhooks, document links, e-mail to the receptor, deadline warnings. */
  notifications: {
    /** SMTP_URL (nodemailer URL); null → mail is written as .eml files to mailOutboxDir and the status says so. */
    smtpUrl: string | null;
    mailFrom: string;
    mailOutboxDir: string;
    /** Deliver webhooks to private/loopback addresses (default: everywhere except production). */
    webhookAllowPrivate: boolean;
    /** Success = a 2xx within this time (15 s). */
    webhookTimeoutMs: number;
    /** Lifetime of pdfUrl / jsonUrl links. */
    documentLinkTtlSeconds: number;
    /** dte.deadline.warning fires this long before a contingency / transmission / invalidation deadline. */
    deadlineWarningMs: number;
    deadlineScanMs: number;
  };
  /** SIGMA's side of the graph: the fields read through federation, and the server-to-server lookup for emission. */
  sigma: {
    /** FX_SIGMA_FIELDS: SIGMA's Patient/Service fields declared @external (default: the demo SIGMA subgraph's). */
    fields: SigmaFields;
    /** FX_SIGMA_URL: SIGMA's subgraph endpoint; emission by patientId then reads the patient from SIGMA. */
    url: string | null;
    /** FX_SIGMA_TOKEN: FacturaXpress's own credential at SIGMA (sent as Authorization: Bearer). */
    token: string | null;
    timeoutMs: number;
  };
  /** `npm run supergraph`: the gateway's and the demo SIGMA subgraph's ports (FacturaXpress keeps PORT). */
  supergraph: { gatewayPort: number; sigmaPort: number };
  /** Bearer token for GET /metrics; without one, /metrics is closed in production and open elsewhere. */
  metricsToken: string | null;
  /** GraphQL limits (measured before any other work) and the WebSocket credential re-check. */
  graphql: {
    limits: QueryLimits;
    /** Open graphql-ws sockets re-check their credential this often (revoked/expired keys are closed with 4403). */
    wsRecheckMs: number;
  };
}

/** Set in the environment of a process started by a primary (npm start's children, the bench's worker process). */
export const SERVICE_CHILD_ENV = 'FX_SERVICE_CHILD';

/** Whether this process's environment says a primary started it. */
export function startedByPrimary(env: Env = process.env): boolean {
  return env[SERVICE_CHILD_ENV] === '1';
}

/** The environment of a child process a primary starts: this process's, with `extra` and the child's mark. */
export function serviceChildEnv(extra: Record<string, string>, env: Env = process.env): Env {
  return { ...env, ...extra, [SERVICE_CHILD_ENV]: '1' };
}

export function loadConfig(env: Env = process.env, argv: string[] = process.argv.slice(2)): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const host = str(env, 'HOST') ?? '127.0.0.1';
  const port = int(env, 'PORT', 4001, 0, 65535);
  const workerOnly = argv.includes('--worker-only');
  const apiOnly = argv.includes('--api-only') || env.FX_WORKER === '0';
  const masterKey = str(env, 'FX_MASTER_KEY');
  if (nodeEnv === 'production' && !masterKey) throw new ConfigError('FX_MASTER_KEY', 'is required in production');
  const tlsCfg = tls(env);
  return {
    env: nodeEnv,
    host,
    port,
    databaseUrl: str(env, 'DATABASE_URL'),
    dataDir: path.resolve(str(env, 'FX_DATA_DIR') ?? '.data'),
    logLevel: str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    adminKey: str(env, 'FX_ADMIN_KEY'),
    masterKey,
    jwt: {
      jwksUrl: str(env, 'FX_JWT_JWKS_URL'),
      publicKeyPem: str(env, 'FX_JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n') ?? null,
      issuer: str(env, 'FX_JWT_ISSUER'),
      audience: str(env, 'FX_JWT_AUDIENCE'),
      maxLifetimeSeconds: int(env, 'FX_JWT_MAX_LIFETIME_S', 24 * 3600, 60, 366 * 24 * 3600),
    },
    tls: tlsCfg,
    mh: {
      ...mhTarget(env, nodeEnv),
      sandboxThread: bool(env, 'FX_MH_SANDBOX_THREAD', nodeEnv !== 'test'),
      userAgent: str(env, 'FX_MH_USER_AGENT') ?? 'FacturaXpress/0.1',
      timeoutMs: int(env, 'FX_MH_TIMEOUT_MS', 8000, 100, 120_000),
    },
    worker: {
      enabled: !apiOnly,
      api: !workerOnly,
      concurrency: int(env, 'FX_WORKER_CONCURRENCY', 16, 1, 256),
      perTenantConcurrency: int(env, 'FX_WORKER_TENANT_CONCURRENCY', 8, 1, 256),
      ratePerSecond: mhRate(env),
      leaseMs: int(env, 'FX_JOB_LEASE_MS', 60_000, 1000, 3_600_000),
    },
    pipeline: {
      maxSends: 3, // MH: the first transmission and at most 2 resends
      unreachableBeforeContingency: int(env, 'FX_UNREACHABLE_BEFORE_CONTINGENCY', 3, 1, 100),
      contingencyProbeMs: int(env, 'FX_CONTINGENCY_PROBE_MS', 60_000, 100, 15 * 60_000),
      lotePollMs: int(env, 'FX_LOTE_POLL_MS', 3_000, 50, 600_000),
    },
    jobs: {
      failedRetentionMs: int(env, 'FX_FAILED_JOB_RETENTION_DAYS', 30, 0, 3650) * 86_400_000,
      pruneEveryMs: int(env, 'FX_JOB_PRUNE_MS', 10 * 60_000, 50, 24 * 3_600_000),
    },
    processes: int(env, 'FX_PROCESSES', os.availableParallelism() >= 2 ? 2 : 1, 1, 64),
    publicUrl: str(env, 'FX_PUBLIC_URL') ?? `${tlsCfg ? 'https' : 'http'}://${host}:${port}`,
    trustedDocuments: trustedDocumentsMode(env),
    corsOrigins: corsOrigins(env),
    notifications: notifications(env, nodeEnv),
    sigma: sigma(env),
    supergraph: {
      gatewayPort: int(env, 'FX_GATEWAY_PORT', 4000, 0, 65535),
      sigmaPort: int(env, 'FX_SIGMA_PORT', 4002, 0, 65535),
    },
    graphql: graphqlConfig(env),
    metricsToken: str(env, 'FX_METRICS_TOKEN'),
  };
}
