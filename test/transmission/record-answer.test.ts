import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessedOutcome, RejectedOutcome } from '../../src/hacienda/index.js';
import { DEFAULT_PIPELINE, jobScope, loadPipelineInvoice } from '../../src/modules/transmission/job-scope.js';
import { markSignedAndSent } from '../../src/modules/transmission/mark-sent.js';
import { recordMhAnswer } from '../../src/modules/transmission/record-answer.js';
import { INVOICE_CHANNEL } from '../../src/modules/invoices/invoice-event-bus.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, type PipelineTenant } from '../helpers/pipeline.js';

// No worker runs: the documents move only as the test moves them.
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

const processed = (sello: string): ProcessedOutcome => ({
  kind: 'processed',
  codigoGeneracion: null,
  selloRecibido: sello,
  fhProcesamiento: '29/11/2026 10:00:00',
  codigoMsg: '001',
  descripcionMsg: 'RECIBIDO',
  observaciones: [],
  status: 200,
  raw: null,
});
const rejected: RejectedOutcome = {
  kind: 'rejected',
  codigoGeneracion: null,
  codigoMsg: '096',
  descripcionMsg: 'RECHAZADO',
  observaciones: ['campo inválido'],
  status: 400,
  raw: null,
};

async function sent(who: PipelineTenant) {
  const inv = await emit(who);
  expect(await markSignedAndSent(t.app.db, who.tenantId, inv.id, 'h..s')).toBe(1);
  return inv;
}

const row = async (id: string) =>
  (
    await t.app.db.pool.query<{ status: string; sello_recibido: string | null; mh_codigo_msg: string | null }>(
      `select status, sello_recibido, mh_codigo_msg from invoice where id = $1`,
      [id],
    )
  ).rows[0]!;
const eventTypes = async (id: string) =>
  (
    await t.app.db.pool.query<{ type: string }>(`select type from invoice_event where invoice_id = $1 order by id`, [
      id,
    ])
  ).rows.map((r) => r.type);
const emails = async (id: string) =>
  Number((await t.app.db.pool.query(`select count(*) from invoice_email where invoice_id = $1`, [id])).rows[0].count);

