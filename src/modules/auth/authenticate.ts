import type { EntityManager } from '@mikro-orm/postgresql';
import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import type { Config } from '../../config.js';
import type { Actor, Ambiente } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import { UNSCOPED } from '../../core/guards.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { hashApiKey, looksLikeApiKey, safeEqualHex } from './api-key.crypto.js';
import type { ApiKeyCache, CachedApiKey } from './api-key-cache.js';
import { ApiKey } from './api-key.entity.js';
import { ADMIN_SCOPE, ROLE_SCOPES } from './scopes.js';

export type Headers = Record<string, string | string[] | undefined>;
/** last_used_at is written at most once a minute per key, so reads don't turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface Authenticator {
  /** Called on every HTTP request and graphql-ws operation: API keys come from an in-process cache (no query). */
  authenticate(headers: Headers): Promise<Actor>;
}

function header(h: Headers, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function credentialOf(h: Headers): string | null {
  const key = header(h, 'x-api-key');
  if (key) return key.trim();
  const auth = header(h, 'authorization');
  const m = auth?.match(/^Bearer\s+(.+)$/i);
  return m ? m[1]!.trim() : null;
}

const unauthenticated = (why: string) => new AppError(ErrorCode.UNAUTHENTICATED, why);

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A credential that is neither an API key nor a JWT is named as such, whatever the JWT configuration. */
function shapedAsJwt(cred: string): string {
  if (JWT_SHAPE.test(cred)) return cred;
  if (/^fx_/i.test(cred))
    throw unauthenticated('malformed API key: expected fx_test_, fx_live_ or fx_admin_ followed by the key as issued');
  throw unauthenticated(
    'malformed credential: expected an API key (fx_test_…, fx_live_…) or a JWT (header.payload.signature)',
  );
}

/** A token must expire (`exp`), and within the configured maximum lifetime from its issue (or from now). */
function checkLifetime(payload: JWTPayload, now: Date, maxSeconds: number): void {
  if (typeof payload.exp !== 'number') throw unauthenticated('invalid token: the "exp" claim is required');
  const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(now.getTime() / 1000);
  if (payload.exp - from > maxSeconds)
    throw unauthenticated(`invalid token: its lifetime exceeds the maximum of ${maxSeconds} s (FX_JWT_MAX_LIFETIME_S)`);
}

/** The key as authentication needs it: from the cache, or loaded once and cached (null: no such key). */
async function loadKey(em: EntityManager, cache: ApiKeyCache | undefined, hash: string): Promise<CachedApiKey | null> {
  const load = async (): Promise<CachedApiKey | null> => {
    const key = await em.fork().findOne(ApiKey, { hash }, UNSCOPED);
    if (!key) return null;
    return {
      id: key.id,
      kind: key.kind,
      tenantId: key.tenant?.id ?? null,
      ambiente: key.ambiente ?? null,
      scopes: key.scopes,
      expiresAt: key.expiresAt ?? null,
      revokedAt: key.revokedAt ?? null,
      lastUsedAt: key.lastUsedAt ?? null,
    };
  };
  return cache ? cache.get(hash, load) : load();
}

export function createAuthenticator(deps: {
  em: EntityManager;
  config: Config;
  clock: Clock;
  cache?: ApiKeyCache;
}): Authenticator {
  const adminHash = deps.config.adminKey ? hashApiKey(deps.config.adminKey) : null;
  let jwtKey: Promise<CryptoKey | JWTVerifyGetKey> | null = null;
  const jwtCfg = deps.config.jwt;
  if (jwtCfg.jwksUrl) jwtKey = Promise.resolve(createRemoteJWKSet(new URL(jwtCfg.jwksUrl)));
  else if (jwtCfg.publicKeyPem)
    jwtKey = importSPKI(jwtCfg.publicKeyPem, 'RS256').catch(() => importSPKI(jwtCfg.publicKeyPem!, 'ES256'));

  async function fromApiKey(raw: string): Promise<Actor> {
    const hash = hashApiKey(raw);
    if (adminHash && safeEqualHex(hash, adminHash)) return { kind: 'admin', keyId: null, scopes: [ADMIN_SCOPE] };
    const key = await loadKey(deps.em, deps.cache, hash);
    const now = deps.clock.now();
    if (!key) throw unauthenticated('unknown API key');
    if (key.revokedAt) throw unauthenticated('this API key has been revoked');
    if (key.expiresAt && key.expiresAt <= now) throw unauthenticated('this API key has expired');
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      key.lastUsedAt = now; // the cached entry too: the next write is a minute away
      await deps.em.fork().nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now }, UNSCOPED);
    }
    if (key.kind === 'admin') return { kind: 'admin', keyId: key.id, scopes: [ADMIN_SCOPE] };
    const ambiente = key.ambiente ?? '00';
    return { kind: 'apiKey', keyId: key.id, tenantId: key.tenantId!, ambiente, scopes: key.scopes };
  }

  async function fromJwt(token: string): Promise<Actor> {
    if (!jwtKey) throw unauthenticated('JWT authentication is not configured (FX_JWT_JWKS_URL or FX_JWT_PUBLIC_KEY)');
    let payload: JWTPayload;
    try {
      const key = await jwtKey;
      const opts = {
        issuer: jwtCfg.issuer ?? undefined,
        audience: jwtCfg.audience ?? undefined,
        currentDate: deps.clock.now(),
      };
      payload = (typeof key === 'function' ? await jwtVerify(token, key, opts) : await jwtVerify(token, key, opts))
        .payload;
    } catch (err) {
      throw unauthenticated(`invalid token: ${(err as Error).message}`);
    }
    checkLifetime(payload, deps.clock.now(), jwtCfg.maxLifetimeSeconds);
    const tenantId = (payload.tenant_id ?? payload.tid) as string | undefined;
    if (!tenantId || typeof tenantId !== 'string') throw unauthenticated('the token carries no tenant_id claim');
    const tenant = await deps.em
      .fork()
      .findOne(Tenant, { id: tenantId }, UNSCOPED)
      .catch(() => null);
    if (!tenant) throw unauthenticated('the token names an unknown tenant');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    const scopes = [...new Set(roles.flatMap((r) => (Object.hasOwn(ROLE_SCOPES, r) ? ROLE_SCOPES[r]! : [])))];
    const ambiente: Ambiente = payload.ambiente === '01' && tenant.ambiente === '01' ? '01' : '00';
    return { kind: 'user', subject: String(payload.sub ?? ''), tenantId, ambiente, scopes, roles };
  }

  return {
    async authenticate(headers) {
      const cred = credentialOf(headers);
      if (!cred) return { kind: 'anonymous' };
      const actor =
        looksLikeApiKey(cred) || (adminHash && safeEqualHex(hashApiKey(cred), adminHash))
          ? await fromApiKey(cred)
          : await fromJwt(shapedAsJwt(cred));
      const claimed = header(headers, 'x-tenant-id');
      if (claimed && (actor.kind === 'apiKey' || actor.kind === 'user') && claimed !== actor.tenantId) {
        throw new AppError(ErrorCode.TENANT_MISMATCH, "x-tenant-id does not match the credential's tenant");
      }
      return actor;
    },
  };
}
