import type { FiscalEvent } from './fiscal-event.entity.js';

/** Webhook event types of the Retorno (18) and Operaciones Especiales (17) events, by MH's outcome. */
export const FISCAL_EVENT_WEBHOOKS = {
  '18': { PROCESSED: 'dte.return.processed', REJECTED: 'dte.return.rejected', INVALIDATED: 'dte.return.invalidated' },
  '17': {
    PROCESSED: 'dte.special-operations.processed',
    REJECTED: 'dte.special-operations.rejected',
    INVALIDATED: 'dte.special-operations.invalidated',
  },
} as const;

/** What a subscriber learns of the event: identity, outcome (sello or MH's reasons), the documents it concerns. */
export function fiscalEventData(e: FiscalEvent): Record<string, unknown> {
  const related = [...new Set((e.lines ?? []).map((l) => l.invoiceId))];
  return {
    id: e.id,
    tipoEvento: e.tipoEvento,
    referenciaExterna: e.referenciaExterna,
    codigoGeneracion: e.codigoGeneracion,
    ambiente: e.ambiente,
    status: e.status,
    sello: e.selloRecibido ?? null,
    fhProcesamiento: e.fhProcesamiento ?? null,
    total: e.total,
    codigoMsg: e.mhCodigoMsg ?? null,
    descripcionMsg: e.mhDescripcionMsg ?? null,
    observaciones: e.observaciones ?? [],
    ...(e.invalidation ? { invalidation: e.invalidation } : {}),
    ...(e.tipoEvento === '18' ? { invoiceIds: related, lines: e.lines ?? [] } : {}),
  };
}

export function fiscalEventWebhook(e: FiscalEvent): { type: string; data: Record<string, unknown> } {
  const types = FISCAL_EVENT_WEBHOOKS[e.tipoEvento];
  const outcome = e.status === 'PROCESSED' || e.status === 'INVALIDATED' ? e.status : 'REJECTED';
  return { type: types[outcome], data: fiscalEventData(e) };
}
