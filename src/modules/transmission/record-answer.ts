import { coalescePerPool } from '../../db/coalesce.js';
import type { Database } from '../../db/database.js';
import { jobNotes } from '../../db/notifier.js';
import { prepared, SqlParams, tenantCheck } from '../../db/sql-params.js';
import type { ProcessedOutcome, RejectedOutcome } from '../../hacienda/index.js';
import { dedupeKeyPrefix, jobInsertSelect } from '../../queue/enqueue.js';
import type { ClaimedJob } from '../../queue/job-definition.js';
import { sendInvoiceEmailJob } from '../email/send-invoice-email.job.js';
import { INVOICE_CHANNEL } from '../invoices/invoice-event-bus.js';
import { assertMove, type InvoiceStatus } from '../invoices/invoice-lifecycle.js';
import { eventData } from '../notifications/event-payloads.js';
import { type FanOutInvoice, webhookFanOutCtes } from '../notifications/fan-out.js';
import { loadPipelineInvoice, type JobScope } from './job-scope.js';
import { signedAndSentEvents } from './mark-sent.js';

/**
 * MH's final word on a document (from recepción, consulta or a lote): PROCESSED with its sello, or REJECTED.
 * ONE statement (its own transaction): the row is moved only if it is still in `from` (a legal move to the answer's
 * status by the lifecycle table) and belongs to the scope's tenant, and with it
 * the event, its webhook outbox rows and delivery jobs, the receptor's e-mail and its job; the event and the workers'
 * wake-up are announced once it committed (through the database's Notifier), before this resolves. Returns
 * false when the invoice had already left `from` (another run recorded an answer): then nothing is written for it.
 * `invoice` is the invoice as the caller loaded it in this run (its facts do not change while it waits for MH);
 * without it, it is read first. `ending`: the job this answer ends, deleted as done in the same statement (fenced by
 * its lease; the caller returns jobDoneOutcome).
 * The answers that arrive in the same turn of the event loop (a claimed batch sent together) are recorded by one
 * statement: one round trip and one commit for all of them, each row still moved only as its own answer allows.
 */
export async function recordMhAnswer(
  scope: JobScope,
  id: string,
  o: ProcessedOutcome | RejectedOutcome,
  from: InvoiceStatus,
  invoice?: FanOutInvoice,
  ending?: ClaimedJob,
  firstSend?: FirstSend,
): Promise<boolean> {
  const to: InvoiceStatus = o.kind === 'processed' ? 'PROCESSED' : 'REJECTED';
  if (firstSend) {
    if (from !== 'QUEUED') throw new Error(`a first send is recorded from QUEUED, not ${from}`);
  } else assertMove(from, to);
  const before = invoice ?? (await loadPipelineInvoice(scope, id, false));
  const sandbox = scope.app.mh.isSandbox; // the answer came from a sandbox, not MH
  const after: FanOutInvoice = {
    id,
    referenciaExterna: before.referenciaExterna,
    codigoGeneracion: before.codigoGeneracion,
    numeroControl: before.numeroControl,
    tipoDte: before.tipoDte,
    ambiente: before.ambiente,
    patientId: before.patientId,
    selloRecibido: before.selloRecibido,
    fhProcesamiento: before.fhProcesamiento,
    totalPagar: before.totalPagar,
    tipoContingencia: before.tipoContingencia,
    motivoContin: before.motivoContin,
    invalidation: before.invalidation,
    receptorCorreo: before.receptorCorreo,
    status: to,
    mhCodigoMsg: o.codigoMsg,
    mhDescripcionMsg: o.descripcionMsg,
    observaciones: o.observaciones,
    sandbox: before.sandbox || sandbox,
    ...(o.kind === 'processed' ? { selloRecibido: o.selloRecibido, fhProcesamiento: o.fhProcesamiento } : {}),
  };
  const type = o.kind === 'processed' ? 'dte.processed' : 'dte.rejected';
  const data =
    o.kind === 'processed'
      ? { selloRecibido: o.selloRecibido, codigoMsg: o.codigoMsg, observaciones: o.observaciones }
      : { codigoMsg: o.codigoMsg, descripcionMsg: o.descripcionMsg, observaciones: o.observaciones };
  const webhook = eventData(type, after, data);
  const answer: Answer = {
    tenantId: scope.tenantId,
    invoiceId: id,
    from,
    to,
    processed:
      o.kind === 'processed' ? { sello: o.selloRecibido, fh: o.fhProcesamiento, at: scope.app.clock.now() } : null,
    codigoMsg: o.codigoMsg,
    descripcionMsg: o.descripcionMsg,
    observaciones: o.observaciones === null || o.observaciones === undefined ? null : JSON.stringify(o.observaciones),
    sandbox,
    type,
    data: JSON.stringify(data),
    webhook: webhook ? JSON.stringify(webhook) : null,
    // The receptor gets the document once MH has processed it, committed with the state change.
    emailTo: o.kind === 'processed' && before.receptorCorreo ? before.receptorCorreo : null,
    referenciaExterna: after.referenciaExterna,
    patientId: after.patientId ?? null,
    job: ending?.lockedBy ? { id: ending.id, lockedBy: ending.lockedBy, attempts: ending.attempts } : null,
    jws: firstSend?.jws ?? null,
  };
  return (await recordMany(scope.app.db, answer)) ?? false;
}

