import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFacturaXpressClient,
  EmitInvoiceDocument,
  InvoiceByReferenceDocument,
  FacturaXpressError,
} from '../../src/client/index.js';
import { PERSISTED_OPERATIONS } from '../../src/graphql/persisted-operations.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { example, key } from './graph-helpers.js';

let open: TestApp;
let enforced: TestApp;
let a: { tenantId: string; apiKey: string };
let e: { tenantId: string; apiKey: string };
beforeAll(async () => {
  [open, enforced] = await Promise.all([startTestApp(), startTestApp({}, { trustedDocuments: 'enforce' })]);
  [a, e] = await Promise.all([provisionTenant(open), provisionTenant(enforced)]);
});
afterAll(async () => {
  await open?.close();
  await enforced?.close();
});

const hashOf = (doc: unknown) => (doc as { __meta__: { hash: string } }).__meta__.hash.replace('sha256:', '');
async function byHash(t: TestApp, hash: string, variables: unknown, headers: Record<string, string>, query?: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('persisted operations (schema/operations → codegen manifest)', () => {
  it('the manifest maps sha256(document) → document for every operation', async () => {
    const { createHash } = await import('node:crypto');
    expect(PERSISTED_OPERATIONS.size).toBeGreaterThanOrEqual(8);
    for (const [hash, doc] of PERSISTED_OPERATIONS) expect(createHash('sha256').update(doc).digest('hex')).toBe(hash);
    expect(PERSISTED_OPERATIONS.has(hashOf(EmitInvoiceDocument))).toBe(true);
  });

  it('accepts an operation by hash alone (Apollo extensions.persistedQuery)', async () => {
    const r = await byHash(open, hashOf(EmitInvoiceDocument), { input: example('01-factura') }, key(a.apiKey));
    expect(r.body.data.emitInvoice).toMatchObject({ __typename: 'Invoice', status: 'QUEUED' });
    const unknown = await byHash(open, 'f'.repeat(64), {}, key(a.apiKey));
    expect(unknown.body.errors![0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('the typed client emits and reads back by hash', async () => {
    const fx = createFacturaXpressClient({ url: `${open.url}/graphql`, apiKey: a.apiKey });
    const body = example('01-factura');
    const r = await fx.request(EmitInvoiceDocument, { input: body as never });
    if (r.emitInvoice.__typename !== 'Invoice') throw new Error(r.emitInvoice.__typename);
    expect(r.emitInvoice.numeroControl).toMatch(/^DTE-01-/);
    const back = await fx.request(InvoiceByReferenceDocument, { referenciaExterna: body.referenciaExterna });
    expect(back.invoiceByReference?.id).toBe(r.emitInvoice.id);
    const dup = await fx.request(EmitInvoiceDocument, { input: { ...body, observaciones: 'otra' } as never });
    expect(dup.emitInvoice).toMatchObject({ __typename: 'DuplicateReference', code: 'DUPLICATE_REFERENCE' });
    const anon = createFacturaXpressClient({ url: `${open.url}/graphql` });
    const err = await anon.request(InvoiceByReferenceDocument, { referenciaExterna: 'x' }).catch((x) => x);
    expect(err).toBeInstanceOf(FacturaXpressError);
    expect(err.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(err.requestId).toBeTruthy();
  });
});

describe('FX_TRUSTED_DOCUMENTS=enforce', () => {
  it('API keys run manifest operations (by hash, or by their exact text) and nothing else', async () => {
    const ok = await byHash(enforced, hashOf(EmitInvoiceDocument), { input: example('01-factura') }, key(e.apiKey));
    expect(ok.body.data.emitInvoice.__typename).toBe('Invoice');
    const exact = await enforced.gql(
      PERSISTED_OPERATIONS.get(hashOf(InvoiceByReferenceDocument))!,
      { referenciaExterna: 'nope' },
      key(e.apiKey),
    );
    expect(exact.body.data).toEqual({ invoiceByReference: null });
    const free = await enforced.gql(`{ invoices { totalCount } }`, {}, key(e.apiKey));
    expect(free.status).toBe(403);
    expect(free.body.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERSISTED_OPERATION_REQUIRED',
      requestId: expect.any(String),
    });
    const { createHash } = await import('node:crypto');
    const q = '{ me { kind } }';
    const registered = await byHash(enforced, createHash('sha256').update(q).digest('hex'), {}, key(e.apiKey), q);
    expect(registered.status).toBe(403); // APQ registration does not smuggle a new operation in
  });

  it('the admin keeps free-form queries; open mode accepts any query from API keys', async () => {
    expect(
      (await enforced.gql(`{ tenants { id } }`, {}, { 'x-api-key': enforced.adminKey })).body.data.tenants.length,
    ).toBeGreaterThan(0);
    expect((await open.gql(`{ invoices { totalCount } }`, {}, key(a.apiKey))).status).toBe(200);
  });
});

describe('the HTTP answer of a GraphQL POST', () => {
  it('has its type, exact length and request id, and no ETag (a POST is never answered conditionally)', async () => {
    const res = await fetch(`${open.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': a.apiKey, 'x-request-id': 'post-answer-1' },
      body: JSON.stringify({ query: '{ me { kind } }' }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json; charset=utf-8$/);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('x-request-id')).toBe('post-answer-1');
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ data: { me: { kind: 'apiKey' } } });
  });
});
