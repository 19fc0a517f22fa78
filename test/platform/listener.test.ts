import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { Listener } from '../../src/db/listener.js';
import type { Mailer } from '../../src/modules/email/mailer.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { Worker } from '../../src/queue/worker.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';

// Every listener of a process (invoice event bus, caches, the worker's wake-ups) shares the database's one LISTEN
// connection: PostgreSQL wakes every listening backend at each notifying commit, so their number is a cost of every
// NOTIFY of the database.

const log = createLogger('error');
const example = JSON.parse(
  readFileSync(new URL('../../examples/dte/01-factura.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const sql = async (url: string, text: string, params: unknown[] = []) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
};

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The backends of `url`'s database with this application name. */
const backends = async (url: string, name: string) =>
  (
    await sql(url, `select pid from pg_stat_activity where datname = current_database() and application_name = $1`, [
      name,
    ])
  ).rows.map((r) => r.pid as number);

/** A subscriber that records what it is told. */
function recorder() {
  const r = { got: [] as string[], ups: 0, downs: 0 };
  return {
    r,
    handlers: {
      notify: (p: string) => void r.got.push(p),
      up: () => void (r.ups += 1),
      down: () => void (r.downs += 1),
    },
  };
}

describe('Listener (one LISTEN connection for every listener)', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase('listen');
  });

  it('carries every channel on one connection, each notification to its own subscribers only', async () => {
    const l = new Listener(url, log, 'fx-listen-one');
    try {
      const a = recorder();
      const b = recorder();
      await Promise.all([l.subscribe('ch_a', a.handlers).ready, l.subscribe('ch_b', b.handlers).ready]);
      // A channel subscribed once the connection is up joins it.
      const c = recorder();
      await l.subscribe('ch_c', c.handlers).ready;
      expect(await backends(url, 'fx-listen-one')).toHaveLength(1);
      await sql(url, `select pg_notify('ch_a', 'x'), pg_notify('ch_b', 'y'), pg_notify('ch_c', 'z')`);
      expect(await l.barrier()).toBe(true); // every notification committed before it has been handed over
      expect([a.r.got, b.r.got, c.r.got]).toEqual([['x'], ['y'], ['z']]);
      expect([a.r.ups, b.r.ups, c.r.ups]).toEqual([1, 1, 1]);
    } finally {
      await l.close();
    }
    expect(await backends(url, 'fx-listen-one')).toHaveLength(0);
  });

  it('tells every subscriber when the connection drops, reconnects and listens to every channel again', async () => {
    const l = new Listener(url, log, 'fx-listen-drop');
    try {
      const a = recorder();
      const b = recorder();
      await Promise.all([l.subscribe('ch_a', a.handlers).ready, l.subscribe('ch_b', b.handlers).ready]);
      const [before] = await backends(url, 'fx-listen-drop');
      await sql(url, `select pg_terminate_backend($1)`, [before]);
      await until(() => a.r.downs === 1 && b.r.downs === 1);
      expect(await l.barrier()).toBe(false); // no connection: the caller reads the database
      await sql(url, `select pg_notify('ch_a', 'lost')`); // nobody of this process listens
      await until(() => a.r.ups === 2 && b.r.ups === 2);
      const after = await backends(url, 'fx-listen-drop');
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);
      await sql(url, `select pg_notify('ch_a', 'x'), pg_notify('ch_b', 'y')`);
      expect(await l.barrier()).toBe(true);
      expect([a.r.got, b.r.got]).toEqual([['x'], ['y']]);
    } finally {
      await l.close();
    }
  });

  it('stops a closed subscription (UNLISTEN) and, once closed, tells the others and does not reconnect', async () => {
    const l = new Listener(url, log, 'fx-listen-close');
    const a = recorder();
    const b = recorder();
    const sa = l.subscribe('ch_a', a.handlers);
    await Promise.all([sa.ready, l.subscribe('ch_b', b.handlers).ready]);
    sa.close();
    await sql(url, `select pg_notify('ch_a', 'x'), pg_notify('ch_b', 'y')`);
    expect(await l.barrier()).toBe(true);
    expect([a.r.got, b.r.got]).toEqual([[], ['y']]);
    await l.close();
    expect(b.r.downs).toBe(1);
    await new Promise((r) => setTimeout(r, 1200)); // longer than the first reconnection's wait
    expect(await backends(url, 'fx-listen-close')).toHaveLength(0);
    await expect(l.subscribe('ch_c', recorder().handlers).ready).rejects.toThrow(/LISTEN_CLOSED/);
  });

  it("rejects a subscription's readiness when the database cannot be reached", async () => {
    const u = new URL(url);
    u.port = '1'; // nothing listens there
    const l = new Listener(u.toString(), log);
    try {
      await expect(l.subscribe('ch_a', recorder().handlers).ready).rejects.toThrow();
    } finally {
      await l.close();
    }
  });
});

