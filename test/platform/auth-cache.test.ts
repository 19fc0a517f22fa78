import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

// Two API processes on one database (as `npm start` runs them): keys are cached in each, and a change committed
// anywhere (the other process, or plain SQL) is seen by the very next request through LISTEN/NOTIFY.
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
    // Another process learns it through NOTIFY, and its cache waits for what was committed before the request.
    const r = await b.gql(ME, {}, { 'x-api-key': apiKey });
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

  it('a revocation whose notification has not reached the other process yet is seen by its next request', async () => {
    const { apiKey, keyId } = await provisionTenant(a);
    expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200);
    expect((await b.gql(ME, {}, { 'x-api-key': apiKey })).status).toBe(200); // served from b's cache
    // Freeze the PostgreSQL backends of the key caches' LISTEN connections: a notification cannot reach a process
    // until they resume. A server that trusted its cache would answer from it at once.
    const c = new pg.Client({ connectionString: a.app.db.url });
    await c.connect();
    const { rows } = await c.query(`select pid from pg_stat_activity where application_name = 'fx-cache-fx_api_keys'`);
    await c.end();
    const pids = rows.map((r) => r.pid as number);
    const local = pids.length > 0 && pids.every((pid) => existsSync(`/proc/${pid}`));
    if (!local) return console.warn('[auth-cache] skipped: the database server runs on another machine');
    const signal = (sig: NodeJS.Signals) => {
      for (const pid of pids) process.kill(pid, sig);
    };
    try {
      signal('SIGSTOP');
    } catch (err) {
      return console.warn(`[auth-cache] skipped: cannot signal the database server (${(err as Error).message})`);
    }
    let resumed = 0;
    try {
      const rev = await a.gql(
        `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`,
        { id: keyId },
        { 'x-api-key': a.adminKey },
      );
      expect(rev.body.data.revokeApiKey.__typename).toBe('ApiKey');
      setTimeout(() => {
        resumed = Date.now();
        signal('SIGCONT');
      }, 300);
      const r = await b.gql(ME, {}, { 'x-api-key': apiKey });
      expect(r.status).toBe(401);
      expect(resumed).toBeGreaterThan(0); // the answer waited for the notification
    } finally {
      signal('SIGCONT');
    }
  });
});
