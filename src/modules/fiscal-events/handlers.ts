import { defineJob, JOB_PRIORITY } from '../../queue/job-definition.js';
import { inTenantScope } from '../transmission/pipeline.js';
import { TRANSMIT_FISCAL_EVENT_JOB } from './fiscal-event-store.js';
import { transmitFiscalEvent } from './transmit-fiscal-event.job.js';

export interface TransmitFiscalEventPayload {
  eventId: string;
}

/** Signs and transmits one Retorno / Operaciones Especiales event, like a document (one live job per event). */
export const transmitFiscalEventJob = defineJob<TransmitFiscalEventPayload>({
  kind: TRANSMIT_FISCAL_EVENT_JOB,
  priority: JOB_PRIORITY.mh,
  callsMh: true,
  dedupeKey: (p) => `transmit-event:${p.eventId}`,
  run: inTenantScope(transmitFiscalEvent),
});
