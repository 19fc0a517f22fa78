/**
 * Every deadline MH sets on one document, as exposed on the invoice (GraphQL `deadlines`, REST `deadlines`):
 *  - invalidation: last El Salvador date for the invalidation event (3 months for FE/FEX/FSE; the 10th business day of
 *    the following month for the other types; 2 years for perishable medicines);
 *  - contingencyEvent / transmit: a contingency document's event is due 24 h after the outage ends, the document
 *    itself 72 h after the event's sello;
 *  - ivaReturn: the monthly IVA return (F-07) and its annexes covering this document are due within the first ten
 *    business days of the following month (Ley del IVA, Art. 94);
 *  - relatedNotes: a credit or debit note may relate a CCF or Comprobante de Retención at most 3 months old.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ivaReturnDeadline, relatedNoteDeadline, type BusinessCalendar } from '../../dte/index.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { calendarForTenant } from './business-calendar.js';

export interface InvoiceDeadlines {
  invalidation: string | null;
  contingencyEvent: Date | null;
  transmit: Date | null;
  ivaReturn: string;
  relatedNotes: string | null;
  perishableMedicine: boolean;
}

type DeadlineSource = Pick<
  Invoice,
  'tipoDte' | 'fecEmi' | 'perishableMedicine' | 'invalidationDeadline' | 'contingencyDeadline' | 'transmitDeadline'
>;

export function invoiceDeadlines(inv: DeadlineSource, calendar: BusinessCalendar): InvoiceDeadlines {
  return {
    invalidation: inv.invalidationDeadline ?? null,
    contingencyEvent: inv.contingencyDeadline ?? null,
    transmit: inv.transmitDeadline ?? null,
    ivaReturn: ivaReturnDeadline(inv.fecEmi, calendar),
    relatedNotes: relatedNoteDeadline(inv.tipoDte, inv.fecEmi),
    perishableMedicine: inv.perishableMedicine,
  };
}

/** The REST form (instants as ISO strings). */
export function deadlinesJson(d: InvoiceDeadlines): Record<string, string | boolean | null> {
  return {
    ...d,
    contingencyEvent: d.contingencyEvent?.toISOString() ?? null,
    transmit: d.transmit?.toISOString() ?? null,
  };
}

/** One calendar load per tenant per request (a page of invoices shares it). */
const perRequest = new WeakMap<object, Map<string, Promise<BusinessCalendar>>>();
export function cachedCalendar(scope: object, em: EntityManager, tenantId: string): Promise<BusinessCalendar> {
  let m = perRequest.get(scope);
  if (!m) perRequest.set(scope, (m = new Map()));
  let c = m.get(tenantId);
  if (!c) m.set(tenantId, (c = calendarForTenant(em.fork(), tenantId)));
  return c;
}
