import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let t: TestApp;
let tenantId: string;
beforeAll(async () => {
  t = await startTestApp({
    FX_JWT_PUBLIC_KEY: pub,
    FX_JWT_ISSUER: 'https://sigma.example',
    FX_JWT_AUDIENCE: 'facturaxpress',
  });
  ({ tenantId } = await provisionTenant(t));
});
afterAll(async () => t?.close());

async function token(
  claims: Record<string, unknown>,
  opts: { iss?: string; aud?: string; exp?: string | number } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('user-1')
    .setIssuer(opts.iss ?? 'https://sigma.example')
    .setAudience(opts.aud ?? 'facturaxpress')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(await importPKCS8(priv, 'RS256'));
}

const ME = '{ me { kind subject scopes tenant { id } } }';

describe('end-user JWTs (SIGMA frontends)', () => {
  it('takes tenant and roles from the claims', async () => {
    const r = await t.gql(
      ME,
      {},
      { authorization: `Bearer ${await token({ tenant_id: tenantId, roles: ['viewer'] })}` },
    );
    expect(r.body.data.me).toMatchObject({ kind: 'user', subject: 'user-1', tenant: { id: tenantId } });
    expect(r.body.data.me.scopes).toContain('invoices:read');
    expect(r.body.data.me.scopes).not.toContain('invoices:emit');
  });

  it.each([
    ['expired', { tenant_id: 'T', roles: ['viewer'] }, { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['wrong issuer', { tenant_id: 'T', roles: ['viewer'] }, { iss: 'https://evil.example' }],
    ['wrong audience', { tenant_id: 'T', roles: ['viewer'] }, { aud: 'other' }],
    ['no tenant claim', { roles: ['viewer'] }, {}],
  ])('refuses a token: %s', async (_name, claims, opts) => {
    const c = { ...claims } as Record<string, unknown>;
    if (c.tenant_id === 'T') c.tenant_id = tenantId;
    const r = await t.gql(ME, {}, { authorization: `Bearer ${await token(c, opts)}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await new SignJWT({ tenant_id: tenantId, roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://sigma.example')
      .setAudience('facturaxpress')
      .setExpirationTime('5m')
      .sign(other);
    expect((await t.gql(ME, {}, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});

describe('token lifetime and claims', () => {
  const sign = async (claims: Record<string, unknown>, build: (j: SignJWT) => SignJWT) =>
    build(
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('user-1')
        .setIssuer('https://sigma.example')
        .setAudience('facturaxpress'),
    ).sign(await importPKCS8(priv, 'RS256'));

  it('refuses a token without exp (it would be valid forever)', async () => {
    const jwt = await sign({ tenant_id: tenantId, roles: ['viewer'] }, (j) => j.setIssuedAt());
    const r = await t.gql(ME, {}, { authorization: `Bearer ${jwt}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0]).toMatchObject({
      message: expect.stringContaining('"exp" claim is required'),
      extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) },
    });
  });

  it('refuses a token whose lifetime exceeds FX_JWT_MAX_LIFETIME_S (default 24 h)', async () => {
    const long = await sign({ tenant_id: tenantId, roles: ['viewer'] }, (j) =>
      j.setIssuedAt().setExpirationTime('30d'),
    );
    const r = await t.gql(ME, {}, { authorization: `Bearer ${long}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].message).toMatch(/lifetime exceeds the maximum of 86400 s/);
    const noIat = await sign({ tenant_id: tenantId, roles: ['viewer'] }, (j) => j.setExpirationTime('30d'));
    expect((await t.gql(ME, {}, { authorization: `Bearer ${noIat}` })).status).toBe(401);
    const fine = await sign({ tenant_id: tenantId, roles: ['viewer'] }, (j) =>
      j.setIssuedAt().setExpirationTime('23h'),
    );
    expect((await t.gql(ME, {}, { authorization: `Bearer ${fine}` })).body.data.me.kind).toBe('user');
  });

  it('roles named after Object.prototype members grant nothing and break nothing', async () => {
    const jwt = await token({ tenant_id: tenantId, roles: ['__proto__', 'constructor', 'toString', 7, { a: 1 }] });
    const r = await t.gql('{ me { kind scopes } }', {}, { authorization: `Bearer ${jwt}` });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.me).toEqual({ kind: 'user', scopes: [] });
  });
});

describe('credentials that are neither a key nor a token', () => {
  it.each([
    ['not-a-key', /malformed credential: expected an API key .* or a JWT/],
    ['fx_test_short', /malformed API key/],
  ])('%s gets a message that says what is wrong', async (cred, message) => {
    const r = await t.gql(ME, {}, { 'x-api-key': cred });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].message).toMatch(message);
    expect(r.body.errors[0].message).not.toMatch(/not configured/);
    expect(r.body.errors[0].extensions.requestId).toEqual(expect.any(String));
  });
});
