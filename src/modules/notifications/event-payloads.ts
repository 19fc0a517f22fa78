/**
 * Webhooks and events are data (DESIGN.md): the ONE map from public event type to the payload a subscriber gets.
 * `data` is computed in the transaction that appends the event (a snapshot of the invoice at that moment); when
 * `links` is set, the delivery adds signed pdfUrl/jsonUrl (src/modules/documents/links.ts) while building the body.
 * The seed §3.2 payload of dte.processed (referenciaExterna, codigoGeneracion, sello, pdfUrl) is extended with id,
 * numeroControl, tipoDte and status.
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
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent only by pingWebhookEndpoint, to whichever endpoint is pinged (not subject to the event-type filter). */
export const PING_EVENT = 'webhook.ping';

type EventData = Record<string, unknown> | null;

interface EventSpec {
  /** Adds pdfUrl and jsonUrl (signed links) to the data. */
  links: boolean;
  data(inv: Invoice, ev: EventData): Record<string, unknown>;
}

/** What every DTE event says about its document. */
function documentFacts(inv: Invoice): Record<string, unknown> {
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
    data: (inv) => ({ ...documentFacts(inv), sello: inv.selloRecibido ?? null, fhProcesamiento: inv.fhProcesamiento ?? null, totalPagar: inv.totalPagar, observaciones: inv.observaciones ?? [] }),
  },
  'dte.rejected': {
    links: false,
    data: (inv) => ({ ...documentFacts(inv), codigoMsg: inv.mhCodigoMsg ?? null, descripcionMsg: inv.mhDescripcionMsg ?? null, observaciones: inv.observaciones ?? [] }),
  },
  // A contingency document has no sello yet; its PDF says so (issue 6 §4). MH must receive it later (FACTS §3.6).
  'dte.contingency': {
    links: true,
    data: (inv, ev) => ({ ...documentFacts(inv), sello: null, tipoContingencia: inv.tipoContingencia ?? null, motivoContin: inv.motivoContin ?? null, reason: pick(ev, 'reason') }),
  },
  'dte.invalidated': {
    links: true,
    data: (inv, ev) => ({ ...documentFacts(inv), sello: inv.selloRecibido ?? null, invalidation: ev ?? inv.invalidation ?? null }),
  },
  'dte.email.delivered': {
    links: false,
    data: (inv, ev) => ({ ...documentFacts(inv), to: pick(ev, 'to'), messageId: pick(ev, 'messageId') }),
  },
  'dte.email.failed': {
    links: false,
    data: (inv, ev) => ({ ...documentFacts(inv), to: pick(ev, 'to'), error: pick(ev, 'error') }),
  },
  // kind: contingency (event due 24 h after the outage), transmission (documents due 72 h after the event's
  // sello) or invalidation (last day to invalidate, FACTS §5.9).
  'dte.deadline.warning': {
    links: false,
    data: (inv, ev) => ({ ...documentFacts(inv), kind: pick(ev, 'kind'), deadline: pick(ev, 'deadline') }),
  },
};

export function isWebhookEvent(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/** The data of an event for subscribers, or null when the event type is internal (dte.queued, dte.signed, …). */
export function eventData(type: string, inv: Invoice, ev: EventData): Record<string, unknown> | null {
  return isWebhookEvent(type) ? EVENT_PAYLOADS[type].data(inv, ev) : null;
}

export function eventHasLinks(type: string): boolean {
  return isWebhookEvent(type) && EVENT_PAYLOADS[type].links;
}
