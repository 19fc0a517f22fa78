/**
 * Sends a DTE to its receptor: the Archivo DTE (JSON) and the stored PDF, over SMTP or into the local
 * outbox. Records the status on the invoice's e-mail row and, in the same transaction, the event dte.email.delivered
 * or dte.email.failed (which reaches webhooks). Transient SMTP failures retry a few times with backoff; a 5xx answer
 * (permanent per RFC 5321) fails at once.
 */
import type { Pool } from 'pg';
import type { App } from '../../app.js';
import { isUuid } from '../../core/guards.js';
import { coalescePerPool } from '../../db/coalesce.js';
import { prepared, SqlParams, tenantCheck } from '../../db/sql-params.js';
import { jobDoneCte, jobDoneOutcome } from '../../queue/enqueue.js';
import {
  defineJob,
  JOB_PRIORITY,
  type ClaimedJob,
  type JobOutcome,
  type JobRuntime,
} from '../../queue/job-definition.js';
import { backoffMs } from '../../queue/worker.js';
import { archivoDte } from '../documents/archivo-dte.js';
import { DocumentRenderError, type DteJson } from '../documents/dte-json.js';
import { renderInvoicePdfOffThread } from '../documents/pdf-thread.js';
import { storedPdfSql, storePdfCte } from '../documents/store.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import {
  eventNotes,
  eventStatement,
  fanOutColumns,
  fanOutInvoiceFromRow,
  type FanOutInvoice,
} from '../notifications/fan-out.js';
import { composeDteEmail } from './dte-email.js';
import { MailError, type SendResult } from './mailer.js';

export const MAX_EMAIL_ATTEMPTS = 5;

type MailedInvoice = FanOutInvoice & Pick<Invoice, 'document' | 'jws'>;
interface PendingMail {
  id: string;
  tenantId: string;
  to: string;
  attempts: number;
  invoice: MailedInvoice;
  /** The versión legible already stored, or else the tenant's logo to render it with. */
  storedPdf: Buffer | null;
  tenantLogo: Buffer | null;
}

/**
 * The e-mail row if it is still PENDING, with its invoice and its stored PDF (one plain statement; the reads of the
 * e-mail jobs dispatched together are one query).
 */
async function loadPendingMail(app: App, tenantId: string, id: string): Promise<PendingMail | null> {
  // (an id that is not a uuid is refused alone, not in the batch it would make fail)
  if (!isUuid(id)) return null;
  const r = await readMails(app.db.pool, `${tenantId}/${id}`.toLowerCase());
  if (r?.email_status !== 'PENDING') return null;
  return {
    id,
    tenantId,
    to: r.email_to,
    attempts: r.email_attempts,
    invoice: { ...fanOutInvoiceFromRow(r), document: r.document, jws: r.jws },
    storedPdf: r.stored_pdf,
    tenantLogo: r.tenant_logo,
  };
}

type Row = Record<string, never>;

/** Keys are `tenant/id`: a row is only ever read for its own tenant. */
const readMails = coalescePerPool<Pool, string, Row>(async (pool, keys) => {
  const p = new SqlParams();
  const pdf = storedPdfSql(p, 'i', 't', 'letter');
  const tenants = p.add(
    keys.map((k) => k.split('/')[0]),
    'uuid[]',
  );
  const ids = p.add(
    keys.map((k) => k.split('/')[1]),
    'uuid[]',
  );
  const { rows } = await pool.query<Row>(
    prepared(
      `select e.id as email_id, e.tenant_id as email_tenant, e.status as email_status, e."to" as email_to,
            e.attempts as email_attempts,
            ${fanOutColumns('i')}, i.document, i.jws, ${pdf.columns}
     from invoice_email e join unnest(${tenants}, ${ids}) k(tenant_id, id)
       on e.id = k.id and ${tenantCheck('e.tenant_id', 'k.tenant_id')}
     join invoice i on i.id = e.invoice_id and ${tenantCheck('i.tenant_id', 'e.tenant_id')}
     join tenant t on t.id = e.tenant_id
     ${pdf.join}`,
      p.values,
    ),
  );
  return new Map(rows.map((r) => [`${r.email_tenant}/${r.email_id}`, r]));
});

async function runSendInvoiceEmail(
  { app, mailer }: JobRuntime,
  job: ClaimedJob<{ emailId: string }>,
): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'e-mail jobs belong to a tenant' };
  const mail = await loadPendingMail(app, job.tenantId, String(job.payload.emailId));
  if (!mail) return { kind: 'done' };
  const inv = mail.invoice;
  const archivo = archivoDte(inv);
  if (!archivo) return finish(app, job, mail, { error: 'the document is not signed yet', final: true });
  const { pdf, rendered, pdfOmittedReason } = await pdfOrReason(mail);
  const emisor = (inv.document.emisor ?? {}) as { nombre?: string };
  const msg = composeDteEmail({
    document: archivo as DteJson,
    pdf,
    json: JSON.stringify(archivo, null, 2),
    emisorNombre: emisor.nombre ?? 'FacturaXpress',
  });
  try {
    const sent = await mailer.send({
      to: mail.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      attachments: msg.attachments,
    });
    return finish(app, job, mail, { sent, pdfOmittedReason }, rendered);
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    const permanent =
      err.code === 'INVALID_MESSAGE' || (err.responseCode ?? 0) >= 500 || mail.attempts + 1 >= MAX_EMAIL_ATTEMPTS;
    return finish(app, job, mail, { error: err.message, final: permanent }, rendered);
  }
}

