import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const ME = '{ me { kind ambiente scopes tenant { id nit } } }';

describe('API keys', () => {
  it('authenticates with x-api-key and with Authorization: Bearer', async () => {
    const { apiKey, tenantId } = await provisionTenant(t);
    for (const h of [{ 'x-api-key': apiKey }, { authorization: `Bearer ${apiKey}` }] as Record<string, string>[]) {
      const r = await t.gql(ME, {}, h);
      expect(r.status).toBe(200);
      expect(r.body.data.me).toMatchObject({ kind: 'apiKey', ambiente: '00', tenant: { id: tenantId } });
    }
  });

  it('stores only a SHA-256 hash and a prefix, never the raw key', async () => {
    const { apiKey, keyId } = await provisionTenant(t);
    expect(apiKey).toMatch(/^fx_test_[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const c = new pg.Client({ connectionString: t.app.db.url });
    await c.connect();
    const dump = await c.query(`select row_to_json(k)::text as j from api_key k`);
    const row = await c.query(`select hash, prefix from api_key where id = $1`, [keyId]);
    await c.end();
    expect(dump.rows.map((r) => r.j).join('\n')).not.toContain(apiKey.slice(8));
    expect(row.rows[0].hash).toBe(createHash('sha256').update(apiKey).digest('hex'));
    expect(apiKey.startsWith(row.rows[0].prefix)).toBe(true);
  });

  it('refuses a revoked key on the very next request', async () => {
    const { apiKey, keyId } = await provisionTenant(t);
    expect((await t.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    const rev = await t.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on ApiKey { revokedAt } } }`,
      { id: keyId },
      { 'x-api-key': t.adminKey },
    );
    expect(rev.body.data.revokeApiKey.revokedAt).toBeTruthy();
    const r = await t.gql(ME, {}, { 'x-api-key': apiKey });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired key', async () => {
    const { tenantId } = await provisionTenant(t);
    const k = await t.gql(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreatedApiKey { secret key { id } } } }`,
      { i: { tenantId, name: 'short', expiresAt: new Date(Date.now() + 1500).toISOString() } },
      { 'x-api-key': t.adminKey },
    );
    const secret = k.body.data.createApiKey.secret;
    expect((await t.gql(ME, {}, { 'x-api-key': secret })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await t.gql(ME, {}, { 'x-api-key': secret })).status).toBe(401);
  });

  it('records the last-used time', async () => {
    const { apiKey, keyId, tenantId } = await provisionTenant(t);
    await t.gql(ME, {}, { 'x-api-key': apiKey });
    const r = await t.gql(
      `query($t: ID) { apiKeys(tenantId: $t) { id lastUsedAt } }`,
      { t: tenantId },
      { 'x-api-key': t.adminKey },
    );
    expect(r.body.data.apiKeys.find((k: any) => k.id === keyId).lastUsedAt).toBeTruthy();
  });
});

describe('401 / 403', () => {
  it('no credential: 401 UNAUTHENTICATED', async () => {
    const r = await t.gql(ME);
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(r.body.errors[0].extensions.requestId).toBeTruthy();
  });

  it('an unknown key: 401', async () => {
    const r = await t.gql(ME, {}, { 'x-api-key': `fx_test_${'A'.repeat(43)}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('x-tenant-id that disagrees with the credential: 403', async () => {
    const a = await provisionTenant(t);
    const b = await provisionTenant(t);
    const r = await t.gql(ME, {}, { 'x-api-key': a.apiKey, 'x-tenant-id': b.tenantId });
    expect(r.status).toBe(403);
    expect(r.body.errors[0].extensions.code).toBe('TENANT_MISMATCH');
    expect((await t.gql(ME, {}, { 'x-api-key': a.apiKey, 'x-tenant-id': a.tenantId })).status).toBe(200);
  });

  it('a tenant key on an admin mutation: 403 FORBIDDEN', async () => {
    const a = await provisionTenant(t);
    const r = await t.gql(`{ tenants { id } }`, {}, { 'x-api-key': a.apiKey });
    expect(r.status).toBe(403);
    expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('tenant isolation', () => {
  it('tenant A never reads tenant B through _entities', async () => {
    const a = await provisionTenant(t);
    const b = await provisionTenant(t);
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id nit } } }`;
    const reps = [
      { __typename: 'Tenant', id: a.tenantId },
      { __typename: 'Tenant', id: b.tenantId },
    ];
    const r = await t.gql(q, { r: reps }, { 'x-api-key': a.apiKey });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data._entities[0].id).toBe(a.tenantId);
    expect(r.body.data._entities[1]).toBeNull();
    const rb = await t.gql(q, { r: reps }, { 'x-api-key': b.apiKey });
    expect(rb.body.data._entities[0]).toBeNull();
    expect(rb.body.data._entities[1].id).toBe(b.tenantId);
  });

  it("me returns only the caller's tenant and its establishments", async () => {
    const a = await provisionTenant(t);
    const r = await t.gql('{ me { tenant { id establecimientos { codEstableMH } } } }', {}, { 'x-api-key': a.apiKey });
    expect(r.body.data.me.tenant).toEqual({ id: a.tenantId, establecimientos: [{ codEstableMH: 'M001' }] });
  });
});
