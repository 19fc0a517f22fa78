import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmitInvoiceDocument } from '../../src/client/index.js';
import { UNSCOPED } from '../../src/core/guards.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { EMIT, example } from './graph-helpers.js';

// `fast` sweeps open sockets every 200 ms; `slow` (same database) practically never, so what it refuses is refused by
// the per-operation check; `enforced` runs FX_TRUSTED_DOCUMENTS=enforce.
let fast: TestApp;
let slow: TestApp;
let enforced: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  fast = await startTestApp({ FX_WS_RECHECK_MS: '200' });
  [slow, enforced] = await Promise.all([
    startTestApp({ FX_WS_RECHECK_MS: '3600000' }, { databaseUrl: fast.app.db.url }),
    startTestApp({}, { databaseUrl: fast.app.db.url, trustedDocuments: 'enforce' }),
  ]);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await enforced?.close();
  await slow?.close();
  await fast?.close();
});

interface Closed {
  code: number;
  reason: string;
}

function connect(
  t: TestApp,
  params: Record<string, string>,
): { client: Client; connected: Promise<void>; closed: Promise<Closed> } {
  let onConnected!: () => void;
  let onClosed!: (c: Closed) => void;
  const connected = new Promise<void>((r) => (onConnected = r));
  const closed = new Promise<Closed>((r) => (onClosed = r));
  const client = createClient({
    url: `${t.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
    on: {
      connected: () => onConnected(),
      closed: (e) => onClosed({ code: (e as CloseEvent).code, reason: (e as CloseEvent).reason }),
    },
  });
  clients.push(client);
  return { client, connected, closed };
}

function run(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  extensions?: Record<string, unknown>,
): Promise<{ data?: any; errors?: any }> {
  return new Promise((resolve) => {
    let last: any = null;
    client.subscribe(
      { query, variables, extensions },
      {
        next: (v) => (last = v),
        error: (e) =>
          resolve({
            errors: Array.isArray(e)
              ? e
              : [{ message: (e as CloseEvent).reason ?? String(e), code: (e as CloseEvent).code }],
          }),
        complete: () => resolve(last),
      },
    );
  });
}

async function revoke(keyId: string) {
  const r = await fast.gql(
    `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`,
    { id: keyId },
    { 'x-api-key': fast.adminKey },
  );
  expect(r.body.data.revokeApiKey.__typename).toBe('ApiKey');
}

describe('graphql-ws credentials', () => {
  it('a bad key is refused at connection_init with 4403 and a reason', async () => {
    const { closed } = connect(fast, { 'x-api-key': `fx_test_${'A'.repeat(43)}` });
    expect(await closed).toEqual({ code: 4403, reason: 'unknown API key' });
    const none = connect(fast, {});
    expect((await none.closed).code).toBe(4403);
    expect((await none.closed).reason).toMatch(/credential is required/);
  });

  it('a revoked key stops at its next operation: no emission, the socket closes with 4403', async () => {
    const k = await provisionTenant(fast);
    const { client, connected, closed } = connect(slow, { 'x-api-key': k.apiKey });
    await connected;
    expect((await run(client, '{ me { kind } }')).data).toEqual({ me: { kind: 'apiKey' } });
    await revoke(k.keyId);
    const body = example('01-factura');
    const r = await run(client, EMIT, { input: body });
    expect(r.data).toBeUndefined();
    expect(await closed).toEqual({ code: 4403, reason: 'this API key has been revoked' });
    expect(
      await fast.app.db.orm.em.fork().count(Invoice, { referenciaExterna: body.referenciaExterna }, UNSCOPED),
    ).toBe(0);
  });

  it('a live subscription of a revoked key is closed with 4403 and the reason', async () => {
    const k = await provisionTenant(fast);
    const { client, connected, closed } = connect(fast, { 'x-api-key': k.apiKey });
    await connected;
    const events: unknown[] = [];
    client.subscribe(
      { query: 'subscription { invoiceStatusChanged { type } }' },
      { next: (v) => void events.push(v), error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    await revoke(k.keyId);
    expect(await closed).toEqual({ code: 4403, reason: 'this API key has been revoked' });
  });

  it('an expired key cannot keep querying over an open socket', async () => {
    const { tenantId } = await provisionTenant(fast);
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const c = await fast.gql(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreatedApiKey { secret } } }`,
      { i: { tenantId, name: 'short', expiresAt } },
      { 'x-api-key': fast.adminKey },
    );
    const { client, connected, closed } = connect(slow, { 'x-api-key': c.body.data.createApiKey.secret });
    await connected;
    expect((await run(client, '{ me { kind } }')).data).toEqual({ me: { kind: 'apiKey' } });
    await new Promise((r) => setTimeout(r, 1700));
    expect((await run(client, '{ me { kind } }')).data).toBeUndefined();
    expect(await closed).toEqual({ code: 4403, reason: 'this API key has expired' });
  });
});

describe('graphql-ws follows FX_TRUSTED_DOCUMENTS=enforce as HTTP does', () => {
  it('refuses free-form queries, introspection and emitInvoice; runs manifest operations', async () => {
    const k = await provisionTenant(enforced);
    const { client, connected } = connect(enforced, { 'x-api-key': k.apiKey });
    await connected;
    for (const q of ['{ me { kind } }', '{ __schema { types { name } } }', EMIT]) {
      const r = await run(client, q, { input: example('01-factura') });
      expect(r.data).toBeUndefined();
      expect(r.errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'PERSISTED_OPERATION_REQUIRED',
        requestId: expect.any(String),
      });
    }
    const manifest = (EmitInvoiceDocument as unknown as { __meta__: { hash: string } }).__meta__.hash.replace(
      'sha256:',
      '',
    );
    const byHash = await run(
      client,
      '',
      { input: example('01-factura') },
      { persistedQuery: { version: 1, sha256Hash: manifest } },
    );
    expect(byHash.data?.emitInvoice).toMatchObject({ __typename: 'Invoice', status: 'QUEUED' });
  });
});
