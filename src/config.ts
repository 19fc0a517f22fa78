import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueryLimits } from './graphql/query-limits.js';
import { parseCorsOrigin } from './http/cors-origins.js';
import { DEFAULT_SIGMA_FIELDS, NO_SIGMA_FIELDS, parseSigmaFields } from './modules/sigma/sigma-fields.js';
import type { SigmaFields } from './modules/sigma/sigma-fields.js';

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

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  return n;
}

function str(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function tls(env: Env): Config['tls'] {
  const cert = str(env, 'FX_TLS_CERT');
  const key = str(env, 'FX_TLS_KEY');
  const ca = str(env, 'FX_TLS_CA');
  if (!cert && !key && !ca) return null;
  if (!cert || !key || !ca)
    throw new ConfigError('FX_TLS_CERT/FX_TLS_KEY/FX_TLS_CA', 'mTLS needs all three (file paths)');
  return { cert, key, ca };
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === null) return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true/false (1/0), got "${raw}"`);
}

function notifications(env: Env, nodeEnv: Config['env']): Config['notifications'] {
  const dataDir = path.resolve(str(env, 'FX_DATA_DIR') ?? '.data');
  return {
    smtpUrl: str(env, 'SMTP_URL'),
    mailFrom: str(env, 'FX_MAIL_FROM') ?? 'FacturaXpress <no-reply@facturaxpress.local>',
    mailOutboxDir: path.resolve(str(env, 'FX_MAIL_OUTBOX_DIR') ?? path.join(dataDir, 'mail-outbox')),
    webhookAllowPrivate: bool(env, 'FX_WEBHOOK_ALLOW_PRIVATE', nodeEnv !== 'production'),
    webhookTimeoutMs: int(env, 'FX_WEBHOOK_TIMEOUT_MS', 15_000, 100, 60_000),
    documentLinkTtlSeconds: int(env, 'FX_DOCUMENT_LINK_TTL_S', 7 * 24 * 3600, 1, 366 * 24 * 3600),
    deadlineWarningMs: int(env, 'FX_DEADLINE_WARNING_MS', 6 * 3_600_000, 0, 30 * 24 * 3_600_000),
    deadlineScanMs: int(env, 'FX_DEADLINE_SCAN_MS', 5 * 60_000, 50, 24 * 3_600_000),
  };
}

function trustedDocumentsMode(env: Env): 'allow' | 'enforce' {
  const v = str(env, 'FX_TRUSTED_DOCUMENTS') ?? 'allow';
  if (v !== 'allow' && v !== 'enforce')
    throw new ConfigError('FX_TRUSTED_DOCUMENTS', `must be allow or enforce, got "${v}"`);
  return v;
}

/** FX_CORS_ORIGINS: comma-separated origins (scheme://host[:port], no path), or `*`. */
function corsOrigins(env: Env): string[] {
  const items = (str(env, 'FX_CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return items.map((item) => {
    const parsed = parseCorsOrigin(item);
    if ('error' in parsed) throw new ConfigError('FX_CORS_ORIGINS', parsed.error);
    return parsed.origin;
  });
}

/** FX_SIGMA_FIELDS: unset → the demo SIGMA's fields; `none` → no SIGMA field; JSON inline or a path to a JSON file. */
function sigmaFields(env: Env): SigmaFields {
  const raw = str(env, 'FX_SIGMA_FIELDS');
  if (raw === null) return DEFAULT_SIGMA_FIELDS;
  if (raw === 'none') return NO_SIGMA_FIELDS;
  try {
    return parseSigmaFields(raw.startsWith('{') ? raw : readFileSync(raw, 'utf8'));
  } catch (e) {
    throw new ConfigError('FX_SIGMA_FIELDS', (e as Error).message);
  }
}

function sigma(env: Env): Config['sigma'] {
  const url = str(env, 'FX_SIGMA_URL');
  if (url && !/^https?:\/\/[^\s]+$/.test(url))
    throw new ConfigError('FX_SIGMA_URL', `must be an http(s) URL, got "${url}"`);
  const timeoutMs = int(env, 'FX_SIGMA_TIMEOUT_MS', 5000, 100, 60_000);
  return { fields: sigmaFields(env), url, token: str(env, 'FX_SIGMA_TOKEN'), timeoutMs };
}

/**
 * Where MH is. Outside production an unset FX_MH_BASE_URL means the in-process sandbox; in production the sandbox
 * only runs when asked for by name (FX_MH_BASE_URL=sandbox), so a missing variable can never issue fake sellos.
 */
function mhTarget(env: Env, nodeEnv: Config['env']): Pick<Config['mh'], 'baseUrl' | 'isSandbox'> {
  const raw = str(env, 'FX_MH_BASE_URL');
  if (raw === 'sandbox') return { baseUrl: null, isSandbox: true };
  if (!raw && nodeEnv === 'production') {
    throw new ConfigError(
      'FX_MH_BASE_URL',
      'is required in production: "mh" for MH\'s hosts, a URL, or "sandbox" for the ' +
        'in-process MH sandbox (documents are then marked sandbox, without fiscal validity)',
    );
  }
  if (!raw) return { baseUrl: null, isSandbox: true };
  return { baseUrl: raw, isSandbox: raw !== 'mh' && env.FX_MH_SANDBOX === '1' };
}

function graphqlConfig(env: Env): Config['graphql'] {
  return {
    limits: {
      maxDepth: int(env, 'FX_GRAPHQL_MAX_DEPTH', 12, 1, 100),
      maxCost: int(env, 'FX_GRAPHQL_MAX_COST', 20_000, 1, 10_000_000),
      maxTokens: int(env, 'FX_GRAPHQL_MAX_TOKENS', 5_000, 100, 1_000_000),
      maxAliases: int(env, 'FX_GRAPHQL_MAX_ALIASES', 100, 0, 100_000),
      maxRootFields: int(env, 'FX_GRAPHQL_MAX_ROOT_FIELDS', 30, 1, 10_000),
      maxEntities: int(env, 'FX_GRAPHQL_MAX_ENTITIES', 500, 1, 100_000),
    },
    wsRecheckMs: int(env, 'FX_WS_RECHECK_MS', 5_000, 50, 3_600_000),
  };
}

function mhRate(env: Env): number | null {
  const sandbox = (!str(env, 'FX_MH_BASE_URL') || env.FX_MH_SANDBOX === '1') && str(env, 'FX_MH_BASE_URL') !== 'mh';
  // An explicit FX_MH_RATE_PER_SECOND applies to any target; by default only real MH hosts are limited.
  if (str(env, 'FX_MH_RATE_PER_SECOND') === null) return sandbox ? null : 50;
  return int(env, 'FX_MH_RATE_PER_SECOND', 50, 1, 100_000);
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
