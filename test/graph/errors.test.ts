import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { EMIT, example, key, rest } from './graph-helpers.js';

let t: TestApp;
let a: { tenantId: string; apiKey: string };
const METRICS_TOKEN = 'metrics-secret-for-the-scraper';
beforeAll(async () => {
  t = await startTestApp({ FX_METRICS_TOKEN: METRICS_TOKEN });
  a = await provisionTenant(t);
});
afterAll(async () => t?.close());

const restError = (code: string) => ({
  error: { code, message: expect.any(String), issues: expect.any(Array), requestId: expect.any(String) },
});

describe('every error is JSON with a stable code and a request id', () => {
  it('unknown routes', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/facturas'],
    ]) {
      const r = await rest(t, method!, path!, a.apiKey);
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject(restError('NOT_FOUND'));
    }
  });

  it('catalog names that are Object.prototype members, and a malformed percent-encoding', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = await rest(t, 'GET', `/api/catalogos/${name}`, a.apiKey);
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject(restError('NOT_FOUND'));
    }
    const bad = await rest(t, 'GET', '/api/facturas/%E0%A4%A', a.apiKey);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject(restError('VALIDATION_FAILED'));
  });

  it('NUL and lone surrogates in any string are a 400 naming the field, on REST and GraphQL', async () => {
    const body = example('01-factura');
    body.receptor.nombre = 'Juan\u0000Pérez';
    const r1 = await rest(t, 'POST', '/api/facturas', a.apiKey, body);
    expect(r1.status).toBe(400);
    expect(r1.body).toMatchObject(restError('VALIDATION_FAILED'));
    expect(r1.body.error.issues[0]).toMatchObject({ path: 'receptor.nombre', code: 'INVALID_CHARACTER' });

    const raw = JSON.stringify(example('01-factura')).replace(/"referenciaExterna":"/, '"referenciaExterna":"\\ud800');
    const r2 = await rest(t, 'POST', '/api/facturas', a.apiKey, raw);
    expect(r2.status).toBe(400);
    expect(r2.body.error.issues[0]).toMatchObject({
      path: 'referenciaExterna',
      code: 'INVALID_CHARACTER',
      message: expect.stringMatching(/surrogate/),
    });

    const g1 = await t.gql(EMIT, { input: { ...example('01-factura'), referenciaExterna: 'x\u0000' } }, key(a.apiKey));
    expect(g1.status).toBe(400);
    expect(g1.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });

    const g2 = await t.gql('{ invoiceByReference(referenciaExterna: "a\\u0000b") { id } }', {}, key(a.apiKey));
    expect(g2.status).toBe(400);
    expect(g2.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/NUL/),
      extensions: { code: 'VALIDATION_FAILED', requestId: expect.any(String) },
    });

    const q = await rest(t, 'GET', '/api/catalogos/CAT-001?x=%00', a.apiKey);
    expect(q.status).toBe(400);
  });

  it('ids that are not ids, and entity references that name nothing, are never INTERNAL', async () => {
    const queries = [
      '{ invoiceEmailDeliveries(invoiceId: "zzz") { id } }',
      '{ webhookDeliveries(invoiceId: "zzz") { edges { node { id } } } }',
      '{ webhookDeliveries(endpointId: "zzz") { edges { node { id } } } }',
      '{ invoice(id: "zzz") { id } }',
      '{ _entities(representations: [{ __typename: "Invoice", id: "zzz" }]) { ... on Invoice { id } } }',
      '{ _entities(representations: [{ __typename: "Invoice", id: 7 }]) { ... on Invoice { id } } }',
      '{ _entities(representations: [{ __typename: "Invoice" }]) { ... on Invoice { id } } }',
      '{ _entities(representations: [{ __typename: "Nope", id: "1" }]) { __typename } }',
      '{ _entities(representations: [{ id: "1" }]) { __typename } }',
      '{ _entities(representations: ["x"]) { __typename } }',
      '{ _entities(representations: [{ __typename: "Tenant", id: "zzz" }]) { ... on Tenant { nit } } }',
      '{ _entities(representations: [{ __typename: "Patient", id: ' +
        '"" }]) { ... on Patient { id invoices { totalCount } } } }',
    ];
    for (const q of queries) {
      const r = await t.gql(q, {}, key(a.apiKey));
      expect(r.status, q).toBeLessThan(500);
      expect.soft(JSON.stringify(r.body.errors ?? []), q).not.toMatch(/INTERNAL/);
      for (const e of r.body.errors ?? []) expect(e.extensions.requestId, q).toEqual(expect.any(String));
    }
  });
});

