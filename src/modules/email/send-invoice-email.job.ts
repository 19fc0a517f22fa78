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
import { compactJws, compactJwsAndJson, detachedJws, signedDocument } from '../invoices/invoice-jws.js';
import { takeSignedJws } from '../invoices/recent-signatures.js';
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
  /** JSON.stringify(invoice.document) when the document was taken from the JWS this process signed, else null. */
  documentJson: string | null;
  /** The versión legible already stored, or else the tenant's logo to render it with. */
  storedPdf: Buffer | null;
  tenantLogo: Buffer | null;
}

/** The job's payload: the e-mail row and (in the jobs queued since it is named) its invoice. */
interface EmailPayload {
  emailId: string;
  invoiceId?: string;
}

/**
 * The e-mail row if it is still PENDING, with its invoice and its stored PDF (one plain statement; the reads of the
 * e-mail jobs dispatched together are one query). The document is the row's, or — when the row still holds the JWS
 * this process signed it with (recent-signatures.ts) — that JWS's payload, the same document, not read again.
 */
async function loadPendingMail(
  app: App,
  tenantId: string,
  id: string,
  invoiceId: string | undefined,
): Promise<PendingMail | null> {
  // (an id that is not a uuid is refused alone, not in the batch it would make fail)
  if (!isUuid(id)) return null;
  const invoice = typeof invoiceId === 'string' && isUuid(invoiceId) ? invoiceId : '';
  const read = await readMails(app.db.pool, `${tenantId}/${id}/${invoice}`.toLowerCase());
  const r = read?.row;
  if (r?.email_status !== 'PENDING') return null;
  const signed = read!.jws ? signedDocument(read!.jws) : null;
  if (!signed && r.document === null) throw new Error(`the document of e-mail ${id} was not read`);
  return {
    id,
    tenantId,
    to: r.email_to,
    attempts: r.email_attempts,
    invoice: {
      ...fanOutInvoiceFromRow(r),
      document: signed ? signed.document : r.document,
      jws: signed ? read!.jws : r.jws,
    },
    documentJson: signed ? signed.json : null,
    storedPdf: r.stored_pdf,
    tenantLogo: r.tenant_logo,
  };
}

type Row = Record<string, never>;

/**
 * Keys are `tenant/id/invoice` (the invoice, when the job names it, or empty): a row is only ever read for its own
 * tenant. (Each e-mail row found by its key: joined to the keys alone, the planner may read the whole table, which
 * keeps every document's e-mail.) An e-mail whose invoice's JWS this process kept is read without the document while
 * the row holds that JWS (`jws` is then that JWS, else null).
 */
const readMails = coalescePerPool<Pool, string, { row: Row; jws: string | null }>(async (pool, keys) => {
  const mails = new Map<string, { keys: string[]; jws: string | null }>();
  for (const key of keys) {
    const [tenant, email, invoice] = key.split('/') as [string, string, string];
    const jws = invoice ? takeSignedJws(tenant, invoice) : null;
    const mail = mails.get(`${tenant}/${email}`);
    // (one e-mail named with two invoices: read as it is)
    if (mail) {
      mail.keys.push(key);
      mail.jws = null;
    } else mails.set(`${tenant}/${email}`, { keys: [key], jws });
  }
  const p = new SqlParams();
  const pdf = storedPdfSql(p, 'i', 't', 'letter');
  const entries = [...mails];
  const tenants = p.add(
    entries.map(([k]) => k.split('/')[0]),
    'uuid[]',
  );
  const ids = p.add(
    entries.map(([k]) => k.split('/')[1]),
    'uuid[]',
  );
  const known = p.add(
    entries.map(([, m]) => (m.jws ? detachedJws(m.jws) : null)),
    'text[]',
  );
  const { rows } = await pool.query<Row>(
    prepared(
      `select e.id as email_id, e.tenant_id as email_tenant, e.status as email_status, e."to" as email_to,
            e.attempts as email_attempts,
            ${fanOutColumns('i')}, case when i.jws = k.jws then null else i.document end as document, i.jws,
            ${pdf.columns}
     from invoice_email e join unnest(${tenants}, ${ids}, ${known}) k(tenant_id, id, jws)
       on e.id = k.id and ${tenantCheck('e.tenant_id', 'k.tenant_id')}
     join invoice i on i.id = e.invoice_id and ${tenantCheck('i.tenant_id', 'e.tenant_id')}
     join tenant t on t.id = e.tenant_id
     ${pdf.join}
     where e.id = any(${ids})`,
      p.values,
    ),
  );
  const found = new Map<string, { row: Row; jws: string | null }>();
  for (const row of rows) {
    const mail = mails.get(`${row.email_tenant}/${row.email_id}`);
    if (!mail) continue;
    const signed = mail.jws && row.document === null && row.jws === detachedJws(mail.jws) ? mail.jws : null;
    for (const key of mail.keys) found.set(key, { row, jws: signed });
  }
  return found;
});

async function runSendInvoiceEmail({ app, mailer }: JobRuntime, job: ClaimedJob<EmailPayload>): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'e-mail jobs belong to a tenant' };
  const mail = await loadPendingMail(app, job.tenantId, String(job.payload.emailId), job.payload.invoiceId);
  if (!mail) return { kind: 'done' };
  const inv = mail.invoice;
  // the JWS and the document's JSON for the PDF thread: both from the JWS signed here, or the document serialised once
  const signed =
    mail.documentJson !== null ? { jws: compactJws(inv), json: mail.documentJson } : compactJwsAndJson(inv);
  const archivo = archivoDte(inv, signed.jws);
  if (!archivo) return finish(app, job, mail, { error: 'the document is not signed yet', final: true });
  const { pdf, rendered, pdfOmittedReason } = await pdfOrReason(mail, signed.json);
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
  documentJson: string,
): Promise<{ pdf: Buffer | null; rendered: Buffer | null; pdfOmittedReason: string | null }> {
  if (mail.storedPdf) return { pdf: mail.storedPdf, rendered: null, pdfOmittedReason: null };
  try {
    const pdf = await renderInvoicePdfOffThread(mail.invoice, mail.tenantLogo, 'letter', documentJson);
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
    job: job.lockedBy ? { id: job.id, lockedBy: job.lockedBy, attempts: job.attempts, ends: !retry } : null,
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
export const sendInvoiceEmailJob = defineJob<EmailPayload>({
  kind: 'send-invoice-email',
  priority: JOB_PRIORITY.email,
  callsMh: false,
  dedupeKey: (p) => `email:${p.emailId}`,
  run: runSendInvoiceEmail,
});
