import { svDate, svDateTimeParts, svInstant } from '../time.js';
import type { SandboxState } from './state.js';

/**
 * MH's date tolerance as the sandbox enforces it, all in El Salvador time:
 *  - Ahead of MH's clock: fecEmi may be at most 1 day after the transmission date, never in the next tax period
 *    (month); on the last day of the month only 30 minutes ahead of MH's time (horEmi holgura).
 *  - Behind MH's clock, normal transmission (tipoOperacion 1): at most `maxPastHours` (default 24 h). MH's manuals
 *    give no number for this; a modelo-previo DTE is transmitted when it is issued, and the retry policy (8 s, two
 *    resends, then contingency) keeps real delays far below a day.
 *  - Contingency documents (tipoOperacion 2) are exempt from the past limit but must have been reported in a
 *    contingency event of the same emisor, and arrive within 72 h of that event's reception.
 * Returns a rejection [codigo, message] or null.
 */
export function checkEmissionDate(
  state: SandboxState,
  nit: string,
  identificacion: Record<string, unknown>,
  maxPastHours: number,
): [kind: 'FECHA' | 'CONTINGENCIA', message: string] | null {
  const now = state.now();
  const at = svInstant(identificacion.fecEmi, identificacion.horEmi);
  if (!at) return ['FECHA', '[identificacion.fecEmi] FORMATO DE FECHA U HORA DE EMISION INVALIDO'];

  const ahead = aheadOfMh(at, String(identificacion.fecEmi), now);
  if (ahead) return ['FECHA', ahead];

  if (identificacion.tipoOperacion === 2) {
    const codigo = String(identificacion.codigoGeneracion);
    const event = [...state.contingencies.values()].find((e) => e.nit === nit && e.documentos.has(codigo));
    if (!event)
      return ['CONTINGENCIA', '[identificacion.codigoGeneracion] DOCUMENTO NO REPORTADO EN EVENTO DE CONTINGENCIA'];
    if (now.getTime() - event.receivedAt.getTime() > 72 * 3_600_000) {
      return [
        'CONTINGENCIA',
        '[identificacion.codigoGeneracion] PLAZO DE 72 HORAS PARA TRANSMITIR DOCUMENTO DE CONTINGENCIA VENCIDO',
      ];
    }
    return null;
  }
  if (now.getTime() - at.getTime() > maxPastHours * 3_600_000) {
    return ['FECHA', '[identificacion.fecEmi] FECHA DE EMISION FUERA DEL PLAZO PERMITIDO PARA TRANSMISION'];
  }
  return null;
}

function aheadOfMh(at: Date, fecEmi: string, now: Date): string | null {
  if (at.getTime() <= now.getTime()) return null;
  const n = svDateTimeParts(now);
  const lastDayOfMonth = new Date(Date.UTC(n.year, n.month, 0)).getUTCDate() === n.day;
  if (lastDayOfMonth) {
    return at.getTime() - now.getTime() > 30 * 60_000
      ? '[identificacion.horEmi] HORA DE EMISION SUPERA LA HOLGURA DE 30 MINUTOS DEL ULTIMO DIA DEL PERIODO'
      : null;
  }
  const tomorrow = svDate(new Date(now.getTime() + 86_400_000));
  const samePeriod = fecEmi.slice(0, 7) === svDate(now).slice(0, 7);
  return fecEmi <= tomorrow && samePeriod ? null : '[identificacion.fecEmi] FECHA DE EMISION POSTERIOR A LA PERMITIDA';
}
