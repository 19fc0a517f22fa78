import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

// Two API processes on one database (as `npm start` runs them): keys are cached in each, and a change committed
// anywhere (the other process, or plain SQL) is seen by the next request through LISTEN/NOTIFY.
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({}, { databaseUrl: a.app.db.url });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const ME = '{ me { kind } }';
const sql = async (url: string, text: string, params: unknown[]) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text, params);
  } finally {
    await c.end();
  }
};

describe('API key cache', () => {
  it('a key cached by two processes is refused by both once one of them revokes it', async () => {
    const { apiKey, keyId } = await provisionTenant(a);
    for (let i = 0; i < 3; i++) expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    expect((await a.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    const rev = await a.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`,
      { id: keyId },
      { 'x-api-key': a.adminKey },
    );
    expect(rev.body.data.revokeApiKey.__typename).toBe('ApiKey');
    // The revoking process drops its entry synchronously: its very next request is refused.
    expect((await a.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(401);
    // Another process learns it through NOTIFY, delivered when the revocation commits (≈ a millisecond later).
    let r = await b.gql(ME, {}, { 'x-api-key': apiKey });
    for (let i = 0; i < 20 && r.status === 200; i++) {
      await new Promise((res) => setTimeout(res, 50));
      r = await b.gql(ME, {}, { 'x-api-key': apiKey });
    }
    expect(r.status).toBe(401);
    expect(r.body.errors[0].message).toMatch(/revoked/);
  });

  it('a key used and then revoked in the same process is refused on the very next request', async () => {
    const { apiKey, keyId } = await provisionTenant(a);
    for (let i = 0; i < 3; i++) expect((await a.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    await a.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`,
      { id: keyId },
      { 'x-api-key': a.adminKey },
    );
    expect((await a.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(401);
  });

  it('changes made directly in the database (expiry, scopes, deletion) reach the cache too', async () => {
    const { apiKey, keyId } = await provisionTenant(a);
    expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    await sql(a.app.db.url, `update api_key set expires_at = now() - interval '1 second' where id = $1`, [keyId]);
    expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(401);
    await sql(a.app.db.url, `update api_key set expires_at = null where id = $1`, [keyId]);
    expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    await sql(a.app.db.url, `delete from api_key where id = $1`, [keyId]);
    expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(401);
  });
});
