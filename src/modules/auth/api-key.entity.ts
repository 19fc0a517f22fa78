import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente } from '../../dte/model.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * Long-lived server-to-server credential. Only a SHA-256 hash and a visible prefix are stored; the raw key is shown
 * once. kind 'tenant' keys act for one tenant on one ambiente (fx_test_ → 00, fx_live_ → 01); kind 'admin' keys manage
 * the platform. A trigger (migration Migration2026112913550005) announces changes on `fx_api_keys` for the in-process
 * key cache.
 */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).nullable().index(),
    kind: p.string().length(10),
    name: p.string().length(100),
    prefix: p.string().length(24),
    hash: p.string().length(64).unique(),
    scopes: p.json<string[]>(),
    ambiente: p.string().length(2).$type<Ambiente>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
