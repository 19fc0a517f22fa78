import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markSignedAndSent } from '../../src/modules/transmission/mark-sent.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, type PipelineTenant } from '../helpers/pipeline.js';

// No worker runs: the documents stay QUEUED until the test moves them.
let t: TestApp;
let tt: PipelineTenant;
let other: PipelineTenant;
beforeAll(async () => {
  t = await startTestApp();
  tt = await tenantWithCredential(t);
  other = await tenantWithCredential(t);
});
afterAll(async () => {
  await t?.close();
});

const events = async (id: string) =>
  (
    await t.app.db.pool.query<{ type: string; from_status: string; to_status: string; data: unknown }>(
      `select type, from_status, to_status, data from invoice_event where invoice_id = $1 order by id`,
      [id],
    )
  ).rows;

describe('markSignedAndSent', () => {
  it('moves the documents signed together in one statement, each only if QUEUED and of its own tenant', async () => {
    const [a, b, c] = [await emit(tt), await emit(tt), await emit(tt)];
    const stranger = await emit(other);
    let statements = 0;
    const query = t.app.db.pool.query.bind(t.app.db.pool);
    t.app.db.pool.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof query;
    let results: (number | null)[];
    try {
      results = await Promise.all([
        markSignedAndSent(t.app.db, tt.tenantId, a.id, 'h..sa'),
        markSignedAndSent(t.app.db, tt.tenantId, b.id, 'h..sb'),
        markSignedAndSent(t.app.db, tt.tenantId, c.id, 'h..sc'),
        // another tenant's document is not this tenant's to move
        markSignedAndSent(t.app.db, tt.tenantId, stranger.id, 'h..sx'),
      ]);
    } finally {
      t.app.db.pool.query = query;
    }
    expect(statements).toBe(1);
    expect(results).toEqual([1, 1, 1, null]);
    const { rows } = await t.app.db.pool.query<{ id: string; status: string; jws: string; send_attempts: number }>(
      `select id, status, jws, send_attempts from invoice where id = any($1::uuid[])`,
      [[a.id, b.id, c.id, stranger.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: 'SENT', jws: 'h..sa', send_attempts: 1 });
    expect(byId.get(c.id)).toMatchObject({ status: 'SENT', jws: 'h..sc', send_attempts: 1 });
    expect(byId.get(stranger.id)).toMatchObject({ status: 'QUEUED', send_attempts: 0 });
    expect((await events(b.id)).slice(-2)).toEqual([
      { type: 'dte.signed', from_status: 'QUEUED', to_status: 'SIGNED', data: null },
      { type: 'dte.sent', from_status: 'SIGNED', to_status: 'SENT', data: { attempt: 1 } },
    ]);
    expect((await events(stranger.id)).map((e) => e.type)).not.toContain('dte.sent');
    // a second run finds them moved already
    expect(await markSignedAndSent(t.app.db, tt.tenantId, a.id, 'h..again')).toBeNull();
  });
});
