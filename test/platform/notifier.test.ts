import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { Notifier } from '../../src/db/notifier.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

// The hot path's NOTIFYs are sent after commit by one connection per process: in the order handed over, and again
// on a new connection when its connection was lost.
let t: TestApp;
let listener: pg.Client;
const got: { channel: string; payload: string | undefined; pid: number }[] = [];
beforeAll(async () => {
  t = await startTestApp();
  listener = new pg.Client({ connectionString: t.app.db.url });
  listener.on('notification', (m) => got.push({ channel: m.channel, payload: m.payload, pid: m.processId }));
  await listener.connect();
  await listener.query('listen fx_test_a');
  await listener.query('listen fx_test_b');
});
afterAll(async () => {
  await listener?.end();
  await t?.close();
});

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Notifier', () => {
  it('sends in the order handed over, from one connection, and resolves once sent', async () => {
    const n = new Notifier(t.app.db.url, createLogger('silent'));
    got.length = 0;
    let sent = 0;
    const first = Promise.all([
      n.send([{ channel: 'fx_test_a', payload: '1' }]).then(() => (sent += 1)),
      n
        .send([
          { channel: 'fx_test_b', payload: '2' },
          { channel: 'fx_test_a', payload: '3' },
        ])
        .then(() => (sent += 1)),
    ]);
    expect(sent).toBe(0);
    await first;
    await n.send([{ channel: 'fx_test_a', payload: '4' }]);
    await until(() => got.length === 4);
    expect(got.map((g) => `${g.channel}:${g.payload}`)).toEqual([
      'fx_test_a:1',
      'fx_test_b:2',
      'fx_test_a:3',
      'fx_test_a:4',
    ]);
    expect(new Set(got.map((g) => g.pid)).size).toBe(1); // one connection
    await n.close();
    await n.send([{ channel: 'fx_test_a', payload: 'after close' }]); // dropped, never rejects
  });

  it('delivers every payload exactly (quotes, backslashes, braces, commas, accents, astral characters)', async () => {
    const n = new Notifier(t.app.db.url, createLogger('silent'));
    got.length = 0;
    const payloads = [
      JSON.stringify({ eventId: '1', referenciaExterna: 'A "quoted", {braced} \\ path', nombre: 'Peña Ñuñoa 🏥' }),
      '',
      'NULL',
      '{"a":[1,2]}',
    ];
    await n.send(payloads.map((payload) => ({ channel: 'fx_test_a', payload })));
    await until(() => got.length === payloads.length);
    expect(got.map((g) => g.payload)).toEqual(payloads);
    await n.close();
  });

  it('sends again on a new connection when its connection was terminated', async () => {
    const n = new Notifier(t.app.db.url, createLogger('silent'));
    got.length = 0;
    await n.send([{ channel: 'fx_test_a', payload: 'before' }]);
    await until(() => got.length === 1);
    const c = new pg.Client({ connectionString: t.app.db.url });
    await c.connect();
    const killed = await c.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'fx-notifier'
         and pid = $1`,
      [got[0]!.pid],
    );
    await c.end();
    expect(killed.rowCount).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    await n.send([{ channel: 'fx_test_b', payload: 'after' }]);
    await until(() => got.length === 2);
    expect(got.map((g) => g.payload)).toEqual(['before', 'after']);
    expect(got[1]!.pid).not.toBe(got[0]!.pid);
    await n.close();
  });
});
