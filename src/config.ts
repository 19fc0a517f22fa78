/** loadConfig, the only reader of process.env: the service's configuration (config-type.ts) from the environment. */
import os from 'node:os';
import path from 'node:path';
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
import type { Config } from './config-type.js';

export { ConfigError } from './config-parse.js';
export type { Config } from './config-type.js';

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
    httpKeepAliveMs: int(env, 'FX_HTTP_KEEP_ALIVE_MS', 65_000, 1_000, 600_000),
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
      nice: int(env, 'FX_WORKER_NICE', 10, 0, 19),
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
