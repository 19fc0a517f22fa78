import type { App } from '../../core/app.js';
import type { ClaimedJob, JobHandler, JobOutcome } from '../../queue/worker.js';
import { TRANSMIT_JOB } from '../invoices/emit-invoice.js';
import { CONTINGENCY_JOB } from './enter-contingency.js';
import { SEND_LOTE_JOB, reportContingencyEvent } from './contingency-event.job.js';
import { POLL_LOTE_JOB, pollLote, sendLote } from './lote.job.js';
import { jobScope, type JobScope } from './pipeline.js';
import { transmitInvoice } from './transmit-invoice.job.js';

type ScopedHandler = (scope: JobScope, job: ClaimedJob) => Promise<JobOutcome>;

const scoped = (app: App, fn: ScopedHandler): JobHandler => (job) => {
  if (!job.tenantId) return Promise.resolve({ kind: 'failed', error: 'transmission jobs belong to a tenant' });
  return fn(jobScope(app, job.tenantId, app.config.pipeline), job);
};

/** Job kind → handler, for the transmission pipeline (every handler reloads state and is safe to rerun). */
export function transmissionHandlers(app: App): Record<string, JobHandler> {
  return {
    [TRANSMIT_JOB]: scoped(app, transmitInvoice),
    [CONTINGENCY_JOB]: scoped(app, reportContingencyEvent),
    [SEND_LOTE_JOB]: scoped(app, sendLote),
    [POLL_LOTE_JOB]: scoped(app, pollLote),
  };
}
