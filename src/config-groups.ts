/** The groups of settings read with checks of their own: TLS, MH, notifications, CORS, SIGMA, GraphQL. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config-type.js';
import { ConfigError, bool, type Env, int, str } from './config-parse.js';
import { parseCorsOrigin } from './http/cors-origins.js';
import { DEFAULT_SIGMA_FIELDS, NO_SIGMA_FIELDS, parseSigmaFields } from './modules/sigma/sigma-fields.js';
import type { SigmaFields } from './modules/sigma/sigma-fields.js';

export function tls(env: Env): Config['tls'] {
  const cert = str(env, 'FX_TLS_CERT');
  const key = str(env, 'FX_TLS_KEY');
  const ca = str(env, 'FX_TLS_CA');
  if (!cert && !key && !ca) return null;
  if (!cert || !key || !ca)
    throw new ConfigError('FX_TLS_CERT/FX_TLS_KEY/FX_TLS_CA', 'mTLS needs all three (file paths)');
  return { cert, key, ca };
}

export function notifications(env: Env, nodeEnv: Config['env']): Config['notifications'] {
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

export function trustedDocumentsMode(env: Env): 'allow' | 'enforce' {
  const v = str(env, 'FX_TRUSTED_DOCUMENTS') ?? 'allow';
  if (v !== 'allow' && v !== 'enforce')
    throw new ConfigError('FX_TRUSTED_DOCUMENTS', `must be allow or enforce, got "${v}"`);
  return v;
}

/** FX_CORS_ORIGINS: comma-separated origins (scheme://host[:port], no path), or `*`. */
export function corsOrigins(env: Env): string[] {
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

export function sigma(env: Env): Config['sigma'] {
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
export function mhTarget(env: Env, nodeEnv: Config['env']): Pick<Config['mh'], 'baseUrl' | 'isSandbox'> {
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

export function graphqlConfig(env: Env): Config['graphql'] {
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

export function mhRate(env: Env): number | null {
  const sandbox = (!str(env, 'FX_MH_BASE_URL') || env.FX_MH_SANDBOX === '1') && str(env, 'FX_MH_BASE_URL') !== 'mh';
  // An explicit FX_MH_RATE_PER_SECOND applies to any target; by default only real MH hosts are limited.
  if (str(env, 'FX_MH_RATE_PER_SECOND') === null) return sandbox ? null : 50;
  return int(env, 'FX_MH_RATE_PER_SECOND', 50, 1, 100_000);
}