describe('what the fuzz suite found', () => {
  it('a receptor field of the wrong JSON type is a 422 naming it, not a crash', async () => {
    const r = await rest(t, 'POST', '/api/receptores', a.apiKey, {
      patientId: 'P-1',
      nombre: 9007199254740992,
      direccion: 'x',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nombre', code: 'INVALID_TYPE' }),
        expect.objectContaining({ path: 'direccion', code: 'INVALID_TYPE' }),
      ]),
    );
  });

  it('a malformed GraphQL envelope is a 400 in the GraphQL error shape with a request id', async () => {
    for (const body of [
      { query: 1 },
      [{ query: '{ me { kind } }' }],
      { query: '{ me { kind } }', variables: 'x' },
      {},
    ]) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...key(a.apiKey) },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).errors[0].extensions).toMatchObject({
        code: 'BAD_REQUEST',
        requestId: expect.any(String),
      });
    }
  });

  it("graphql-js refusals during execution are the client's (BAD_USER_INPUT), not INTERNAL", async () => {
    const r = await t.gql('query($v: Int) { invoices(first: $v) { totalCount } }', { v: null }, key(a.apiKey));
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: expect.any(String) });
    const items = Array.from({ length: 100 }, () => ({ descripcion: 1, cantidad: 'x', precio: {} }));
    const many = await t.gql(EMIT, { input: { ...example('01-factura'), items } }, key(a.apiKey));
    expect(JSON.stringify(many.body.errors)).toMatch(/Too many errors processing variables/);
    expect(JSON.stringify(many.body.errors)).not.toMatch(/INTERNAL/);
  });

  it('a numeric entity id is read as an ID, not compared with a text column as a number', async () => {
    const r = await t.gql(
      '{ _entities(representations: [{ __typename: "Patient", id: ' +
        '12345 }]) { ... on Patient { id invoices { totalCount } } } }',
      {},
      key(a.apiKey),
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data._entities[0]).toMatchObject({ id: '12345', invoices: { totalCount: 0 } });
  });

  it("a URL or headers over Node's size limit get the JSON error shape", async () => {
    const res = await fetch(`${t.url}/api/catalogos/${'x'.repeat(20_000)}`, { headers: key(a.apiKey) });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject(restError('PAYLOAD_TOO_LARGE'));
  });
});

