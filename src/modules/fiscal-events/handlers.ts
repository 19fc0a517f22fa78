import type { App } from '../../core/app.js';
import type { JobHandler } from '../../queue/worker.js';
import { jobScope } from '../transmission/pipeline.js';
import { TRANSMIT_FISCAL_EVENT_JOB } from './fiscal-event-store.js';
import { transmitFiscalEvent } from './transmit-fiscal-event.job.js';

/** Job kind → handler for the Retorno / Operaciones Especiales events. */
export function fiscalEventHandlers(app: App): Record<string, JobHandler> {
  return {
    [TRANSMIT_FISCAL_EVENT_JOB]: (job) => {
      if (!job.tenantId) return Promise.resolve({ kind: 'failed', error: 'fiscal event jobs belong to a tenant' });
      return transmitFiscalEvent(jobScope(app, job.tenantId, app.config.pipeline), job);
    },
  };
}
