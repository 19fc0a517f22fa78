import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tenantInput, validNit, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = { 'x-api-key': t.adminKey };
});
afterAll(async () => t?.close());

const CREATE = `mutation($i: CreateTenantInput!) { createTenant(input: $i) { __typename
  ... on Tenant { id nit nrc ambiente establecimientos { codEstableMH tipoEstablecimiento puntosVenta { codPuntoVentaMH
    } } }
  ... on UserError { code message issues { path code message } } } }`;
const count = async () => (await t.gql('{ tenants { id } }', {}, admin)).body.data.tenants.length;

describe('createTenant', () => {
  it('creates a tenant with a default establishment M001/P001, normalising NIT and NRC', async () => {
    const nit = validNit();
    const hyphenated = `${nit.slice(0, 4)}-${nit.slice(4, 10)}-${nit.slice(10, 13)}-${nit.slice(13)}`;
    const r = await t.gql(CREATE, { i: { ...tenantInput(), nit: hyphenated, nrc: '234567-8' } }, admin);
    expect(r.body.data.createTenant).toMatchObject({
      __typename: 'Tenant',
      nit,
      nrc: '2345678',
      ambiente: '00',
      establecimientos: [
        { codEstableMH: 'M001', tipoEstablecimiento: '02', puntosVenta: [{ codPuntoVentaMH: 'P001' }] },
      ],
    });
  });

  it('accepts a 9-digit DUI as the NIT of a natural person', async () => {
    const r = await t.gql(CREATE, { i: tenantInput('123456784') }, admin);
    expect(r.body.data.createTenant.__typename).toBe('Tenant');
  });

  it.each([
    ['nit', { nit: '0614-180948-001-5' }, 'INVALID_NIT_CHECK_DIGIT'],
    ['nit', { nit: '12345' }, 'INVALID_NIT_FORMAT'],
    ['nrc', { nrc: 'ABC' }, 'INVALID_NRC_FORMAT'],
    ['codActividad', { codActividad: '99999' }, 'UNKNOWN_ACTIVIDAD'],
    [
      'direccion.municipio',
      { direccion: { departamento: '06', municipio: '99', distrito: '14', complemento: 'x' } },
      'UNKNOWN_MUNICIPIO',
    ],
    [
      'direccion.distrito',
      { direccion: { departamento: '06', municipio: '20', distrito: '14', complemento: 'x' } },
      'DISTRITO_NOT_IN_MUNICIPIO',
    ],
    ['correo', { correo: 'not-an-email' }, 'INVALID_EMAIL'],
    [
      'establecimientos[0].codEstableMH',
      { establecimientos: [{ codEstableMH: '0001', puntosVenta: [{ codPuntoVentaMH: 'P001' }] }] },
      'INVALID_COD_ESTABLE_MH',
    ],
  ])('refuses a bad %s with a typed error naming it, writing nothing', async (path, patch, code) => {
    const before = await count();
    const r = await t.gql(CREATE, { i: { ...tenantInput(), ...patch } }, admin);
    const res = r.body.data.createTenant;
    expect(res.__typename).toBe('ValidationFailed');
    expect(res.code).toBe('VALIDATION_FAILED');
    expect(res.issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate NIT with DuplicateTenantNit', async () => {
    const i = tenantInput();
    await t.gql(CREATE, { i }, admin);
    const before = await count();
    const r = await t.gql(CREATE, { i: { ...i, nombre: 'Otra' } }, admin);
    expect(r.body.data.createTenant).toMatchObject({
      __typename: 'DuplicateTenantNit',
      code: 'DUPLICATE_TENANT_NIT',
      issues: [{ path: 'nit' }],
    });
    expect(await count()).toBe(before);
  });
});

describe('updateTenant and keys', () => {
  it('updates fields and validates them', async () => {
    const c = await t.gql(CREATE, { i: tenantInput() }, admin);
    const id = c.body.data.createTenant.id;
    const U =
      `mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: $i) { ` +
      `__typename ... on Tenant { nombre telefono } ... on UserError { issues { path code } } } }`;
    const ok = await t.gql(U, { id, i: { nombre: 'Nuevo Nombre', telefono: '25556666' } }, admin);
    expect(ok.body.data.updateTenant).toEqual({ __typename: 'Tenant', nombre: 'Nuevo Nombre', telefono: '25556666' });
    const bad = await t.gql(U, { id, i: { nrc: 'x' } }, admin);
    expect(bad.body.data.updateTenant.issues).toEqual([{ path: 'nrc', code: 'INVALID_NRC_FORMAT' }]);
    const missing = await t.gql(U, { id: '00000000-0000-4000-8000-000000000000', i: { nombre: 'x' } }, admin);
    expect(missing.body.data.updateTenant.__typename).toBe('NotFound');
  });

  it('refuses unknown scopes and a live key for a test-only tenant', async () => {
    const c = await t.gql(CREATE, { i: tenantInput() }, admin);
    const tenantId = c.body.data.createTenant.id;
    const K =
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ` +
      `__typename ... on UserError { code issues { path code } } } }`;
    const unknown = await t.gql(K, { i: { tenantId, name: 'k', scopes: ['invoices:read', 'launch:rockets'] } }, admin);
    expect(unknown.body.data.createApiKey).toMatchObject({
      __typename: 'UnknownScope',
      code: 'UNKNOWN_SCOPE',
      issues: [{ path: 'scopes' }],
    });
    const live = await t.gql(K, { i: { tenantId, name: 'k', ambiente: '01' } }, admin);
    expect(live.body.data.createApiKey.issues).toEqual([{ path: 'ambiente', code: 'AMBIENTE_NOT_ENABLED' }]);
    const keys = await t.gql('query($t: ID) { apiKeys(tenantId: $t) { id } }', { t: tenantId }, admin);
    expect(keys.body.data.apiKeys).toHaveLength(0);
  });

  it('issues fx_live_ keys acting on ambiente 01 for a production tenant, with restricted scopes', async () => {
    const c = await t.gql(CREATE, { i: { ...tenantInput(), ambiente: '01' } }, admin);
    const tenantId = c.body.data.createTenant.id;
    const k = await t.gql(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... ` +
        `on CreatedApiKey { secret key { ambiente scopes tenantId } } } }`,
      { i: { tenantId, name: 'live', ambiente: '01', scopes: ['invoices:read'] } },
      admin,
    );
    const { secret, key } = k.body.data.createApiKey;
    expect(secret).toMatch(/^fx_live_/);
    expect(key).toEqual({ ambiente: '01', scopes: ['invoices:read'], tenantId });
    const me = await t.gql('{ me { ambiente scopes } }', {}, { 'x-api-key': secret });
    expect(me.body.data.me).toEqual({ ambiente: '01', scopes: ['invoices:read'] });
  });
});
