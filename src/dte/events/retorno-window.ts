// How long after a document's emission an Evento de Retorno may be sent against it. MH's sources give 2 years for
// the pharmaceutical activities (CAT-019 21001, 21008, 46482, 46484, 46491, 47721: medicines and their trade); for
// every other activity they are silent, and we apply the window MH gives FE/FEX/FSE for their invalidation events:
// up to 3 months after fecEmi (a return undoes part of the sale, as an invalidation undoes all of it).
import { invalidationDeadline } from './deadlines.js';

export const PHARMA_ACTIVIDADES: readonly string[] = ['21001', '21008', '46482', '46484', '46491', '47721'];

/** Last El Salvador date on which a Retorno may be dated for a document issued on fecEmi by this activity. */
export function returnDeadline(fecEmi: string, codActividad: string): string {
  if (!PHARMA_ACTIVIDADES.includes(codActividad)) return invalidationDeadline('01', fecEmi);
  const [y, m, d] = fecEmi.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 2, m, 0)).getUTCDate(); // 29 Feb → 28 Feb two years later
  return `${y + 2}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Operaciones Especiales report documents of one tax period: the event is due by the 10th business day of the month
 * after the reported document's date (the window MH gives these events for their invalidation).
 */
export function specialOperationsDeadline(fechaEmision: string): string {
  return invalidationDeadline('03', fechaEmision);
}
