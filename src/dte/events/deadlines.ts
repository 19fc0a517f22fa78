// MH's deadlines that depend on a document's type and date, on El Salvador's business-day calendar.
// Invalidation windows: we implement the Manual Funcional v2.0 (MH's primary source):
//  - Factura (01), Factura de Exportación (11), Sujeto Excluido (14): the invalidation event may be sent up to
//    3 months after the DTE's emission date;
//  - every other type (CCF, NC, ND, NR, CR, CL, DCL, CD, events): until the 10th business day of the month following
//    the period in which the DTE received its sello — business days exclude weekends, national holidays (Holy Week
//    computed from Easter) and the tenant's extra days.
//  - a document that sells perishable medicines (a line flagged medicamentoPerecedero): 2 years after emission, the
//    window MH's Normativa 2.0 gives the pharmaceutical activities for returns of medicines; never shorter than the
//    ordinary window.
// A secondary reading of the Normativa's Anexo V is stricter (CCF/CR/NC/ND 1 day, NR/CD 4 days); callers should still
// invalidate early.
import type { TipoDte, TipoEvento } from '../model.js';
import {
  addMonthsClamped,
  NATIONAL_CALENDAR,
  nthBusinessDayOfNextMonth,
  toDate,
  type BusinessCalendar,
} from '../calendar/business-days.js';

const THREE_MONTH_TYPES: readonly (TipoDte | TipoEvento)[] = ['01', '11', '14'];
/** Credit and debit notes may relate a CCF or Comprobante de Retención at most 3 months old. */
const NOTE_TARGETS: readonly TipoDte[] = ['03', '07'];

export interface DeadlineOptions {
  calendar?: BusinessCalendar;
  /** At least one line is a perishable medicine (2-year window). */
  perishable?: boolean;
}

function check(fecEmi: string): void {
  try {
    toDate(fecEmi);
  } catch {
    throw new RangeError(`invalidationDeadline: fecEmi '${fecEmi}' is not YYYY-MM-DD`);
  }
}

/** Last El Salvador date on which MH accepts the invalidation event of this document (or Retorno / Op. Especiales). */
export function invalidationDeadline(
  tipoDte: TipoDte | TipoEvento,
  fecEmi: string,
  opts: DeadlineOptions = {},
): string {
  check(fecEmi);
  const cal = opts.calendar ?? NATIONAL_CALENDAR;
  const ordinary = THREE_MONTH_TYPES.includes(tipoDte)
    ? addMonthsClamped(fecEmi, 3)
    : nthBusinessDayOfNextMonth(cal, fecEmi, 10);
  if (!opts.perishable) return ordinary;
  const twoYears = addMonthsClamped(fecEmi, 24);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as strings; Math.max would give NaN
  return twoYears > ordinary ? twoYears : ordinary;
}

/**
 * The monthly IVA return (F-07) and its annexes for the period of `fecEmi`: within the first ten business days of the
 * following month (Ley del IVA, Art. 94).
 */
export function ivaReturnDeadline(fecEmi: string, calendar: BusinessCalendar = NATIONAL_CALENDAR): string {
  check(fecEmi);
  // The same for every document of a month on one calendar (a changed calendar is another object).
  let byMonth = ivaReturnDeadlines.get(calendar);
  if (!byMonth) ivaReturnDeadlines.set(calendar, (byMonth = new Map()));
  const month = fecEmi.slice(0, 7);
  let deadline = byMonth.get(month);
  if (deadline === undefined) byMonth.set(month, (deadline = nthBusinessDayOfNextMonth(calendar, fecEmi, 10)));
  return deadline;
}
const ivaReturnDeadlines = new WeakMap<BusinessCalendar, Map<string, string>>();

/** Last date on which a credit or debit note may still relate this CCF / CR (3 months), or null for other types. */
export function relatedNoteDeadline(tipoDte: TipoDte, fecEmi: string): string | null {
  check(fecEmi);
  return NOTE_TARGETS.includes(tipoDte) ? addMonthsClamped(fecEmi, 3) : null;
}

/** Contingency is allowed for FE, CCF, NR, NC, ND, CR, FEX, FSE; not for CL (08), DCL (09), CD (15). */
export function isContingencyAllowed(tipoDte: TipoDte): boolean {
  return tipoDte !== '08' && tipoDte !== '09' && tipoDte !== '15';
}
