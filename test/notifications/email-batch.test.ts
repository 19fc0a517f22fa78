import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../src/db/notifier.js';
import { MailError, type MailMessage, type Mailer, type SendResult } from '../../src/modules/email/mailer.js';
import { sendInvoiceEmailJob } from '../../src/modules/email/send-invoice-email.job.js';
import { webhookDeliveryJob } from '../../src/modules/webhooks/deliver-webhook.job.js';
import type { ClaimedJob, JobOutcome } from '../../src/queue/job-definition.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import { spyOnPoolQueries } from '../helpers/pool-spy.js';

const LEASE = 'test-worker:1';

let t: TestApp;
let tt: PipelineTenant;
/** Every statement text run on the hot pool, and every note handed to the notifier. */
const statements: string[] = [];
const notes: Note[] = [];

beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  tt = await tenantWithCredential(t);
  const pool = t.app.db.pool;
  spyOnPoolQueries(pool, (text) => statements.push(text));
  const send = t.app.db.notifier.send.bind(t.app.db.notifier);
  t.app.db.notifier.send = (n: readonly Note[]) => {
    notes.push(...n);
    return send(n);
  };
  // One endpoint subscribed to the e-mail events: each event gets its outbox row.
  await pool.query(
    `insert into webhook_endpoint (id, tenant_id, url, event_types, enabled, secret, created_at, updated_at)
     values (gen_random_uuid(), $1, 'http://127.0.0.1:9/hook', '["dte.email.delivered", "dte.email.failed"]', true,
             'unused', now(), now())`,
    [tt.tenantId],
  );
}, 60_000);
afterAll(async () => t?.close());

/** Processed invoices without a receptor e-mail (the worker queues none): the test queues its own. */
async function processedInvoices(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = facturaBody();
    const receptor = { ...(body.receptor as Record<string, unknown>) };
    delete receptor.correo;
    ids.push((await emit(tt, { ...body, receptor })).id);
  }
  const done = await waitForStatus(t, ids, ['PROCESSED']);
  expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
  return ids;
}

/** A PENDING e-mail row and its job, running under LEASE (as a worker claimed it). */
async function queuedEmail(invoiceId: string, to: string): Promise<ClaimedJob<{ emailId: string }>> {
  const pool = t.app.db.pool;
  const { rows } = await pool.query<{ id: string }>(
    `insert into invoice_email (id, tenant_id, invoice_id, "to", status, attempts, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, 'PENDING', 0, now(), now()) returning id`,
    [tt.tenantId, invoiceId, to],
  );
  const emailId = rows[0]!.id;
  const job = await pool.query<{ id: string }>(
    `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, locked_by,
       locked_until, created_at, updated_at)
     values ($1, $2, $3, 'running', $4, $5, now(), 1, $6, now() + interval '1 hour', now(), now()) returning id`,
    [
      tt.tenantId,
      sendInvoiceEmailJob.kind,
      JSON.stringify({ emailId }),
      sendInvoiceEmailJob.priority,
      sendInvoiceEmailJob.dedupeKey({ emailId }),
      LEASE,
    ],
  );
  return {
    id: String(job.rows[0]!.id),
    kind: sendInvoiceEmailJob.kind,
    tenantId: tt.tenantId,
    payload: { emailId },
    attempts: 1,
    lockedBy: LEASE,
  };
}

/**
 * A mailer that answers nobody until all `n` messages were handed to it, then everyone at once (the e-mails finish
 * in the same turn): `answer(to)` gives the result or throws. `beforeAnswer` runs just before.
 */
function barrierMailer(n: number, answer: (to: string) => SendResult, beforeAnswer?: () => Promise<void>): Mailer {
  const waiting: { msg: MailMessage; resolve: (r: SendResult) => void; reject: (e: unknown) => void }[] = [];
  return {
    close() {},
    send(msg) {
      return new Promise<SendResult>((resolve, reject) => {
        waiting.push({ msg, resolve, reject });
        if (waiting.length < n) return;
        void (async () => {
          await beforeAnswer?.();
          for (const w of waiting) {
            try {
              w.resolve(answer(w.msg.to));
            } catch (err) {
              w.reject(err);
            }
          }
        })();
      });
    },
  };
}

const run = (mailer: Mailer, jobs: ClaimedJob<{ emailId: string }>[]) =>
  Promise.allSettled(jobs.map((j) => sendInvoiceEmailJob.run({ app: t.app, mailer }, j)));

const recordStatements = () => statements.filter((s) => /update invoice_email/.test(s));

