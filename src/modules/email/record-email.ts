/**
 * Recording an e-mail attempt: the e-mail row, the PDF rendered for it, the event with its webhook fan-out and the
 * end of its job — one statement, one transaction. The attempts that end in the same turn of the event loop (the
 * e-mail jobs of a claim finish in bursts) are recorded by one statement: one round trip and one commit for all of
 * them, each row still written only as its own attempt says.
 */
import { coalescePerPool } from '../../db/coalesce.js';
import type { Database } from '../../db/database.js';
import { answeredByPostgres, prepared, SqlParams, tenantCheck } from '../../db/sql-params.js';
import { INVOICE_CHANNEL } from '../invoices/invoice-event-bus.js';
import { webhookFanOutCtes } from '../notifications/fan-out.js';
import { jobNotes } from '../../db/notifier.js';

/** One attempt to record. The strings of `event` are JSON texts. */
export interface EmailAttempt {
  tenantId: string;
  emailId: string;
  invoiceId: string;
  /**
   * The job that made the attempt, held under this claim (worker and attempts): nothing is recorded once it was lost
   * (another claim holds the job — of another worker or of this one — or ended it). `ends`: the job is ended
   * (deleted as done) by the same statement. Null for a job run without a lease (nothing to fence; the caller ends
   * it).
   */
  job: { id: string; lockedBy: string; attempts: number; ends: boolean } | null;
  /** Handed to the mailer: its status, and what the row keeps of the message. */
  sent: { status: string; messageId: string; location: string | null; pdfOmittedReason: string | null } | null;
  /** The e-mail failed for good (FAILED), or (not `sent`, not `failed`) will be tried again. */
  failed: boolean;
  error: string | null;
  /** When the attempt ended (the row's sent_at when sent). */
  at: Date;
  /** The event appended, when the attempt settles the e-mail; `webhook`: its webhook data (null: none). */
  event: { type: string; data: string; webhook: string | null } | null;
  referenciaExterna: string;
  patientId: string | null;
  /** The PDF rendered for the e-mail, kept for the invoice in the status it was printed in (first insert wins). */
  pdf: { status: string; content: Buffer } | null;
}

/** The row's attempts once recorded, or null when nothing was recorded (the lease was lost, or the row is gone). */
export async function recordEmailAttempt(db: Database, attempt: EmailAttempt): Promise<number | null> {
  const r = await recordMany(db, attempt);
  if (!r) return null;
  if ('error' in r) throw r.error;
  return r.attempts;
}

type Recorded = { attempts: number | null } | { error: unknown };

const recordMany = coalescePerPool<Database, EmailAttempt, Recorded>(async (db, attempts) => {
  const out = new Map<EmailAttempt, Recorded>();
  // (one e-mail twice in a turn — two leases of its job in one process — is recorded as if one after the other)
  for (const round of distinctRounds(attempts)) {
    try {
      for (const [a, n] of await recordRound(db, round)) out.set(a, { attempts: n });
    } catch (err) {
      // Rolled back whole (PostgreSQL answered): each attempt alone, with its own outcome or its own error. Without
      // an answer (a lost connection) the outcome is unknown: each gets the error, as an attempt alone would.
      if (round.length === 1 || !answeredByPostgres(err)) {
        for (const a of round) out.set(a, { error: err });
        continue;
      }
      for (const a of round) {
        try {
          out.set(a, { attempts: (await recordRound(db, [a])).get(a) ?? null });
        } catch (alone) {
          out.set(a, { error: alone });
        }
      }
    }
  }
  return out;
});

function distinctRounds(attempts: EmailAttempt[]): EmailAttempt[][] {
  const rounds: { keys: Set<string>; attempts: EmailAttempt[] }[] = [];
  for (const a of attempts) {
    const key = a.emailId.toLowerCase();
    let round = rounds.find((r) => !r.keys.has(key));
    if (!round) rounds.push((round = { keys: new Set(), attempts: [] }));
    round.keys.add(key);
    round.attempts.push(a);
  }
  return rounds.map((r) => r.attempts);
}

