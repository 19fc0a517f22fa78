import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError, type FieldIssue } from '../../core/errors.js';
import { UNSCOPED, isUuid, requireAdmin } from '../../core/guards.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { generateApiKey } from './api-key.crypto.js';
import { ApiKey } from './api-key.entity.js';
import { ADMIN_SCOPE, DEFAULT_TENANT_SCOPES, unknownScopes } from './scopes.js';
import { raise } from '../../core/result.js';
import { tenantNotFound } from '../tenants/tenant.errors.js';

export interface CreateApiKeyInput {
  /** Absent → a platform admin key. */
  tenantId?: string | null;
  name: string;
  scopes?: string[] | null;
  /** '00' → fx_test_ key, '01' → fx_live_ key (the tenant must be enabled for production). */
  ambiente?: '00' | '01' | null;
  expiresAt?: Date | null;
}

export interface CreatedApiKey {
  key: ApiKey;
  /** The raw key, shown once and never stored. */
  secret: string;
}

export async function createApiKey(ctx: Context, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  requireAdmin(ctx);
  const em = ctx.em.fork();
  const issues: FieldIssue[] = [];
  if (!input.name?.trim() || input.name.length > 100)
    issues.push({ path: 'name', code: 'INVALID_LENGTH', message: 'must have 1–100 characters' });
  if (input.expiresAt && input.expiresAt.getTime() <= ctx.clock.now().getTime())
    issues.push({ path: 'expiresAt', code: 'IN_THE_PAST', message: 'must be in the future' });
  let tenant: Tenant | null = null;
  if (input.tenantId) {
    tenant = await em.findOne(Tenant, { id: input.tenantId }, UNSCOPED);
    if (!tenant) raise(tenantNotFound(input.tenantId));
    const unknown = unknownScopes(input.scopes ?? []);
    if (unknown.length)
      throw new AppError(
        ErrorCode.UNKNOWN_SCOPE,
        `unknown scopes: ${unknown.join(', ')}`,
        unknown.map((s) => ({ path: 'scopes', code: 'UNKNOWN_SCOPE', message: `"${s}" is not a scope` })),
      );
    if (input.ambiente === '01' && tenant.ambiente !== '01')
      issues.push({
        path: 'ambiente',
        code: 'AMBIENTE_NOT_ENABLED',
        message: 'the tenant is not enabled for production (ambiente 01)',
      });
  } else if (input.scopes?.some((s) => s !== ADMIN_SCOPE)) {
    throw new AppError(ErrorCode.UNKNOWN_SCOPE, `admin keys only hold ${ADMIN_SCOPE}`, [
      { path: 'scopes', code: 'UNKNOWN_SCOPE', message: `admin keys only hold ${ADMIN_SCOPE}` },
    ]);
  }
  if (issues.length) throw new ValidationError(issues);
  const ambiente = tenant ? (input.ambiente ?? '00') : null;
  const gen = generateApiKey(!tenant ? 'admin' : ambiente === '01' ? 'live' : 'test');
  const key = em.create(ApiKey, {
    tenant,
    kind: tenant ? 'tenant' : 'admin',
    name: input.name.trim(),
    prefix: gen.prefix,
    hash: gen.hash,
    scopes: tenant ? (input.scopes?.length ? [...new Set(input.scopes)] : DEFAULT_TENANT_SCOPES) : [ADMIN_SCOPE],
    ambiente,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
  });
  await em.flush();
  return { key, secret: gen.raw };
}

export async function revokeApiKey(ctx: Context, id: string): Promise<ApiKey> {
  requireAdmin(ctx);
  if (!isUuid(id))
    throw new AppError(ErrorCode.NOT_FOUND, `"${id}" is not an API key id (a UUID, as key:list or apiKeys shows)`, [
      { path: 'id', code: 'INVALID_ID', message: 'must be an API key id (UUID)' },
    ]);
  const em = ctx.em.fork();
  const key = await em.findOne(ApiKey, { id }, UNSCOPED);
  if (!key)
    throw new AppError(ErrorCode.NOT_FOUND, `API key ${id} not found`, [
      { path: 'id', code: 'NOT_FOUND', message: 'no such API key' },
    ]);
  key.revokedAt ??= ctx.clock.now();
  await em.flush();
  return key;
}

export async function listApiKeys(ctx: Context, tenantId?: string | null): Promise<ApiKey[]> {
  requireAdmin(ctx);
  return ctx.em.find(ApiKey, tenantId ? { tenant: tenantId } : {}, { ...UNSCOPED, orderBy: { createdAt: 'asc' } });
}
