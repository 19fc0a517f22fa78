import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS, documentLimitErrors } from '../../src/graphql/query-limits.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { key } from './graph-helpers.js';

let t: TestApp;
let a: { tenantId: string; apiKey: string };
beforeAll(async () => {
  t = await startTestApp();
  a = await provisionTenant(t);
});
afterAll(async () => t?.close());

/** `query{...F1} fragment F1 on Query{...F2 ...F2} … fragment Fn on Query{me{kind}}`: 2^(n-1) expanded fields. */
function doubling(n: number): string {
  const frags = Array.from({ length: n - 1 }, (_, i) => `fragment F${i + 1} on Query{...F${i + 2} ...F${i + 2}}`);
  return `query{...F1} ${frags.join(' ')} fragment F${n} on Query{me{kind}}`;
}

async function healthzMs(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${t.url}/healthz`);
  expect(res.status).toBe(200);
  return performance.now() - started;
}

describe('GraphQL limits are measured first, in linear time', () => {
  it('refuses the fragment-doubling document without a key, and /healthz keeps answering', async () => {
    const q = doubling(24);
    expect(q.length).toBeLessThan(1024);
    const attacks = Array.from({ length: 5 }, () => t.gql(q));
    const health = await Promise.all([healthzMs(), healthzMs(), healthzMs()]);
    const results = await Promise.all(attacks);
    for (const r of results) {
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({
        message: expect.stringMatching(/query cost \d+ exceeds the limit/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COMPLEX', requestId: expect.any(String) },
      });
    }
    // The machine is shared: only a gross stall (the unmemoised walk took 11 s) fails this.
    expect(Math.max(...health)).toBeLessThan(3000);
  });

  it('refuses 1,000 aliased fields, too many top-level fields, too many tokens and too many _entities', async () => {
    const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { kind }`).join(' ')} }`;
    const r1 = await t.gql(aliases, {}, key(a.apiKey));
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body.errors)).toMatch(/token|aliased/);

    const fewAliases = `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const r2 = await t.gql(fewAliases, {}, key(a.apiKey));
    expect(r2.status).toBe(400);
    expect(r2.body.errors[0].message).toMatch(/101 aliased fields exceed the limit of 100/);

    const roots = `{ ${Array.from({ length: 31 }, () => 'me { kind }').join(' ')} }`;
    const r3 = await t.gql(roots, {}, key(a.apiKey));
    expect(r3.status).toBe(400);
    expect(r3.body.errors[0].message).toMatch(/31 top-level fields exceed the limit of 30/);

    const tokens = `{ me { ${Array.from({ length: 6000 }, () => 'kind').join(' ')} } }`;
    const r4 = await t.gql(tokens, {}, key(a.apiKey));
    expect(r4.status).toBe(400);
    expect(r4.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/tokens/i),
      extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId: expect.any(String) },
    });

    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id } } }`;
    const reps = Array.from({ length: 3000 }, () => ({
      __typename: 'Invoice',
      id: '00000000-0000-0000-0000-000000000000',
    }));
    const r5 = await t.gql(entities, { r: reps }, key(a.apiKey));
    expect(r5.status).toBe(400);
    expect(r5.body.errors[0].message).toMatch(/3000 _entities representations exceed the limit of 500/);
    const ok = await t.gql(entities, { r: reps.slice(0, 3) }, key(a.apiKey));
    expect(ok.body.errors).toBeUndefined();
  });

  it('a persisted (APQ) document run by hash is measured again with its new variables', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id } } }`;
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(q).digest('hex');
    const post = (body: unknown) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...key(a.apiKey) },
        body: JSON.stringify(body),
      });
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const reg = await post({ query: q, variables: { r: [] }, extensions });
    expect(reg.status).toBe(200);
    const big = Array.from({ length: 600 }, () => ({
      __typename: 'Invoice',
      id: '00000000-0000-0000-0000-000000000000',
    }));
    const res = await post({ variables: { r: big }, extensions });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.errors[0].message).toMatch(/600 _entities representations/);
  });
});

describe('documentLimitErrors', () => {
  it('is linear: 2^59 expanded fields are refused as quickly as 2^3', async () => {
    const { buildGraphQLSchema } = await import('../../src/schema.js');
    const schema = await buildGraphQLSchema();
    const started = performance.now();
    const errors = documentLimitErrors(schema, parse(doubling(60)), DEFAULT_QUERY_LIMITS);
    expect(performance.now() - started).toBeLessThan(2000); // gross stalls only: 2^59 walks would never end
    expect(errors.map((e) => e.message).join()).toMatch(/query cost \d+ exceeds/);
    expect(documentLimitErrors(schema, parse(doubling(4)), DEFAULT_QUERY_LIMITS)).toEqual([]);
    // A fragment cycle does not hang the measurement (graphql's own rules refuse it afterwards).
    expect(() =>
      documentLimitErrors(
        schema,
        parse('{...A} fragment A on Query{...B} fragment B on Query{...A me{kind}}'),
        DEFAULT_QUERY_LIMITS,
      ),
    ).not.toThrow();
  });
});