describe('recordMhAnswer', () => {
  it('records the answers of one turn in one statement, each row moved as its state and tenant allow', async () => {
    const [a, b, c] = [await sent(tt), await sent(tt), await sent(tt)];
    const stranger = await sent(other);
    const scope = jobScope(t.app, tt.tenantId, DEFAULT_PIPELINE);
    const loaded = await Promise.all([a, b, c].map((i) => loadPipelineInvoice(scope, i.id, false)));
    const strangerLoaded = await loadPipelineInvoice(jobScope(t.app, other.tenantId, DEFAULT_PIPELINE), stranger.id);
    let statements = 0;
    const query = t.app.db.pool.query.bind(t.app.db.pool);
    t.app.db.pool.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof query;
    let results: boolean[];
    try {
      results = await Promise.all([
        recordMhAnswer(scope, a.id, processed('SELLO-A'), 'SENT', loaded[0]),
        recordMhAnswer(scope, b.id, rejected, 'SENT', loaded[1]),
        // c is SENT, not UNKNOWN: this answer does not apply to it
        recordMhAnswer(scope, c.id, processed('SELLO-C'), 'UNKNOWN', loaded[2]),
        // another tenant's document is not this tenant's to move
        recordMhAnswer(scope, stranger.id, processed('SELLO-X'), 'SENT', strangerLoaded),
      ]);
    } finally {
      t.app.db.pool.query = query;
    }
    expect(statements).toBe(1);
    expect(results).toEqual([true, true, false, false]);
    expect(await row(a.id)).toEqual({ status: 'PROCESSED', sello_recibido: 'SELLO-A', mh_codigo_msg: '001' });
    expect(await row(b.id)).toEqual({ status: 'REJECTED', sello_recibido: null, mh_codigo_msg: '096' });
    expect(await row(c.id)).toMatchObject({ status: 'SENT', sello_recibido: null });
    expect(await row(stranger.id)).toMatchObject({ status: 'SENT', sello_recibido: null });
    expect((await eventTypes(a.id)).at(-1)).toBe('dte.processed');
    expect((await eventTypes(b.id)).at(-1)).toBe('dte.rejected');
    expect((await eventTypes(c.id)).at(-1)).toBe('dte.sent');
    expect((await eventTypes(stranger.id)).at(-1)).toBe('dte.sent');
    // the receptor's e-mail follows PROCESSED only
    expect(loaded[0]!.receptorCorreo).toBeTruthy();
    expect([await emails(a.id), await emails(b.id), await emails(c.id), await emails(stranger.id)]).toEqual([
      1, 0, 0, 0,
    ]);
    const jobs = await t.app.db.pool.query<{ kind: string; payload: { emailId: string }; dedupe_key: string }>(
      `select j.kind, j.payload, j.dedupe_key from job j join invoice_email m on m.id::text = j.payload->>'emailId'
       where m.invoice_id = $1`,
      [a.id],
    );
    expect(jobs.rows).toEqual([
      {
        kind: 'send-invoice-email',
        payload: jobs.rows[0]!.payload,
        dedupe_key: `email:${jobs.rows[0]!.payload.emailId}`,
      },
    ]);
  });

  it('an invoice answered twice in one turn: the first answer is recorded, the second finds it moved', async () => {
    const a = await sent(tt);
    const scope = jobScope(t.app, tt.tenantId, DEFAULT_PIPELINE);
    const inv = await loadPipelineInvoice(scope, a.id, false);
    const results = await Promise.all([
      recordMhAnswer(scope, a.id, processed('SELLO-1'), 'SENT', inv),
      recordMhAnswer(scope, a.id, processed('SELLO-2'), 'SENT', inv),
    ]);
    expect(results).toEqual([true, false]);
    expect(await row(a.id)).toMatchObject({ status: 'PROCESSED', sello_recibido: 'SELLO-1' });
    expect((await eventTypes(a.id)).filter((e) => e === 'dte.processed')).toHaveLength(1);
    expect(await emails(a.id)).toBe(1);
  });

  it('ends the job only under the claim that ran it: not once the same worker claimed it again', async () => {
    const [a, b] = [await sent(tt), await sent(tt)];
    const scope = jobScope(t.app, tt.tenantId, DEFAULT_PIPELINE);
    const loaded = await Promise.all([a, b].map((i) => loadPipelineInvoice(scope, i.id, false)));
    const jobs = await t.app.db.pool.query<{ id: string }>(
      `insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, locked_by, locked_until,
         created_at, updated_at)
       select $1, 'transmit-invoice', '{}', 'running', 0, now(), 1, 'test-worker:1', now() + interval '1 hour',
         now(), now() from generate_series(1, 2) returning id`,
      [tt.tenantId],
    );
    const [ja, jb] = jobs.rows.map((r) => String(r.id));
    const claim = (id: string) => ({ id, kind: 'transmit-invoice', tenantId: tt.tenantId, payload: {}, attempts: 1 });
    // b's lease ran out while its run waited for MH, and the same worker claimed the job again.
    await t.app.db.pool.query(`update job set attempts = 2 where id = $1`, [jb]);
    const results = await Promise.all([
      recordMhAnswer(scope, a.id, processed('SELLO-A'), 'SENT', loaded[0], {
        ...claim(ja!),
        lockedBy: 'test-worker:1',
      }),
      recordMhAnswer(scope, b.id, processed('SELLO-B'), 'SENT', loaded[1], {
        ...claim(jb!),
        lockedBy: 'test-worker:1',
      }),
    ]);
    // MH's answer is recorded either way (the document moves only from SENT); the job ended is a's only.
    expect(results).toEqual([true, true]);
    expect(await row(b.id)).toMatchObject({ status: 'PROCESSED', sello_recibido: 'SELLO-B' });
    const left = await t.app.db.pool.query(`select id::text, status, attempts from job where id = any($1::bigint[])`, [
      [ja, jb],
    ]);
    expect(left.rows).toEqual([{ id: jb, status: 'running', attempts: 2 }]);
  });
  it('records a first send with its answer: QUEUED → SIGNED → SENT → the answer, in one statement', async () => {
    const first = await tenantWithCredential(t);
    // An endpoint of every event type: only the answer's event is delivered (signed and sent are internal).
    await t.app.db.pool.query(
      `insert into webhook_endpoint (id, tenant_id, url, event_types, enabled, secret, created_at, updated_at)
       values (gen_random_uuid(), $1, 'http://127.0.0.1:9/hook', '[]', true, 'unused', now(), now())`,
      [first.tenantId],
    );
    const [a, b, c] = [await emit(first), await emit(first), await emit(first)];
    await markSignedAndSent(t.app.db, first.tenantId, c.id, 'h..sc'); // c was sent by an earlier run: not QUEUED
    const scope = jobScope(t.app, first.tenantId, DEFAULT_PIPELINE);
    const loaded = await Promise.all([a, b, c].map((i) => loadPipelineInvoice(scope, i.id, false)));
    const notes: { channel: string; payload: string }[] = [];
    const send = t.app.db.notifier.send.bind(t.app.db.notifier);
    t.app.db.notifier.send = (n) => {
      notes.push(...n);
      return send(n);
    };
    let results: boolean[];
    try {
      results = await Promise.all([
        recordMhAnswer(scope, a.id, processed('SELLO-A'), 'QUEUED', loaded[0], undefined, { jws: 'h..sa' }),
        recordMhAnswer(scope, b.id, rejected, 'QUEUED', loaded[1], undefined, { jws: 'h..sb' }),
        recordMhAnswer(scope, c.id, processed('SELLO-C'), 'QUEUED', loaded[2], undefined, { jws: 'h..sx' }),
      ]);
    } finally {
      t.app.db.notifier.send = send;
    }
    expect(results).toEqual([true, true, false]);
    const rows = await t.app.db.pool.query<{ id: string; status: string; jws: string; send_attempts: number }>(
      'select id::text, status, jws, send_attempts from invoice where id = any($1::uuid[])',
      [[a.id, b.id, c.id]],
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: 'PROCESSED', jws: 'h..sa', send_attempts: 1 });
    expect(byId.get(b.id)).toMatchObject({ status: 'REJECTED', jws: 'h..sb', send_attempts: 1 });
    expect(byId.get(c.id)).toMatchObject({ status: 'SENT', jws: 'h..sc', send_attempts: 1 }); // untouched
    const events = async (id: string) =>
      (
        await t.app.db.pool.query<{ type: string; from_status: string; to_status: string; data: unknown }>(
          'select type, from_status, to_status, data from invoice_event where invoice_id = $1 order by id',
          [id],
        )
      ).rows;
    expect((await events(a.id)).slice(1)).toEqual([
      { type: 'dte.signed', from_status: 'QUEUED', to_status: 'SIGNED', data: null },
      { type: 'dte.sent', from_status: 'SIGNED', to_status: 'SENT', data: { attempt: 1 } },
      expect.objectContaining({ type: 'dte.processed', from_status: 'SENT', to_status: 'PROCESSED' }),
    ]);
    expect((await events(b.id)).map((e) => e.type)).toEqual(['dte.queued', 'dte.signed', 'dte.sent', 'dte.rejected']);
    expect((await events(c.id)).map((e) => e.type)).toEqual(['dte.queued', 'dte.signed', 'dte.sent']);
    // announced in their order, each document's three events
    const announced = notes
      .filter((n) => n.channel === INVOICE_CHANNEL)
      .map((n) => JSON.parse(n.payload) as { invoiceId: string; type: string });
    expect(announced.filter((n) => n.invoiceId === a.id).map((n) => n.type)).toEqual([
      'dte.signed',
      'dte.sent',
      'dte.processed',
    ]);
    const deliveries = await t.app.db.pool.query<{ invoice_id: string; event_type: string }>(
      'select invoice_id::text, event_type from webhook_delivery where tenant_id = $1 order by event_type',
      [first.tenantId],
    );
    expect(deliveries.rows).toEqual([
      { invoice_id: a.id, event_type: 'dte.processed' },
      { invoice_id: b.id, event_type: 'dte.rejected' },
    ]);
    expect([await emails(a.id), await emails(b.id), await emails(c.id)]).toEqual([1, 0, 0]);
  });
});
