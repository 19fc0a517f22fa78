import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSource, DEFAULT_QUERY_LIMITS, keptSourceCount } from '../../src/graphql/query-limits.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  const { buildGraphQLSchema } = await import('../../src/schema.js');
  schema = await buildGraphQLSchema();
});

describe('checkSource keeps the texts found within every limit', () => {
  it('parses a text within the limits once, and answers it again with the same document', () => {
    const q = '{ me { kind } __typename }';
    const first = checkSource(schema, q, DEFAULT_QUERY_LIMITS);
    expect(first.errors).toBeUndefined();
    const again = checkSource(schema, q, DEFAULT_QUERY_LIMITS);
    expect(again.document).toBe(first.document);
    // Other limits (another server's configuration) measure the text afresh.
    const other = { ...DEFAULT_QUERY_LIMITS, maxRootFields: 1 };
    const refused = checkSource(schema, q, other);
    expect(refused.errors?.[0]?.message).toMatch(/2 top-level fields exceed the limit of 1/);
  });

  it('measures a text whose measure reads its variables again with every request (its parse kept)', () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id } } }`;
    const rep = { __typename: 'Invoice', id: '00000000-0000-0000-0000-000000000000' };
    const first = checkSource(schema, q, DEFAULT_QUERY_LIMITS, { r: [rep] });
    expect(first.errors).toBeUndefined();
    const big = checkSource(schema, q, DEFAULT_QUERY_LIMITS, { r: Array.from({ length: 600 }, () => rep) });
    expect(big.errors?.[0]?.message).toMatch(/600 _entities representations/);
    expect(checkSource(schema, q, DEFAULT_QUERY_LIMITS, { r: [rep, rep] }).document).toBe(first.document);
  });

  it('never keeps a refused text, and keeps a bounded number of texts', () => {
    const roots = `{ ${Array.from({ length: 31 }, () => 'me { kind }').join(' ')} }`;
    expect(checkSource(schema, roots, DEFAULT_QUERY_LIMITS).errors).toBeDefined();
    expect(checkSource(schema, roots, DEFAULT_QUERY_LIMITS).errors).toBeDefined();
    const bad = '{ me { kind } __typename(a: "\\u0000") }';
    expect(checkSource(schema, bad, DEFAULT_QUERY_LIMITS).errors).toBeDefined();
    expect(checkSource(schema, bad, DEFAULT_QUERY_LIMITS).errors).toBeDefined();
    for (let i = 0; i < 2_000; i++) checkSource(schema, `{ a${i}: __typename }`, DEFAULT_QUERY_LIMITS);
    expect(keptSourceCount()).toBeLessThanOrEqual(500);
    // The most recent texts are the ones kept.
    const recent = checkSource(schema, '{ a1999: __typename }', DEFAULT_QUERY_LIMITS);
    expect(checkSource(schema, '{ a1999: __typename }', DEFAULT_QUERY_LIMITS).document).toBe(recent.document);
  });
});