const COLUMNS: [string, string][] = [
  ['email_id', 'uuid'],
  ['tenant_id', 'uuid'],
  ['invoice_id', 'uuid'],
  ['job_id', 'bigint'],
  ['locked_by', 'text'],
  ['job_attempts', 'int'],
  ['ends', 'boolean'],
  ['sent', 'boolean'],
  ['status', 'text'],
  ['message_id', 'text'],
  ['location', 'text'],
  ['error', 'text'],
  ['pdf_omitted', 'text'],
  ['sent_at', 'timestamptz'],
  ['ev_type', 'text'],
  ['ev_data', 'text'],
  ['wh_data', 'text'],
  ['ref', 'text'],
  ['patient_id', 'text'],
  ['pdf_status', 'text'],
  ['pdf_from', 'int'],
  ['pdf_bytes', 'int'],
];

let statement: { text: string; constants: unknown[] } | undefined;

/**
 * The statement: its text, and its constant parameters (after the columns of the attempts and the PDFs' bytes).
 * The fence comes first: a job ended by its attempt is deleted if this worker still holds it, a job tried again is
 * locked if it still does (the worker requeues it after this commit); an attempt whose job was not found so writes
 * nothing. Each event's id is taken before it is inserted, so the event, its webhook rows and its announcement stay
 * with their own attempt (two e-mails of one invoice in one statement included).
 */
function recordStatement(): { text: string; constants: unknown[] } {
  if (statement) return statement;
  const p = new SqlParams();
  const arrays = COLUMNS.map(([, cast]) => p.add(null, `${cast}[]`)).join(', ');
  const pdfs = p.add(null, 'bytea');
  const text = `with k as (
      select * from unnest(${arrays}) with ordinality k(${COLUMNS.map(([c]) => c).join(', ')}, ord)),
    -- (each job found by its key, its status only checked: the planner would otherwise read every running job
    -- through the lease index, whose condition is that status)
    fx_job as (
      delete from job j
      where j.id = any(array(select job_id from k where ends)) and ${tenantCheck('j.status', "'running'")}
        and (j.id, j.locked_by::text, j.attempts) in (select job_id, locked_by, job_attempts from k)
      returning j.id),
    fx_held as (
      select j.id from job j
      where j.id = any(array(select job_id from k where not ends)) and ${tenantCheck('j.status', "'running'")}
        and (j.id, j.locked_by::text, j.attempts) in (select job_id, locked_by, job_attempts from k)
      order by j.id
      for update of j),
    fx_ok as (
      select * from k
      where k.locked_by is null or k.job_id in (select id from fx_job union all select id from fx_held)),
    fx_pdf as (
      insert into invoice_document (id, tenant_id, invoice_id, status, variant, content_type, content, bytes,
        created_at)
      select distinct on (invoice_id, pdf_status) fx_uuid_v7(), tenant_id, invoice_id, pdf_status,
             ${p.add('letter')}, 'application/pdf', substring(${pdfs} from pdf_from for pdf_bytes), pdf_bytes, now()
      from fx_ok
      where pdf_bytes is not null
      order by invoice_id, pdf_status, ord
      on conflict on constraint invoice_document_unique do nothing),
    -- (each row found by its key: joined to the attempts, the planner may read the whole table, which keeps every
    -- document's e-mail)
    fx_m as (
      update invoice_email e set attempts = e.attempts + 1, status = coalesce(k.status, e.status),
        message_id = case when k.sent then k.message_id else e.message_id end,
        location = case when k.sent then k.location else e.location end,
        error = k.error,
        pdf_omitted_reason = case when k.sent then k.pdf_omitted else e.pdf_omitted_reason end,
        sent_at = case when k.sent then k.sent_at else e.sent_at end,
        updated_at = now()
      from fx_ok k
      where e.id = any(array(select email_id from fx_ok)) and e.id = k.email_id
        and ${tenantCheck('e.tenant_id', 'k.tenant_id')}
      returning e.tenant_id, e.invoice_id, e.attempts, k.ord),
    -- (the event records the invoice's status as it stands: the e-mail does not move it)
    fx_s as (
      select i.tenant_id, i.id as invoice_id, i.status, m.ord, k.ev_type, k.ev_data, k.wh_data, k.ref, k.patient_id,
             nextval('invoice_event_id_seq'::regclass) as ev_id
      from fx_m m join k on k.ord = m.ord join invoice i on i.id = m.invoice_id and i.tenant_id = m.tenant_id
      where k.ev_type is not null),
    fx_ev as (
      insert into invoice_event (id, tenant_id, invoice_id, type, from_status, to_status, data, created_at)
      select ev_id, tenant_id, invoice_id, ev_type, status, status, ev_data::jsonb, now() from fx_s order by ord
      returning id, tenant_id, invoice_id, type, to_status),
    ${webhookFanOutCtes(p, 'fx_s s on s.ev_id = ev.id', 's.wh_data').join(',\n    ')}
    select m.ord, m.attempts,
           case when ev.id is not null then
             json_build_object('eventId', ev.id::text, 'invoiceId', ev.invoice_id, 'tenantId', ev.tenant_id,
               'type', ev.type::text, 'status', ev.to_status, 'referenciaExterna', s.ref,
               'patientId', s.patient_id)::text end as note,
           (select array_agg(distinct kind) from fx_wj) as woken
      from fx_m m left join fx_s s on s.ord = m.ord left join fx_ev ev on ev.id = s.ev_id
      order by m.ord`;
  statement = { text, constants: p.values.slice(COLUMNS.length + 1) };
  return statement;
}

