// identificacion helpers: numeroControl, codigoGeneracion, El Salvador date/time.
import { randomUUID } from 'node:crypto';
import type { TipoDte } from './model.js';

/** v2.0 section 3: (M|B|S|P)### establishment + P### point of sale. CD v2 keeps [A-Z0-9]{8}. */
export const COD_ESTABLE_MH = /^[MBSP][0-9]{3}$/;
export const COD_PUNTO_VENTA_MH = /^P[0-9]{3}$/;
export const NUMERO_CONTROL_V2 = /^DTE-(01|03|04|05|06|07|08|09|11|14)-[MBSP][0-9]{3}P[0-9]{3}-[0-9]{15}$/;
export const NUMERO_CONTROL_CD = /^DTE-15-[A-Z0-9]{8}-[0-9]{15}$/;
/** MH pattern (uppercase hex UUID); newCodigoGeneracion additionally emits v4 UUIDs. */
export const CODIGO_GENERACION = /^[A-F0-9]{8}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{12}$/;
export const FEC = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
export const HOR = /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;

export function formatNumeroControl(
  tipoDte: TipoDte,
  codEstableMH: string,
  codPuntoVentaMH: string,
  correlativo: bigint | number,
): string {
  const section3 = `${codEstableMH}${codPuntoVentaMH}`;
  const sectionOk =
    tipoDte === '15'
      ? /^[A-Z0-9]{8}$/.test(section3)
      : COD_ESTABLE_MH.test(codEstableMH) && COD_PUNTO_VENTA_MH.test(codPuntoVentaMH);
  if (!sectionOk) {
    throw new RangeError(
      `numeroControl: codEstableMH '${codEstableMH}' + codPuntoVentaMH ` +
        `'${codPuntoVentaMH}' must be (M|B|S|P)### + P### (MH identification rules)`,
    );
  }
  const n = BigInt(correlativo);
  if (n < 1n || n > 999_999_999_999_999n) throw new RangeError(`numeroControl: correlativo ${n} outside 1..10^15-1`);
  return `DTE-${tipoDte}-${section3}-${n.toString().padStart(15, '0')}`;
}

export function newCodigoGeneracion(): string {
  return randomUUID().toUpperCase();
}

export function isValidDate(s: string): boolean {
  if (!FEC.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === s;
}

/** America/El_Salvador is UTC−06:00 all year (no DST since 1988), so a fixed offset is exact. */
export function elSalvadorDateTime(at: Date): { fecEmi: string; horEmi: string } {
  const local = new Date(at.getTime() - 6 * 3600_000);
  const iso = local.toISOString();
  return { fecEmi: iso.slice(0, 10), horEmi: iso.slice(11, 19) };
}
