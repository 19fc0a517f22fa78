import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { EMIT } from '../graph/graph-helpers.js';
import {
  exampleBody,
  expectGraphQLShape,
  expectRestShape,
  fcOptions,
  mutatedBody,
  nastyString,
  nastyValue,
  percentile,
  rawBodyText,
  watchHealth,
} from './fuzz-helpers.js';

// Property-based fuzzing of the REST and GraphQL faces against the real service: whatever arrives, the answer is
// never a 500 or INTERNAL, always JSON in the one error shape with a request id, and /healthz keeps answering.
let t: TestApp;
let a: { tenantId: string; apiKey: string };
let health: ReturnType<typeof watchHealth>;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  a = await provisionTenant(t);
  health = watchHealth(t.url);
});
afterAll(async () => {
  await health?.stop();
  await t?.close();
});

const BODIES = ['01-factura', '03-credito-fiscal', '14-sujeto-excluido', '11-exportacion'].map(exampleBody);
const withRef = (b: unknown) =>
  b && typeof b === 'object' && !Array.isArray(b) && typeof (b as any).referenciaExterna === 'string'
    ? { ...(b as object), referenciaExterna: `FZ-${++seq}-${(b as any).referenciaExterna}`.slice(0, 100) }
    : b;
const headers = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-api-key': a.apiKey,
  ...extra,
});
const post = (path: string, body: string, extra?: Record<string, string>) =>
  fetch(`${t.url}${path}`, { method: 'POST', headers: headers(extra), body });
const gql = (query: string, variables?: unknown, extra?: Record<string, string>) =>
  post('/graphql', JSON.stringify({ query, variables }), extra);

describe('REST', () => {
  it('POST /api/facturas: mutated example bodies', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody(BODIES), async (body) => {
        const text = JSON.stringify(withRef(body));
        await expectRestShape(await post('/api/facturas', text), `POST /api/facturas ${text.slice(0, 300)}`);
      }),
      fcOptions,
    );
  });

  it('POST /api/facturas: malformed JSON, out-of-range numbers, random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODIES).chain(rawBodyText), async (text) => {
        await expectRestShape(
          await post('/api/facturas', text),
          `POST /api/facturas raw ${JSON.stringify(text.slice(0, 200))}`,
        );
      }),
      fcOptions,
    );
  });

  it('GET routes with random and malformed ids', async () => {
    const segment = fc.oneof(
      nastyString.map((s) => encodeURIComponent(s.toWellFormed())),
      fc.constantFrom(
        '%E0%A4%A',
        '%',
        '%00',
        '%ZZ',
        '%C0%80',
        '%ED%A0%80',
        '..%2F..%2Fetc',
        '__proto__',
        'constructor',
        'prototype',
        '%2e%2e',
      ),
    );
    const route = fc.constantFrom(
      '/api/facturas/',
      '/api/catalogos/',
      '/api/facturas/$/pdf',
      '/api/facturas/$/json',
      '/nope/',
      '/api/',
      '/documents/',
    );
    await fc.assert(
      fc.asyncProperty(route, segment, async (r, s) => {
        const path = r.includes('$') ? r.replace('$', s) : `${r}${s}`;
        await expectRestShape(await fetch(`${t.url}${path}`, { headers: headers() }), `GET ${path}`);
      }),
      fcOptions,
    );
  });

  it('POST /api/receptores: mutated receptor bodies', async () => {
    const receptor = {
      patientId: 'P-1',
      nombre: 'María José Rivas',
      tipoDocumento: '13',
      numDocumento: '12345678-4',
      correo: 'm@example.com',
      telefono: '77778888',
      direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Calle 1' },
    };
    await fc.assert(
      fc.asyncProperty(mutatedBody([receptor]), async (body) => {
        const text = JSON.stringify(body);
        await expectRestShape(await post('/api/receptores', text), `POST /api/receptores ${text.slice(0, 300)}`);
      }),
      fcOptions,
    );
  });

  it('credentials and tenant headers of any shape', async () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 80,
    });
    const cred = fc.oneof(
      printable,
      printable.map((s) => `fx_test_${s}`),
      printable.map((s) => `${s}.${s}.${s}`),
      fc.constantFrom('Bearer', 'fx_live_', 'a.b.c', 'e30.e30.', '..'),
    );
    await fc.assert(
      fc.asyncProperty(cred, printable, fc.boolean(), async (c, tenant, bearer) => {
        const h: Record<string, string> = { 'content-type': 'application/json', 'x-tenant-id': tenant };
        if (bearer) h.authorization = `Bearer ${c}`;
        else h['x-api-key'] = c;
        await expectRestShape(
          await fetch(`${t.url}/api/catalogos`, { headers: h }),
          `GET /api/catalogos with ${JSON.stringify(h)}`,
        );
        await expectGraphQLShape(
          await fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: h,
            body: JSON.stringify({ query: '{ me { kind } }' }),
          }),
          `me with ${JSON.stringify(h)}`,
        );
      }),
      fcOptions,
    );
  });
});

