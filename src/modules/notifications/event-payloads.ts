/**
 * Webhooks and events are data: the ONE map from public event type to the payload a subscriber gets.
 * `data` is computed in the transaction that appends the event (a snapshot of the invoice at that moment); when
 * `links` is set, the delivery adds signed pdfUrl/jsonUrl (src/modules/documents/links.ts) while building the body.
 * The payload of dte.processed carries referenciaExterna, codigoGeneracion, sello and pdfUrl, plus id, numeroControl,
 * tipoDte and status.
 */
import type { Invoice } from '../invoices/invoice.entity.js';

export const WEBHOOK_EVENT_TYPES = [
  'dte.processed',
  'dte.rejected',
  'dte.contingency',
  'dte.invalidated',
  'dte.email.delivered',
  'dte.email.failed',
  'dte.deadline.warning',
  'dte.return.processed',
  'dte.return.rejected',
  'dte.special-operations.processed',
  'dte.special-operations.rejected',
  'dte.return.invalidated',
  'dte.special-operations.invalidated',
  'dte.blocked',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Events about the tenant rather than one document (monthly reports); their data is built where they happen. */
export const TENANT_EVENT_TYPES = ['report.ready', 'report.failed'] as const;
/** Every event type an endpoint may subscribe to. */
export const SUBSCRIBABLE_EVENT_TYPES: readonly string[] = [...WEBHOOK_EVENT_TYPES, ...TENANT_EVENT_TYPES];
/** Sent only by pingWebhookEndpoint, to whichever endpoint is pinged (not subject to the event-type filter). */
export const PING_EVENT = 'webhook.ping';

type EventData = Record<string, unknown> | null;

/** What an event's data is built from: the invoice as it stands once the event is appended. */
export type EventInvoice = Pick<
  Invoice,
  | 'id'
  | 'referenciaExterna'
  | 'codigoGeneracion'
  | 'numeroControl'
  | 'tipoDte'
  | 'ambiente'
  | 'status'
  | 'patientId'
  | 'sandbox'
  | 'selloRecibido'
  | 'fhProcesamiento'
  | 'totalPagar'
  | 'observaciones'
  | 'mhCodigoMsg'
  | 'mhDescripcionMsg'
  | 'tipoContingencia'
  | 'motivoContin'
  | 'invalidation'
>;

interface EventSpec {
  /** Adds pdfUrl and jsonUrl (signed links) to the data. */
  links: boolean;
  data(inv: EventInvoice, ev: EventData): Record<string, unknown>;
}

/** What every DTE event says about its document. */
function documentFacts(inv: EventInvoice): Record<string, unknown> {
  return {
    id: inv.id,
    referenciaExterna: inv.referenciaExterna,
    codigoGeneracion: inv.codigoGeneracion,
    numeroControl: inv.numeroControl,
    tipoDte: inv.tipoDte,
    ambiente: inv.ambiente,
    status: inv.status,
    patientId: inv.patientId ?? null,
    // Issued against an MH sandbox: any sello in the payload has no fiscal validity.
    sandbox: inv.sandbox ?? false,
  };
}

const pick = (ev: EventData, key: string) => (ev && key in ev ? ev[key] : null);

export const EVENT_PAYLOADS: Record<WebhookEventType, EventSpec> = {
  'dte.processed': {
    links: true,
    data: (inv) => ({
      ...documentFacts(inv),
      sello: inv.selloRecibido ?? null,
      fhProcesamiento: inv.fhProcesamiento ?? null,
      totalPagar: inv.totalPagar,
      observaciones: inv.observaciones ?? [],
    }),
  },
  'dte.rejected': {
    links: false,
    data: (inv) => ({
      ...documentFacts(inv),
      codigoMsg: inv.mhCodigoMsg ?? null,
      descripcionMsg: inv.mhDescripcionMsg ?? null,
      observaciones: inv.observaciones ?? [],
    }),
  },
  // A contingency document has no sello yet; its PDF says so. MH must receive it later.
  'dte.contingency': {
    links: true,
    data: (inv, ev) => ({
      ...documentFacts(inv),
      sello: null,
      tipoContingencia: inv.tipoContingencia ?? null,
      motivoContin: inv.motivoContin ?? null,
      reason: pick(ev, 'reason'),
    }),
  },
  'dte.invalidated': {
    links: true,
    data: (inv, ev) => ({
      ...documentFacts(inv),
      sello: inv.selloRecibido ?? null,
      invalidation: ev ?? inv.invalidation ?? null,
    }),
  },
  'dte.email.delivered': {
    links: false,
    data: (inv, ev) => ({
      ...documentFacts(inv),
      to: pick(ev, 'to'),
      messageId: pick(ev, 'messageId'),
      pdfAttached: pick(ev, 'pdfOmittedReason') === null,
      pdfOmittedReason: pick(ev, 'pdfOmittedReason'),
    }),
  },
  'dte.email.failed': {
    links: false,
    data: (inv, ev) => ({ ...documentFacts(inv), to: pick(ev, 'to'), error: pick(ev, 'error') }),
  },
  // kind: contingency (event due 24 h after the outage), transmission (documents due 72 h after the event's
  // sello), invalidation (last day to invalidate) or relatedNotes (last day a note may relate a CCF / CR).
  'dte.deadline.warning': {
    links: false,
    data: (inv, ev) => ({ ...documentFacts(inv), kind: pick(ev, 'kind'), deadline: pick(ev, 'deadline') }),
  },
  // Evento de Retorno / Operaciones Especiales: their transmission job writes the data (fiscal-event-webhooks.ts).
  'dte.return.processed': { links: false, data: (_inv, ev) => ev ?? {} },
  'dte.return.rejected': { links: false, data: (_inv, ev) => ev ?? {} },
  'dte.special-operations.processed': { links: false, data: (_inv, ev) => ev ?? {} },
  'dte.special-operations.rejected': { links: false, data: (_inv, ev) => ev ?? {} },
  'dte.return.invalidated': { links: false, data: (_inv, ev) => ev ?? {} },
  'dte.special-operations.invalidated': { links: false, data: (_inv, ev) => ev ?? {} },
  // The document waits for the tenant (no MH credential for its ambiente, an expired certificate): code + what to do.
  'dte.blocked': {
    links: false,
    data: (inv, ev) => ({ ...documentFacts(inv), code: pick(ev, 'code'), reason: pick(ev, 'reason') }),
  },
};

export function isWebhookEvent(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/** The data of an event for subscribers, or null when the event type is internal (dte.queued, dte.signed, …). */
export function eventData(type: string, inv: EventInvoice, ev: EventData): Record<string, unknown> | null {
  return isWebhookEvent(type) ? EVENT_PAYLOADS[type].data(inv, ev) : null;
}

export function eventHasLinks(type: string): boolean {
  return isWebhookEvent(type) && EVENT_PAYLOADS[type].links;
}
