import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { key } from './graph-helpers.js';

let t: TestApp;
let a: { tenantId: string; apiKey: string };
beforeAll(async () => {
  t = await startTestApp();
  a = await provisionTenant(t);
});
afterAll(async () => t?.close());

function nested(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `patient { invoices(first: 1) { edges { node { ${inner} } } } }`;
  return `{ invoices(first: 1) { edges { node { ${inner} } } } }`;
}

describe('query limits', () => {
  it('refuses a query deeper than the limit before running it, with the request id', async () => {
    const r = await t.gql(nested(3), {}, key(a.apiKey));
    expect(r.status).toBe(400);
    expect(r.body.errors![0].message).toMatch(/query depth \d+ exceeds the limit of 12/);
    expect(r.body.errors![0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_TOO_COMPLEX',
      requestId: expect.any(String),
    });
    expect((await t.gql(nested(1), {}, key(a.apiKey))).status).toBe(200);
  });

  it('refuses a query whose cost (page sizes multiplied) exceeds the limit', async () => {
    const heavy =
      `{ invoices(first: 100) { edges { node { id items { descripcion } events { ` +
      `type } patient { invoices(first: 100) { edges { node { id } } } } } } } }`;
    const r = await t.gql(heavy, {}, key(a.apiKey));
    expect(r.body.errors![0].message).toMatch(/query cost \d+ exceeds the limit of 20000/);
    const sigma =
      `{ _entities(representations: [{ __typename: "Patient", id: "P" }]) { ... on Patient { ` +
      `fiscalProfile { numDocumento } invoices { edges { node { numeroControl status pdfUrl } } } } } }`;
    expect((await t.gql(sigma, {}, key(a.apiKey))).body.errors).toBeUndefined();
  });
});

describe('subscriptions', () => {
  it('are held to the same limits', async () => {
    const { createClient } = await import('graphql-ws');
    let inner = 'id';
    for (let i = 0; i < 4; i++) inner = `patient { invoices(first: 1) { edges { node { ${inner} } } } }`;
    const c = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: key(a.apiKey),
      retryAttempts: 0,
      lazy: false,
    });
    const errors = await new Promise<unknown>((resolve) =>
      c.subscribe(
        { query: `subscription { invoiceStatusChanged { invoice { ${inner} } } }` },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      ),
    );
    await c.dispose();
    expect(JSON.stringify(errors)).toMatch(/query depth \d+ exceeds the limit of 12/);
  });
});

describe('landing page', () => {
  it('serves Apollo Sandbox outside production', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('embeddable-sandbox');
  });
});