/**
 * The versión legible (the stored one, or rendered now and stored), or why it is left out: a document the renderer
 * cannot read must not keep the receptor from getting the Archivo DTE (the JSON is the legal document), nor retry
 * the e-mail forever.
 */
async function pdfOrReason(
  mail: PendingMail,
): Promise<{ pdf: Buffer | null; rendered: Buffer | null; pdfOmittedReason: string | null }> {
  if (mail.storedPdf) return { pdf: mail.storedPdf, rendered: null, pdfOmittedReason: null };
  try {
    const pdf = await renderInvoicePdfOffThread(mail.invoice, mail.tenantLogo, 'letter');
    return { pdf, rendered: pdf, pdfOmittedReason: null };
  } catch (err) {
    if (!(err instanceof DocumentRenderError)) throw err;
    const pdfOmittedReason = `the PDF could not be rendered (${err.message}); the JSON was sent alone`;
    return { pdf: null, rendered: null, pdfOmittedReason };
  }
}

type Result = { sent: SendResult; pdfOmittedReason: string | null } | { error: string; final: boolean };

/**
 * Records the attempt on the e-mail row, keeps the PDF rendered for it (`rendered`: the next download or e-mail
 * reads it) and, when the attempt settles the e-mail, appends dte.email.delivered or dte.email.failed with its
 * fan-out, and marks the job done when the attempt ends it — one statement, one transaction.
 */
async function finish(
  app: App,
  job: ClaimedJob,
  mail: PendingMail,
  r: Result,
  rendered: Buffer | null = null,
): Promise<JobOutcome> {
  const p = new SqlParams();
  const store = rendered ? storePdfCte(p, mail.tenantId, mail.invoice, 'letter', rendered) : null;
  const retry = 'error' in r && !r.final;
  const done = retry ? null : jobDoneCte(p, job);
  let set: string;
  let event: { type: string; data: Record<string, unknown> } | null = null;
  if ('sent' in r) {
    set = `status = ${p.add(r.sent.status)}, message_id = ${p.add(r.sent.messageId)},
           location = ${p.add(r.sent.location ?? null)}, error = null,
           pdf_omitted_reason = ${p.add(r.pdfOmittedReason)},
           sent_at = ${p.add(new Date(), 'timestamptz')}`;
    // Written to the local outbox is not delivered: the status says so, and no event claims otherwise.
    if (r.sent.status === 'SENT') {
      const data = { to: mail.to, messageId: r.sent.messageId, emailId: mail.id, pdfOmittedReason: r.pdfOmittedReason };
      event = { type: 'dte.email.delivered', data };
    }
  } else if (!r.final) {
    set = `error = ${p.add(r.error)}`;
  } else {
    set = `status = 'FAILED', error = ${p.add(r.error)}`;
    event = { type: 'dte.email.failed', data: { to: mail.to, error: r.error, emailId: mail.id } };
  }
  const updated = `${store ? `fx_pdf as (${store}), ` : ''}${done ? `fx_job as (${done}), ` : ''}fx_m as (
      update invoice_email set attempts = attempts + 1, ${set}, updated_at = now()
      where id = ${p.add(mail.id, 'uuid')} and ${tenantCheck('tenant_id', p.add(mail.tenantId, 'uuid'))}
      returning tenant_id, invoice_id, attempts)`;
  let attempts: number;
  if (event) {
    // The event records the invoice's status as it stands (the e-mail does not move it).
    const source = `fx_s as (
        select i.tenant_id, i.id as invoice_id, i.status as from_status, i.status as to_status
        from invoice i join fx_m on i.id = fx_m.invoice_id and i.tenant_id = fx_m.tenant_id)`;
    const ev = eventStatement(p, 'fx_s', event.type, mail.invoice, event.data);
    const { rows } = await app.db.pool.query<{ note: string; woken: string[] | null }>(
      prepared(`with ${[updated, source, ...ev.ctes].join(',\n')}\n${ev.select}`, p.values),
    );
    await app.db.notifier.send(eventNotes(rows));
    attempts = mail.attempts + 1;
  } else {
    const sql = `with ${updated} select attempts from fx_m`;
    const { rows } = await app.db.pool.query<{ attempts: number }>(prepared(sql, p.values));
    attempts = rows[0]?.attempts ?? mail.attempts + 1;
  }
  if (retry) return { kind: 'retry', delayMs: backoffMs(attempts, 5_000, 10 * 60_000), error: r.error };
  return jobDoneOutcome(job);
}

/** Sends one PENDING e-mail row (queued after PROCESSED, or by resendInvoiceEmail). */
export const sendInvoiceEmailJob = defineJob<{ emailId: string }>({
  kind: 'send-invoice-email',
  priority: JOB_PRIORITY.email,
  callsMh: false,
  dedupeKey: (p) => `email:${p.emailId}`,
  run: runSendInvoiceEmail,
});