/**
 * A document's first send, recorded with MH's answer to it (`from` is then QUEUED): the row moves QUEUED → SIGNED →
 * SENT → the answer's status in one statement, its JWS (as the row keeps it) stored and the send counted, with the
 * events dte.signed and dte.sent before the answer's, as if each step had been committed on its own.
 */
export interface FirstSend {
  jws: string;
}

// The moves a first send's answer makes (QUEUED → SIGNED → SENT → PROCESSED | REJECTED), legal by the lifecycle table.
assertMove('QUEUED', 'SIGNED');
assertMove('SIGNED', 'SENT');
assertMove('SENT', 'PROCESSED');
assertMove('SENT', 'REJECTED');

interface Answer {
  tenantId: string;
  invoiceId: string;
  from: InvoiceStatus;
  to: InvoiceStatus;
  processed: { sello: string; fh: string | null; at: Date } | null;
  codigoMsg: string | null;
  descripcionMsg: string | null;
  /** JSON text, or null. */
  observaciones: string | null;
  sandbox: boolean;
  type: string;
  /** The event's data (JSON text). */
  data: string;
  /** The webhook data (JSON text), or null when the event is not delivered to subscribers. */
  webhook: string | null;
  emailTo: string | null;
  referenciaExterna: string;
  patientId: string | null;
  /** The job ended, under its claim (worker and attempts). */
  job: { id: string; lockedBy: string; attempts: number } | null;
  /** A first send's JWS (as the row keeps it), recorded with its answer; null otherwise. */
  jws: string | null;
}

const recordMany = coalescePerPool<Database, Answer, boolean>(async (db, answers) => {
  const recorded = new Map<Answer, boolean>();
  // One invoice answered twice in a turn: the later answer is recorded after the earlier one (as if one by one).
  for (const round of distinctRounds(answers)) {
    try {
      for (const [a, ok] of await recordRound(db, round)) recorded.set(a, ok);
    } catch (err) {
      // One bad answer must not fail the others of its turn: alone, each succeeds or fails on its own.
      if (round.length === 1) throw err;
      for (const a of round) recorded.set(a, (await recordRound(db, [a]).catch(() => null))?.get(a) ?? false);
      if (round.every((a) => !recorded.get(a))) throw err;
    }
  }
  return recorded;
});

function distinctRounds(answers: Answer[]): Answer[][] {
  const rounds: { keys: Set<string>; answers: Answer[] }[] = [];
  for (const a of answers) {
    const key = `${a.tenantId}/${a.invoiceId}`.toLowerCase();
    let round = rounds.find((r) => !r.keys.has(key));
    if (!round) rounds.push((round = { keys: new Set(), answers: [] }));
    round.keys.add(key);
    round.answers.push(a);
  }
  return rounds.map((r) => r.answers);
}

let statement: { text: string; constants: unknown[] } | undefined;