async function recordRound(db: Database, attempts: EmailAttempt[]): Promise<Map<EmailAttempt, number>> {
  const { text, constants } = recordStatement();
  const col = <T>(f: (a: EmailAttempt) => T) => attempts.map(f);
  // The PDFs travel as one binary parameter, each row naming its part (an array of bytea would go as hex text).
  const pdfs: Buffer[] = [];
  const from: (number | null)[] = [];
  let at = 1;
  for (const a of attempts) {
    from.push(a.pdf ? at : null);
    if (a.pdf) {
      pdfs.push(a.pdf.content);
      at += a.pdf.content.length;
    }
  }
  const { rows } = await db.pool.query<{ ord: string; attempts: number; note: string | null; woken: string[] | null }>(
    prepared(text, [
      col((a) => a.emailId),
      col((a) => a.tenantId),
      col((a) => a.invoiceId),
      col((a) => a.job?.id ?? null),
      col((a) => a.job?.lockedBy ?? null),
      col((a) => a.job?.attempts ?? null),
      col((a) => a.job?.ends ?? false),
      col((a) => a.sent !== null),
      col((a) => a.sent?.status ?? (a.failed ? 'FAILED' : null)),
      col((a) => a.sent?.messageId ?? null),
      col((a) => a.sent?.location ?? null),
      col((a) => a.error),
      col((a) => a.sent?.pdfOmittedReason ?? null),
      col((a) => a.at),
      col((a) => a.event?.type ?? null),
      col((a) => a.event?.data ?? null),
      col((a) => a.event?.webhook ?? null),
      col((a) => a.referenciaExterna),
      col((a) => a.patientId),
      col((a) => a.pdf?.status ?? null),
      from,
      col((a) => a.pdf?.content.length ?? null),
      pdfs.length === 1 ? pdfs[0] : Buffer.concat(pdfs),
      ...constants,
    ]),
  );
  // Announced once committed (see the database's Notifier): the events, then the wake-up of the webhook jobs.
  await db.notifier.send([
    ...rows.flatMap((r) => (r.note ? [{ channel: INVOICE_CHANNEL, payload: r.note }] : [])),
    ...jobNotes(rows.flatMap((r) => r.woken ?? [])),
  ]);
  return new Map(rows.map((r) => [attempts[Number(r.ord) - 1]!, r.attempts]));
}
