import type { App } from './core/app.js';
import { fiscalEventHandlers } from './modules/fiscal-events/handlers.js';
import { notificationHandlers, startDeadlineScans } from './modules/notifications/handlers.js';
import { reportHandlers } from './modules/reports/monthly-report.job.js';
import { transmissionHandlers } from './modules/transmission/handlers.js';
import { Worker, type JobHandler } from './queue/worker.js';

/** The background worker of this process: every job kind the service knows. */
export async function startWorker(app: App, extra: Record<string, JobHandler> = {}): Promise<Worker> {
  const worker = new Worker(app.db.orm.em, app.log.child({ component: 'worker' }), {
    handlers: { ...transmissionHandlers(app), ...notificationHandlers(app), ...reportHandlers(app), ...fiscalEventHandlers(app), ...extra },
    concurrency: app.config.worker.concurrency,
    perTenantConcurrency: app.config.worker.perTenantConcurrency,
    leaseMs: app.config.worker.leaseMs,
    databaseUrl: app.db.url,
  });
  await worker.start();
  await startDeadlineScans(app);
  return worker;
}