async function emailRow(id: string) {
  const { rows } = await t.app.db.pool.query(
    `select status, attempts, error, message_id, sent_at from invoice_email where id = $1`,
    [id],
  );
  return rows[0];
}
async function events(invoiceId: string) {
  const { rows } = await t.app.db.pool.query<{ id: string; type: string; data: Record<string, unknown> }>(
    `select id::text, type, data from invoice_event where invoice_id = $1 and type like 'dte.email.%' order by id`,
    [invoiceId],
  );
  return rows;
}
async function jobRow(id: string) {
  const { rows } = await t.app.db.pool.query(`select status, locked_by from job where id = $1`, [id]);
  return rows[0] ?? null;
}
async function storedPdfs(invoiceId: string) {
  const { rows } = await t.app.db.pool.query(
    `select status, bytes, content from invoice_document where invoice_id = $1`,
    [invoiceId],
  );
  return rows as { status: string; bytes: number; content: Buffer }[];
}

describe('e-mail jobs finishing together', () => {
  it('are recorded by one statement: every row, event, webhook row, PDF, job end and note as alone', async () => {
    const [a, b, c] = await processedInvoices(3);
    // Two e-mails of one invoice, one refused for good (550), one to try again later (451).
    const jobs = [
      await queuedEmail(a!, 'a1@example.com'),
      await queuedEmail(a!, 'a2@example.com'),
      await queuedEmail(b!, 'b@example.com'),
      await queuedEmail(c!, 'c@example.com'),
    ];
    const [a1, a2, bj, cj] = jobs.map((j) => j.payload.emailId);
    const mailer = barrierMailer(4, (to) => {
      if (to.startsWith('b@')) throw new MailError('SMTP_FAILED', 'mailbox unavailable', 550);
      if (to.startsWith('c@')) throw new MailError('SMTP_FAILED', 'try again later', 451);
      return { status: 'SENT', messageId: `<${to}>` };
    });
    statements.length = 0;
    notes.length = 0;
    const outcomes = await run(mailer, jobs);
    expect(recordStatements()).toHaveLength(1);

    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : o.reason)) as JobOutcome[];
    expect(values.slice(0, 3)).toEqual([0, 1, 2].map(() => ({ kind: 'done', recorded: true })));
    expect(values[3]).toMatchObject({ kind: 'retry', error: 'try again later' });

    expect(await emailRow(a1!)).toMatchObject({
      status: 'SENT',
      attempts: 1,
      error: null,
      message_id: '<a1@example.com>',
    });
    expect(await emailRow(a2!)).toMatchObject({
      status: 'SENT',
      attempts: 1,
      error: null,
      message_id: '<a2@example.com>',
    });
    expect((await emailRow(a1!)).sent_at).not.toBeNull();
    expect(await emailRow(bj!)).toMatchObject({ status: 'FAILED', attempts: 1, error: 'mailbox unavailable' });
    expect(await emailRow(cj!)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      error: 'try again later',
      sent_at: null,
    });

    // Each settled e-mail has its own event, each event its own webhook row.
    const evA = await events(a!);
    expect(evA.map((e) => [e.type, e.data.emailId, e.data.to])).toEqual([
      ['dte.email.delivered', a1, 'a1@example.com'],
      ['dte.email.delivered', a2, 'a2@example.com'],
    ]);
    const evB = await events(b!);
    expect(evB.map((e) => [e.type, e.data.emailId, e.data.error])).toEqual([
      ['dte.email.failed', bj, 'mailbox unavailable'],
    ]);
    expect(await events(c!)).toEqual([]);
    const { rows: deliveries } = await t.app.db.pool.query<{ ev: string; type: string; to: string }>(
      `select invoice_event_id::text as ev, event_type as type, data->>'to' as to from webhook_delivery
       where invoice_id = any($1::uuid[]) order by invoice_event_id`,
      [[a, b, c]],
    );
    expect(deliveries).toEqual([
      { ev: evA[0]!.id, type: 'dte.email.delivered', to: 'a1@example.com' },
      { ev: evA[1]!.id, type: 'dte.email.delivered', to: 'a2@example.com' },
      { ev: evB[0]!.id, type: 'dte.email.failed', to: 'b@example.com' },
    ]);
    const { rows: deliveryJobs } = await t.app.db.pool.query(
      `select 1 from job j join webhook_delivery d on j.payload->>'deliveryId' = d.id::text
       where d.invoice_id = any($1::uuid[])`,
      [[a, b, c]],
    );
    expect(deliveryJobs).toHaveLength(3);

    // The PDF rendered for the e-mails kept once per invoice (the two of one invoice store one).
    for (const id of [a!, b!, c!]) {
      const pdfs = await storedPdfs(id);
      expect(pdfs).toHaveLength(1);
      expect(pdfs[0]!.status).toBe('PROCESSED');
      expect(pdfs[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfs[0]!.content.length).toBe(pdfs[0]!.bytes);
    }

    // The jobs that ended are gone; the one tried again is still held (the worker requeues it).
    for (const j of jobs.slice(0, 3)) expect(await jobRow(j.id)).toBeNull();
    expect(await jobRow(jobs[3]!.id)).toEqual({ status: 'running', locked_by: LEASE });

    // Announced: one note per event, then the webhook jobs' wake-up.
    const announced = notes.filter((n) => n.channel !== 'fx_jobs').map((n) => JSON.parse(n.payload));
    expect(announced.map((n) => [n.eventId, n.type, n.invoiceId])).toEqual([
      [evA[0]!.id, 'dte.email.delivered', a],
      [evA[1]!.id, 'dte.email.delivered', a],
      [evB[0]!.id, 'dte.email.failed', b],
    ]);
    expect(notes.filter((n) => n.channel === 'fx_jobs').map((n) => n.payload)).toContain(webhookDeliveryJob.kind);
  }, 60_000);

  it('a job whose lease was lost records nothing; the others of its statement are recorded', async () => {
    const [d, e] = await processedInvoices(2);
    const held = await queuedEmail(d!, 'd@example.com');
    const lost = await queuedEmail(e!, 'e@example.com');
    const lostRetry = await queuedEmail(e!, 'e2@example.com');
    // Another worker took both jobs over while their e-mails were being sent.
    const takeOver = async () => {
      await t.app.db.pool.query(`update job set locked_by = 'other-worker:2' where id = any($1::bigint[])`, [
        [lost.id, lostRetry.id],
      ]);
    };
    const mailer = barrierMailer(
      3,
      (to) => {
        if (to.startsWith('e2@')) throw new MailError('SMTP_FAILED', 'try again later', 451);
        return { status: 'SENT', messageId: `<${to}>` };
      },
      takeOver,
    );
    statements.length = 0;
    notes.length = 0;
    const outcomes = await run(mailer, [held, lost, lostRetry]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(recordStatements()).toHaveLength(1);

    expect(await emailRow(held.payload.emailId)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(await events(d!)).toHaveLength(1);
    expect(await storedPdfs(d!)).toHaveLength(1);
    expect(await jobRow(held.id)).toBeNull();

    for (const j of [lost, lostRetry]) {
      expect(await emailRow(j.payload.emailId)).toMatchObject({
        status: 'PENDING',
        attempts: 0,
        error: null,
        message_id: null,
      });
      expect(await jobRow(j.id)).toEqual({ status: 'running', locked_by: 'other-worker:2' });
    }
    expect(await events(e!)).toEqual([]);
    expect(await storedPdfs(e!)).toEqual([]);
    expect(notes.filter((n) => n.channel !== 'fx_jobs').map((n) => JSON.parse(n.payload).invoiceId)).toEqual([d]);
  }, 60_000);

  it('a job claimed again by the same worker records nothing under its earlier claim', async () => {
    const [r] = await processedInvoices(1);
    const again = await queuedEmail(r!, 'r@example.com');
    const againRetry = await queuedEmail(r!, 'r2@example.com');
    // Their leases ran out while the e-mails were being sent, and this same worker claimed both jobs again.
    const claimAgain = async () => {
      await t.app.db.pool.query(`update job set attempts = attempts + 1 where id = any($1::bigint[])`, [
        [again.id, againRetry.id],
      ]);
    };
    const mailer = barrierMailer(
      2,
      (to) => {
        if (to.startsWith('r2@')) throw new MailError('SMTP_FAILED', 'try again later', 451);
        return { status: 'SENT', messageId: `<${to}>` };
      },
      claimAgain,
    );
    const outcomes = await run(mailer, [again, againRetry]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    for (const j of [again, againRetry]) {
      expect(await emailRow(j.payload.emailId)).toMatchObject({ status: 'PENDING', attempts: 0, message_id: null });
      const { rows } = await t.app.db.pool.query(`select status, locked_by, attempts from job where id = $1`, [j.id]);
      expect(rows).toEqual([{ status: 'running', locked_by: LEASE, attempts: 2 }]);
    }
    expect(await events(r!)).toEqual([]);
  }, 60_000);

  it('a failed statement is split: each e-mail recorded once alone, the failing one left to its retry', async () => {
    const [f, g] = await processedInvoices(2);
    const ok = await queuedEmail(f!, 'f@example.com');
    const bad = await queuedEmail(g!, 'g@example.com');
    // A Message-ID longer than the column takes: PostgreSQL refuses that row, and with it the whole statement.
    const mailer = barrierMailer(2, (to) => ({
      status: 'SENT',
      messageId: to.startsWith('g@') ? 'x'.repeat(400) : '<f>',
    }));
    statements.length = 0;
    const outcomes = await run(mailer, [ok, bad]);
    expect(recordStatements()).toHaveLength(3);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { kind: 'done', recorded: true } });
    // Thrown, as when its statement alone fails: the worker tries the job again (the e-mail is still PENDING).
    expect(outcomes[1]!.status).toBe('rejected');

    expect(await emailRow(ok.payload.emailId)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(await events(f!)).toHaveLength(1);
    expect(await jobRow(ok.id)).toBeNull();
    expect(await emailRow(bad.payload.emailId)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(await events(g!)).toEqual([]);
    expect(await storedPdfs(g!)).toEqual([]);
    expect(await jobRow(bad.id)).toEqual({ status: 'running', locked_by: LEASE });
  }, 60_000);
});