describe('scopes and operator endpoints', () => {
  it('a key without tenant:read does not read the tenant (NIT, NRC, address, MH user)', async () => {
    const hooks = await provisionTenant(t, ['webhooks:manage']);
    const r = await t.gql('{ me { kind scopes tenant { nit nrc mhApiUser } } }', {}, key(hooks.apiKey));
    expect(r.body.data.me).toMatchObject({ kind: 'apiKey', tenant: null });
    expect(r.body.errors[0]).toMatchObject({ path: ['me', 'tenant'], extensions: { code: 'FORBIDDEN' } });
    expect(r.body.errors[0].message).toMatch(/tenant:read/);
    const e = await t.gql(
      `{ _entities(representations: [{ __typename: "Tenant", id: "${hooks.tenantId}" }]) { ... on Tenant { nit } } }`,
      {},
      key(hooks.apiKey),
    );
    expect(JSON.stringify(e.body)).not.toContain('"nit":"');
    const full = await t.gql('{ me { tenant { id } } }', {}, key(a.apiKey));
    expect(full.body.data.me.tenant.id).toBe(a.tenantId);
  });

  it('/metrics needs FX_METRICS_TOKEN when one is set', async () => {
    const none = await fetch(`${t.url}/metrics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject(restError('UNAUTHENTICATED'));
    const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('fx_documents');
  });
});

describe("a body refused before any route runs: said as what it is, in the caller's language", () => {
  const send = async (path: string, body: string, lang = 'en') => {
    const res = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': lang, ...key(a.apiKey) },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Every issue as the API shows it: its path, code and message, nothing else (no catalog parameters). */
  const shown = (issues: unknown[]) =>
    issues.map((i) =>
      Object.keys(i as object)
        .sort()
        .join(','),
    );

  it('JSON that is not an object or an array is not "malformed JSON"', async () => {
    for (const body of ['null', ' "x" ', '5', 'true']) {
      const r = await send('/api/facturas', body);
      expect(r.status, body).toBe(400);
      expect(r.body.error, body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'request body must be a JSON object',
        issues: [{ path: '(body)', code: 'INVALID_TYPE', message: 'must be a JSON object' }],
      });
    }
    const broken = await send('/api/facturas', '{"referenciaExterna": ');
    expect(broken.body.error).toMatchObject({
      message: 'request body is not valid JSON',
      issues: [{ path: '', code: 'INVALID_JSON' }],
    });
  });

  it('a message about the whole body has no empty field name before it, in either language', async () => {
    const es = await send('/api/facturas', '{bad', 'es');
    expect(es.body.error.message).toBe('el cuerpo de la solicitud no es JSON válido');
    const notObject = await send('/api/facturas', '[]', 'es');
    expect(notObject.status).toBe(422);
    expect(notObject.body.error.message).toBe('el cuerpo de la solicitud tiene un tipo de dato no válido');
    const en = await send('/api/facturas', '[]');
    expect(en.body.error.message).toBe('the emission body must be a JSON object');
  });

  it('on /graphql, in the GraphQL error shape', async () => {
    for (const [body, code] of [
      ['{bad', 'INVALID_JSON'],
      ['null', 'INVALID_TYPE'],
    ] as const) {
      const r = await send('/graphql', body, 'es');
      expect(r.status, body).toBe(400);
      expect(r.body.error, body).toBeUndefined();
      expect(r.body.errors[0], body).toMatchObject({
        message: expect.stringContaining('el cuerpo de la solicitud'),
        extensions: { code: 'VALIDATION_FAILED', issues: [{ code }], requestId: expect.any(String) },
      });
    }
  });

  it('text that cannot be stored is refused in Spanish on request, naming the field', async () => {
    const value = JSON.stringify({ referenciaExterna: 'R-1', items: [{ descripcion: 'a\u0000b' }] });
    const es = await send('/api/facturas', value, 'es');
    expect(es.status).toBe(400);
    expect(es.body.error.issues).toEqual([
      {
        path: 'items[0].descripcion',
        code: 'INVALID_CHARACTER',
        message: 'descripcion contiene el carácter NUL (U+0000), que un campo de texto no puede guardar',
      },
    ]);
    expect(es.body.error.message).toBe(`items[0].descripcion: ${es.body.error.issues[0].message}`);
    const en = await send('/api/facturas', value);
    expect(en.body.error.issues[0].message).toBe('contains the NUL character (U+0000), which text fields cannot hold');

    // a field name, and a name that is a member of every JavaScript object
    const name = await send('/api/facturas', '{"referenciaExterna":"R-2","constructor":"\\ud800","x\\u0000":1}', 'es');
    expect(name.body.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'constructor',
          message: 'constructor contiene un sustituto UTF-16 suelto (no es un carácter Unicode válido)',
        }),
        expect.objectContaining({
          path: 'x\u0000',
          message:
            'el nombre de campo x\u0000 contiene el carácter NUL (U+0000), que un campo de texto no puede guardar',
        }),
      ]),
    );
    expect(shown(name.body.error.issues)).toEqual(['code,message,path', 'code,message,path']);

    const deep = await send('/api/facturas', `{"x":${'['.repeat(80)}${']'.repeat(80)}}`, 'es');
    expect(deep.body.error.issues[0]).toMatchObject({
      code: 'TOO_DEEP',
      message: expect.stringMatching(/anida más de 64 niveles$/),
    });
    expect(shown(deep.body.error.issues)).toEqual(['code,message,path']);

    const gql = await send('/graphql', JSON.stringify({ query: '{ me { kind } }', variables: { a: '\u0000' } }), 'es');
    expect(gql.body.errors[0]).toMatchObject({
      message: 'variables.a: a contiene el carácter NUL (U+0000), que un campo de texto no puede guardar',
      extensions: { code: 'VALIDATION_FAILED', requestId: expect.any(String) },
    });
    expect(shown(gql.body.errors[0].extensions.issues)).toEqual(['code,message,path']);
  });
});