describe('GraphQL', () => {
  it('emitInvoice and previewInvoice with mutated inputs', async () => {
    const PREVIEW = 'mutation($input: EmitInvoiceInput!) { previewInvoice(input: $input) { __typename } }';
    await fc.assert(
      fc.asyncProperty(mutatedBody(BODIES), fc.boolean(), async (body, preview) => {
        const input = withRef(body);
        await expectGraphQLShape(
          await gql(preview ? PREVIEW.replace('mutation', 'query') : EMIT, { input }),
          `${preview ? 'preview' : 'emit'} ${JSON.stringify(input).slice(0, 300)}`,
        );
      }),
      fcOptions,
    );
  });

  it('queries with arguments of any value', async () => {
    const queries = [
      'query($v: ID!) { invoice(id: $v) { id status } }',
      'query($v: String!) { invoiceByReference(referenciaExterna: $v) { id } }',
      'query($v: ID!) { invoiceEmailDeliveries(invoiceId: $v) { id } }',
      'query($v: ID) { webhookDeliveries(invoiceId: $v) { edges { node { id } } } }',
      'query($v: [_Any!]!) { _entities(representations: $v) { __typename ' +
        '... on Invoice { id } ... on Patient { invoices { totalCount } } } }',
      'query($v: Int) { invoices(first: $v) { totalCount edges { node { id } } } }',
      'query($v: InvoiceFilter) { invoices(first: 5, filter: $v) { totalCount } }',
    ];
    const representation = fc.oneof(
      nastyValue,
      fc.record({
        __typename: fc.constantFrom('Invoice', 'Patient', 'Service', 'Tenant', 'Nope', '__proto__'),
        id: nastyValue,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries),
        fc.oneof(nastyValue, fc.array(representation, { maxLength: 5 })),
        async (q, v) => {
          await expectGraphQLShape(await gql(q, { v }), `${q} with ${JSON.stringify(v)?.slice(0, 300)}`);
        },
      ),
      fcOptions,
    );
  });

  it('random documents: token soup, deep nesting, many aliases, string literals with control characters', async () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '(',
      ')',
      ':',
      '...',
      '!',
      '$v',
      '@skip(if: true)',
      'query',
      'mutation',
      'subscription',
      'fragment F on Query',
      '...F',
      'me',
      'kind',
      'invoice',
      'invoices',
      'id',
      'edges',
      'node',
      'first: 100000',
      'first: -1',
      'id: "x"',
      '__schema',
      '__type(name: "Invoice")',
      'types',
      'name',
      '_entities(representations: [{__typename: "Invoice", id: "1"}])',
      '_service',
      'sdl',
      'a: me',
      '"\\u0000"',
      '"\\ud800"',
      '1e999',
      '"""block"""',
      '#',
      '\n',
    );
    const soup = fc.array(token, { maxLength: 60 }).map((ts) => ts.join(' '));
    const deep = fc
      .integer({ min: 1, max: 400 })
      .map((n) => `{ ${'invoices { edges { node { patient { '.repeat(n)} id ${'} } } } '.repeat(n)}}`);
    const aliases = fc
      .integer({ min: 1, max: 3000 })
      .map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { kind }`).join(' ')} }`);
    const literal = nastyString.map((s) => `{ invoiceByReference(referenciaExterna: ${JSON.stringify(s)}) { id } }`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, deep, aliases, literal, fc.string({ maxLength: 300 })), async (q) => {
        await expectGraphQLShape(await gql(q), `document ${JSON.stringify(q.slice(0, 300))}`);
      }),
      fcOptions,
    );
  });

  it('request envelopes of any shape', async () => {
    const envelope = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record({ query: nastyValue, variables: nastyValue, operationName: nastyValue, extensions: nastyValue })
        .map((v) => JSON.stringify(v)),
      fc.constantFrom(
        '',
        '{',
        '[{"query":"{me{kind}}"}]',
        '{"query":"{me{kind}}","variables":"{bad"}',
        '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"zz"}}}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(envelope, async (body) => {
        await expectGraphQLShapeOrRest(await post('/graphql', body), `envelope ${body.slice(0, 300)}`);
      }),
      fcOptions,
    );
  });
});

/** Apollo answers some malformed envelopes before GraphQL starts (plain 400 text is not acceptable either). */
async function expectGraphQLShapeOrRest(res: Response, what: string) {
  const copy = res.clone();
  const text = await copy.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  const json = JSON.parse(text);
  if (json && typeof json === 'object' && 'error' in json) return expectRestShape(res, what);
  return expectGraphQLShape(res, what);
}

describe('during the whole run', () => {
  it('/healthz kept answering', async () => {
    const latencies = await health.stop();
    const report = {
      samples: latencies.length,
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(Math.max(...latencies)),
    };
    console.log(`/healthz during the fuzz run (ms): ${JSON.stringify(report)}`);
    // Sampled every 20 ms: a short run still gives a few samples, and a stalled server gives none past the stall.
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    // 100 ms is the goal on a quiet machine; this box is shared by many test runs, so only a gross stall fails.
    expect(report.max).toBeLessThan(3000);
  });
});
