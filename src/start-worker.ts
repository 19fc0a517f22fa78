import type { App } from './app.js';
import { renderDocumentJob } from './modules/documents/render-document.job.js';
import { transmitFiscalEventJob } from './modules/fiscal-events/transmit-fiscal-event.job.js';
import { fillSearchTextJob } from './modules/invoices/fill-search-text.job.js';
import { monthlyReportJob } from './modules/reports/monthly-report.job.js';
import { createMailer, type Mailer } from './modules/email/mailer.js';
import { sendInvoiceEmailJob } from './modules/email/send-invoice-email.job.js';
import { scheduleDeadlineScan, deadlineScanJob } from './modules/notifications/deadline-scan.job.js';
import { contingencyEventJob } from './modules/transmission/contingency-event.job.js';
import { pollLoteJob, sendLoteJob } from './modules/transmission/lote.job.js';
import { transmitInvoiceJob } from './modules/transmission/transmit-invoice.job.js';
import { webhookDeliveryJob } from './modules/webhooks/deliver-webhook.job.js';
import type { AnyJobDefinition } from './queue/job-definition.js';
import type { BackgroundPriority } from './queue/background-priority.js';
import { pruneJobsJob, schedulePruneJobs } from './queue/prune-jobs.job.js';
import { Worker } from './queue/worker.js';

/** Every job kind the service knows: the worker's registry. */
export const JOB_DEFINITIONS: readonly AnyJobDefinition[] = [
  transmitInvoiceJob,
  contingencyEventJob,
  sendLoteJob,
  pollLoteJob,
  webhookDeliveryJob,
  renderDocumentJob,
  sendInvoiceEmailJob,
  deadlineScanJob,
  pruneJobsJob,
  transmitFiscalEventJob,
  monthlyReportJob,
  fillSearchTextJob,
];

/** The background worker of this process (one mailer per worker process). */
export async function startWorker(
  app: App,
  opts: { mailer?: Mailer; priority?: BackgroundPriority | null } = {},
): Promise<Worker> {
  const n = app.config.notifications;
  const mailer = opts.mailer ?? createMailer({ smtpUrl: n.smtpUrl, outboxDir: n.mailOutboxDir, from: n.mailFrom });
  const worker = new Worker(app.log.child({ component: 'worker' }), {
    definitions: JOB_DEFINITIONS,
    runtime: { app, mailer },
    concurrency: app.config.worker.concurrency,
    perTenantConcurrency: app.config.worker.perTenantConcurrency,
    leaseMs: app.config.worker.leaseMs,
    listener: app.db.listener,
    pool: app.db.pool,
    priority: opts.priority ?? null,
  });
  await worker.start();
  // The periodic deadline scan (safe from every worker: one job per slot).
  await scheduleDeadlineScan(app.db.orm.em.fork(), app.clock.now(), n.deadlineScanMs);
  await schedulePruneJobs(app.db.orm.em.fork(), app.clock.now(), app.config.jobs.pruneEveryMs);
  return worker;
}
