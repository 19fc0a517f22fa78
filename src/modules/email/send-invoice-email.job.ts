/**
 * Sends a DTE to its receptor: the Archivo DTE (JSON) and the stored PDF, over SMTP or into the local
 * outbox. Records the status on the invoice's e-mail row and, in the same transaction, the event dte.email.delivered
 * or dte.email.failed (which reaches webhooks). Transient SMTP failures retry a few times with backoff; a 5xx answer
 * (permanent per RFC 5321) fails at once.
 */
import type { App } from '../../app.js';
import { defineJob, JOB_PRIORITY, type ClaimedJob, type JobOutcome, type JobRuntime } from '../../queue/job-definition.js';
import { backoffMs } from '../../queue/worker.js';
import { archivoDte } from '../documents/archivo-dte.js';
import { DocumentRenderError, type DteJson } from '../documents/dte-json.js';
import { loadOrRenderPdf } from '../documents/store.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { appendEvent } from '../invoices/invoice-transitions.js';
import { tenantEm } from '../notifications/tenant-em.js';
import { composeDteEmail } from './dte-email.js';
import { InvoiceEmail } from './invoice-email.entity.js';
import { MailError, type SendResult } from './mailer.js';

export const MAX_EMAIL_ATTEMPTS = 5;

async function runSendInvoiceEmail({ app, mailer }: JobRuntime, job: ClaimedJob<{ emailId: string }>): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'e-mail jobs belong to a tenant' };
  const em = tenantEm(app, job.tenantId);
  const mail = await em.findOne(InvoiceEmail, { id: String(job.payload.emailId) });
  if (!mail || mail.status !== 'PENDING') return { kind: 'done' };
  const inv = await em.findOneOrFail(Invoice, { id: mail.invoice.id });
  const archivo = archivoDte(inv);
  if (!archivo) return finish(app, job.tenantId, mail.id, { error: 'the document is not signed yet', final: true });
  const { pdf, pdfOmittedReason } = await pdfOrReason(em, inv);
  const emisor = (inv.document.emisor ?? {}) as { nombre?: string };
  const msg = composeDteEmail({ document: archivo as DteJson, pdf, json: JSON.stringify(archivo, null, 2), emisorNombre: emisor.nombre ?? 'FacturaXpress' });
  try {
    const sent = await mailer.send({ to: mail.to, subject: msg.subject, text: msg.text, html: msg.html, attachments: msg.attachments });
    return finish(app, job.tenantId, mail.id, { sent, pdfOmittedReason });
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    const permanent = err.code === 'INVALID_MESSAGE' || (err.responseCode ?? 0) >= 500 || mail.attempts + 1 >= MAX_EMAIL_ATTEMPTS;
    return finish(app, job.tenantId, mail.id, { error: err.message, final: permanent });
  }
}

/**
 * The versión legible, or why it is left out: a document the renderer cannot read must not keep the receptor from
 * getting the Archivo DTE (the JSON is the legal document), nor retry the e-mail forever.
 */
async function pdfOrReason(em: ReturnType<typeof tenantEm>, inv: Invoice): Promise<{ pdf: Buffer | null; pdfOmittedReason: string | null }> {
  try {
    return { pdf: await loadOrRenderPdf(em, inv, 'letter'), pdfOmittedReason: null };
  } catch (err) {
    if (!(err instanceof DocumentRenderError)) throw err;
    return { pdf: null, pdfOmittedReason: `the PDF could not be rendered (${err.message}); the JSON was sent alone` };
  }
}

type Result = { sent: SendResult; pdfOmittedReason: string | null } | { error: string; final: boolean };

async function finish(app: App, tenantId: string, mailId: string, r: Result): Promise<JobOutcome> {
  return tenantEm(app, tenantId).transactional(async (tx) => {
    const mail = await tx.findOneOrFail(InvoiceEmail, { id: mailId });
    const inv = await tx.findOneOrFail(Invoice, { id: mail.invoice.id });
    mail.attempts += 1;
    if ('sent' in r) {
      mail.status = r.sent.status;
      mail.messageId = r.sent.messageId;
      mail.location = r.sent.location ?? null;
      mail.error = null;
      mail.pdfOmittedReason = r.pdfOmittedReason;
      mail.sentAt = new Date();
      // Written to the local outbox is not delivered: the status says so, and no event claims otherwise.
      if (r.sent.status === 'SENT') await appendEvent(tx, inv, 'dte.email.delivered', inv.status, { to: mail.to, messageId: r.sent.messageId, emailId: mail.id, pdfOmittedReason: r.pdfOmittedReason });
      else await tx.flush();
      return { kind: 'done' } as const;
    }
    mail.error = r.error;
    if (!r.final) {
      await tx.flush();
      return { kind: 'retry', delayMs: backoffMs(mail.attempts, 5_000, 10 * 60_000), error: r.error } as const;
    }
    mail.status = 'FAILED';
    await appendEvent(tx, inv, 'dte.email.failed', inv.status, { to: mail.to, error: r.error, emailId: mail.id });
    return { kind: 'done' } as const;
  });
}

/** Sends one PENDING e-mail row (queued after PROCESSED, or by resendInvoiceEmail). */
export const sendInvoiceEmailJob = defineJob<{ emailId: string }>({
  kind: 'send-invoice-email',
  priority: JOB_PRIORITY.email,
  callsMh: false,
  dedupeKey: (p) => `email:${p.emailId}`,
  run: runSendInvoiceEmail,
});
