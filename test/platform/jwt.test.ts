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
  t = await startTestApp({ FX_JWT_PUBLIC_KEY: pub, FX_JWT_ISSUER: 'https://sigma.example', FX_JWT_AUDIENCE: 'facturaxpress' });
  ({ tenantId } = await provisionTenant(t));
});
afterAll(async () => t?.close());

async function token(claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: string | number } = {}) {
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
    const r = await t.gql(ME, {}, { authorization: `Bearer ${await token({ tenant_id: tenantId, roles: ['viewer'] })}` });
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
    const forged = await new SignJWT({ tenant_id: tenantId, roles: ['admin'] }).setProtectedHeader({ alg: 'RS256' }).setIssuer('https://sigma.example').setAudience('facturaxpress').setExpirationTime('5m').sign(other);
    expect((await t.gql(ME, {}, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});