/** The statement (its text and its constant parameters, after the 22 columns of the answers). */
function recordStatement(): { text: string; constants: unknown[] } {
  if (statement) return statement;
  const p = new SqlParams();
  const columns: [string, string][] = [
    ['id', 'uuid'],
    ['tenant_id', 'uuid'],
    ['from_status', 'text'],
    ['to_status', 'text'],
    ['processed', 'boolean'],
    ['sello', 'text'],
    ['fh', 'text'],
    ['processed_at', 'timestamptz'],
    ['codigo_msg', 'text'],
    ['descripcion_msg', 'text'],
    ['observaciones', 'text'],
    ['sandbox', 'boolean'],
    ['ev_type', 'text'],
    ['ev_data', 'text'],
    ['wh_data', 'text'],
    ['email_to', 'text'],
    ['ref', 'text'],
    ['patient_id', 'text'],
    ['job_id', 'bigint'],
    ['locked_by', 'text'],
    ['job_attempts', 'int'],
    ['jws', 'text'],
  ];
  const arrays = columns.map(([, cast]) => p.add(null, `${cast}[]`)).join(', ');
  const text = `with k as (
      select * from unnest(${arrays}) with ordinality k(${columns.map(([c]) => c).join(', ')}, ord)),
    -- (the row found by its key and moved only from its answer's state, which the event names as the state it left:
    -- no lock taken first to read it; the rows are moved in the order of k, sorted by id)
    fx_u as (
      update invoice i set status = k.to_status, mh_codigo_msg = k.codigo_msg, mh_descripcion_msg = k.descripcion_msg,
        observaciones = k.observaciones::jsonb, sandbox = i.sandbox or k.sandbox,
        sello_recibido = case when k.processed then k.sello else i.sello_recibido end,
        fh_procesamiento = case when k.processed then k.fh else i.fh_procesamiento end,
        processed_at = case when k.processed then k.processed_at else i.processed_at end,
        -- (a first send: its JWS and the send counted, with the answer)
        jws = coalesce(k.jws, i.jws), send_attempts = i.send_attempts + (k.jws is not null)::int,
        updated_at = now()
      from k
      where i.id = k.id and ${tenantCheck('i.tenant_id', 'k.tenant_id')} and i.status = k.from_status
      returning i.tenant_id, i.id as invoice_id, k.from_status, i.status as to_status, i.send_attempts, k.jws, k.ord),
    fx_ev as (
      insert into invoice_event (tenant_id, invoice_id, type, from_status, to_status, data, created_at)
      select u.tenant_id, u.invoice_id, t.type, t.from_status, t.to_status, t.data, now()
      from fx_u u join k on k.ord = u.ord cross join lateral (
        select * from (values ${signedAndSentEvents('u.send_attempts')}) s(n, type, from_status, to_status, data)
          where u.jws is not null
        union all
        select 3, k.ev_type, case when u.jws is not null then 'SENT' else u.from_status end, u.to_status,
               k.ev_data::jsonb) t
      order by u.ord, t.n
      returning id, tenant_id, invoice_id, type, to_status),
    ${webhookFanOutCtes(p, 'k on k.id = ev.invoice_id and ev.type = k.ev_type', 'k.wh_data').join(',\n    ')},
    fx_em as (
      insert into invoice_email (id, tenant_id, invoice_id, "to", status, attempts, created_at, updated_at)
      select fx_uuid_v7(), u.tenant_id, u.invoice_id, k.email_to, 'PENDING', 0, now(), now()
      from fx_u u join k on k.ord = u.ord
      where k.email_to is not null
      returning id, tenant_id, invoice_id),
    fx_ej as (${jobInsertSelect(p, sendInvoiceEmailJob, 'fx_em', {
      tenantId: 'fx_em.tenant_id',
      payload: `jsonb_build_object('emailId', fx_em.id::text, 'invoiceId', fx_em.invoice_id::text)`,
      dedupeKey: `${p.add(dedupeKeyPrefix(sendInvoiceEmailJob, 'emailId'))}::text || fx_em.id::text`,
      freshKey: true,
    })}),
    -- (each job found by its key, its status only checked: joined to k, the planner may read every running job)
    fx_job as (
      delete from job j
      where j.id = any(array(select job_id from k where job_id is not null))
        and ${tenantCheck('j.status', "'running'")}
        and (j.id, j.locked_by::text, j.attempts) in (select job_id, locked_by, job_attempts from k))
    select k.ord,
           json_build_object('eventId', ev.id::text, 'invoiceId', ev.invoice_id, 'tenantId', ev.tenant_id,
             'type', ev.type::text, 'status', ev.to_status, 'referenciaExterna', k.ref,
             'patientId', k.patient_id)::text as note,
           (select array_agg(distinct kind) from (select kind from fx_wj union all select kind from fx_ej) j) as woken
      from fx_ev ev join k on k.id = ev.invoice_id
      order by ev.id`;
  statement = { text, constants: p.values.slice(columns.length) };
  return statement;
}

async function recordRound(db: Database, round: Answer[]): Promise<Map<Answer, boolean>> {
  const { text, constants } = recordStatement();
  // In the order of their rows' keys (uuid order is that of the lowercase text): two statements moving some of the
  // same rows lock them in the same order.
  const answers = round
    .map((a) => ({ a, key: a.invoiceId.toLowerCase() }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.a);
  const col = <T>(f: (a: Answer) => T) => answers.map(f);
  const { rows } = await db.pool.query<{ ord: string; note: string; woken: string[] | null }>(
    prepared(text, [
      col((a) => a.invoiceId),
      col((a) => a.tenantId),
      col((a) => a.from),
      col((a) => a.to),
      col((a) => a.processed !== null),
      col((a) => a.processed?.sello ?? null),
      col((a) => a.processed?.fh ?? null),
      col((a) => a.processed?.at ?? null),
      col((a) => a.codigoMsg ?? null),
      col((a) => a.descripcionMsg ?? null),
      col((a) => a.observaciones),
      col((a) => a.sandbox),
      col((a) => a.type),
      col((a) => a.data),
      col((a) => a.webhook),
      col((a) => a.emailTo),
      col((a) => a.referenciaExterna),
      col((a) => a.patientId),
      col((a) => a.job?.id ?? null),
      col((a) => a.job?.lockedBy ?? null),
      col((a) => a.job?.attempts ?? null),
      col((a) => a.jws),
      ...constants,
    ]),
  );
  // Announced once committed (a NOTIFY in the statement would serialise its commit with every other notifying
  // commit): the events, then the wake-up of the workers for the new webhook and e-mail jobs.
  await db.notifier.send([
    ...rows.map((r) => ({ channel: INVOICE_CHANNEL, payload: r.note })),
    ...jobNotes(rows.flatMap((r) => r.woken ?? [])),
  ]);
  const moved = new Set(rows.map((r) => Number(r.ord)));
  return new Map(answers.map((a, i) => [a, moved.has(i + 1)]));
}
