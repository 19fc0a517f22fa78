// Invalidation windows (FACTS §5.9). We implement MF2 (Manual Funcional v2.0, primary source):
//  - FE (01), FEX (11), FSE (14): the event may be dated up to 3 months after the DTE's fecEmi;
//  - every other type: up to the 10th business day (Mon–Fri) of the month after the DTE's month.
// CONFLICT: DG45's reading of Anexo V is stricter (CCF/CR/NC/ND 1 day, NR/CD 4 days, CL/DCL 10 business days) [S][?].
// Public holidays are not modelled (they would only extend the window), so this date is never later than MF2 allows
// on weekdays; callers should still invalidate early.
import type { TipoDte } from '../model.js';

const THREE_MONTH_TYPES: readonly TipoDte[] = ['01', '11', '14'];

function parse(fecEmi: string): Date {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(fecEmi)) throw new RangeError(`invalidationDeadline: fecEmi '${fecEmi}' is not YYYY-MM-DD`);
  return new Date(`${fecEmi}T00:00:00Z`);
}
function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Same day three months later, clamped to the last day of that month (e.g. 30 Nov → 28/29 Feb). */
function plusThreeMonths(d: Date): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 3;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

function tenthBusinessDayOfNextMonth(d: Date): Date {
  const cur = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  let count = 0;
  for (;;) {
    const wd = cur.getUTCDay();
    if (wd !== 0 && wd !== 6 && ++count === 10) return cur;
    cur.setUTCDate(cur.getUTCDate() + 1);
  }
}

export function invalidationDeadline(tipoDte: TipoDte, fecEmi: string): string {
  const d = parse(fecEmi);
  return fmt(THREE_MONTH_TYPES.includes(tipoDte) ? plusThreeMonths(d) : tenthBusinessDayOfNextMonth(d));
}

/** FACTS §3.6: contingency allowed for FE, CCF, NR, NC, ND, CR, FEX, FSE; not for CL (08), DCL (09), CD (15). */
export function isContingencyAllowed(tipoDte: TipoDte): boolean {
  return tipoDte !== '08' && tipoDte !== '09' && tipoDte !== '15';
}