describe('one LISTEN connection per process', () => {
  let t: TestApp;
  /** The connections of this test file's processes that ran a LISTEN, and the statements. */
  const listening = new Set<pg.Client>();
  const statements: string[] = [];
  const query = pg.Client.prototype.query;
  beforeAll(async () => {
    (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, cfg: unknown, ...rest: unknown[]) {
      const text = typeof cfg === 'string' ? cfg : (cfg as { text?: string } | null)?.text;
      if (text && /^\s*listen\b/i.test(text)) {
        listening.add(this);
        statements.push(text);
      }
      return (query as (...a: unknown[]) => unknown).call(this, cfg, ...rest);
    };
    t = await startTestApp({}, { worker: true });
  });
  afterAll(async () => {
    pg.Client.prototype.query = query;
    await t?.close();
  });

  it('the event bus, both caches and the worker listen on one connection; a drop empties the caches', async () => {
    const { apiKey, keyId } = await provisionTenant(t);
    const me = () => t.gql('{ me { kind } }', {}, { 'x-api-key': apiKey });
    // The key cache and the tenant profile's (an emission) start listening at their first use.
    expect((await me()).status).toBe(200);
    const emitted = await fetch(`${t.url}/api/facturas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ ...example, referenciaExterna: `LISTEN-${process.pid}` }),
    });
    expect(emitted.status).toBe(201);
    await until(() => statements.join(';').includes('fx_api_keys'));
    for (let i = 0; i < 3; i++) expect((await me()).status).toBe(200); // from the cache
    const channels = statements.join(';').toLowerCase();
    for (const ch of ['fx_invoice_events', 'fx_jobs', 'fx_api_keys', 'fx_tenant_profile'])
      expect(channels).toContain(ch);
    expect(listening.size).toBe(1);
    expect(await backends(t.app.db.url, 'fx-listen')).toHaveLength(1);

    // Revoked while the connection is down: its notification is lost, and the emptied cache is not used.
    const [pid] = await backends(t.app.db.url, 'fx-listen');
    await sql(t.app.db.url, `select pg_terminate_backend($1)`, [pid]);
    await until(() => !t.app.db.listener.up);
    await sql(t.app.db.url, `update api_key set revoked_at = now() where id = $1`, [keyId]);
    expect((await me()).status).toBe(401);
    await until(() => t.app.db.listener.up);
    expect((await me()).status).toBe(401);
    expect(await backends(t.app.db.url, 'fx-listen')).toHaveLength(1);
  });
});

describe("the worker's wake-ups on the shared connection", () => {
  let t: TestApp;
  let worker: Worker;
  const ran: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    const wake = defineJob<{ n: string }>({
      kind: 'test.wake',
      priority: 0,
      callsMh: false,
      dedupeKey: () => null,
      run: async (_rt, job) => {
        ran.push(job.payload.n);
        return { kind: 'done' };
      },
    });
    worker = new Worker(log, {
      definitions: [wake],
      runtime: { app: t.app, mailer: {} as Mailer },
      concurrency: 2,
      perTenantConcurrency: 1,
      pollMs: 600_000, // only wake-ups (and the start) look for work in this test
      listener: t.app.db.listener,
      pool: t.app.db.pool,
    });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  const queue = (n: string) =>
    sql(
      t.app.db.url,
      `with j as (insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at)
         values (null, 'test.wake', $1::jsonb, 'queued', 0, now(), 0, now(), now()) returning id)
       select pg_notify('fx_jobs', 'test.wake') from j`,
      [JSON.stringify({ n })],
    );

  it('wakes on NOTIFY, and finds the jobs whose wake-up was lost as soon as the connection is back', async () => {
    await queue('first');
    await until(() => ran.includes('first'), 5000);
    const [pid] = await backends(t.app.db.url, 'fx-listen');
    await sql(t.app.db.url, `select pg_terminate_backend($1)`, [pid]);
    await until(() => !t.app.db.listener.up);
    await queue('while-down'); // its NOTIFY reaches no one of this process
    await until(() => t.app.db.listener.up);
    await until(() => ran.includes('while-down'), 5000);
    await queue('after');
    await until(() => ran.includes('after'), 5000);
  });
});
