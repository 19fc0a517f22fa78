/**
 * Sends a DTE to its receptor: the Archivo DTE (JSON) and the stored PDF, over SMTP or into the local
 * outbox. Records the status on the invoice's e-mail row and, in the same transaction, the event dte.email.delivered
 * or dte.email.failed (which reaches webhooks), see record-email.ts. Transient SMTP failures retry a few times with
 * backoff; a 5xx answer (permanent per RFC 5321) fails at once.
 */
import type { Pool } from 'pg';
import type { App } from '../../app.js';
import { isUuid } from '../../core/guards.js';
import { coalescePerPool } from '../../db/coalesce.js';
import { prepared, SqlParams, tenantCheck } from '../../db/sql-params.js';
import { jobDoneOutcome } from '../../queue/enqueue.js';
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
import { storedPdfSql, STORED_STATUSES } from '../documents/store.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { eventData } from '../notifications/event-payloads.js';
import { fanOutColumns, fanOutInvoiceFromRow, type FanOutInvoice } from '../notifications/fan-out.js';
import { composeDteEmail } from './dte-email.js';
import { MailError, type SendResult } from './mailer.js';
import { recordEmailAttempt } from './record-email.js';

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

/**
 * Keys are `tenant/id`: a row is only ever read for its own tenant. (Each e-mail row found by its key: joined to the
 * keys alone, the planner may read the whole table, which keeps every document's e-mail.)
 */
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
     ${pdf.join}
     where e.id = any(${ids})`,
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
 * fan-out, and ends the job when the attempt ends it — one statement, one transaction (shared with the e-mails that
 * finish in the same turn), fenced by the job's lease: a worker that lost it records nothing.
 */
async function finish(
  app: App,
  job: ClaimedJob,
  mail: PendingMail,
  r: Result,
  rendered: Buffer | null = null,
): Promise<JobOutcome> {
  const retry = 'error' in r && !r.final;
  let event: { type: string; data: Record<string, unknown> } | null = null;
  if ('sent' in r) {
    // Written to the local outbox is not delivered: the status says so, and no event claims otherwise.
    if (r.sent.status === 'SENT') {
      const data = { to: mail.to, messageId: r.sent.messageId, emailId: mail.id, pdfOmittedReason: r.pdfOmittedReason };
      event = { type: 'dte.email.delivered', data };
    }
  } else if (r.final) {
    event = { type: 'dte.email.failed', data: { to: mail.to, error: r.error, emailId: mail.id } };
  }
  const webhook = event && eventData(event.type, mail.invoice, event.data);
  const inv = mail.invoice;
  const attempts = await recordEmailAttempt(app.db, {
    tenantId: mail.tenantId,
    emailId: mail.id,
    invoiceId: inv.id,
    job: job.lockedBy ? { id: job.id, lockedBy: job.lockedBy, ends: !retry } : null,
    sent:
      'sent' in r
        ? {
            status: r.sent.status,
            messageId: r.sent.messageId,
            location: r.sent.location ?? null,
            pdfOmittedReason: r.pdfOmittedReason,
          }
        : null,
    failed: 'error' in r && r.final,
    error: 'error' in r ? r.error : null,
    at: new Date(),
    event: event && {
      type: event.type,
      data: JSON.stringify(event.data),
      webhook: webhook ? JSON.stringify(webhook) : null,
    },
    referenciaExterna: inv.referenciaExterna,
    patientId: inv.patientId ?? null,
    pdf: rendered && STORED_STATUSES.includes(inv.status) ? { status: inv.status, content: rendered } : null,
  });
  if (retry)
    return { kind: 'retry', delayMs: backoffMs(attempts ?? mail.attempts + 1, 5_000, 10 * 60_000), error: r.error };
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
