import type { App } from '../../core/app.js';
import type { JobHandler } from '../../queue/worker.js';
import { runRenderDocument } from '../documents/render-document.job.js';
import { createMailer, type Mailer } from '../email/mailer.js';
import { runSendInvoiceEmail } from '../email/send-invoice-email.job.js';
import { runWebhookDelivery } from '../webhooks/deliver-webhook.job.js';
import { setWebhookPolicy } from '../webhooks/policy.js';
import { scheduleDeadlineScan, runDeadlineScan } from './deadline-warnings.js';
import { DEADLINE_SCAN_JOB, RENDER_DOCUMENT_JOB, SEND_EMAIL_JOB, WEBHOOK_DELIVERY_JOB } from './job-kinds.js';

/** Job kind → handler for issue 6 (webhooks, PDF, e-mail, deadline warnings). One mailer per worker process. */
export function notificationHandlers(app: App, mailer?: Mailer): Record<string, JobHandler> {
  setWebhookPolicy(app);
  const n = app.config.notifications;
  const mail = mailer ?? createMailer({ smtpUrl: n.smtpUrl, outboxDir: n.mailOutboxDir, from: n.mailFrom });
  return {
    [WEBHOOK_DELIVERY_JOB]: (job) => runWebhookDelivery(app, job),
    [RENDER_DOCUMENT_JOB]: (job) => runRenderDocument(app, job),
    [SEND_EMAIL_JOB]: (job) => runSendInvoiceEmail(app, mail, job),
    [DEADLINE_SCAN_JOB]: (job) => runDeadlineScan(app, job),
  };
}

/** Starts the periodic deadline scan (safe to call from every worker: one job per slot). */
export function startDeadlineScans(app: App): Promise<boolean> {
  return scheduleDeadlineScan(app.db.orm.em.fork(), app.clock.now(), app.config.notifications.deadlineScanMs);
}
