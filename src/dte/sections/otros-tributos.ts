// Tributos other than IVA that a sale line may carry, from CAT-015 section 1 (the codes MH lists in resumen.tributos):
// FOVIAL D1 ($0.20 per gallon), COTRANS C8 ($0.10 per gallon), turismo por alojamiento 59 (5 %), salida del país por
// vía aérea 71 ($7.00 each), and D4/D5 (other taxes/fees of special cases: no fixed rate, the value is given).
// Each line's value is computed to 8 decimals; the summary line per code is the rounded sum (2 decimals), and it adds
// to montoTotalOperacion like IVA does (montoTotalOperacion = subTotal + Σ resumen.tributos.valor).
import { tributoResumenDescripcion } from '../catalogs/index.js';
import { type Dec, IVA_DIVISOR, num, r2, r8, sum, ZERO } from '../money.js';
import type { PriceMode, VentaLine } from './ventas.js';

export type TributoRule =
  | { kind: 'perUnit'; amount: string; uniMedida: number | null; unitName: string }
  | { kind: 'rate'; rate: string }
  | { kind: 'given' };

/** CAT-014 22 = galón: FOVIAL and COTRANS are fixed amounts per gallon sold. */
export const GALON = 22;

export const OTROS_TRIBUTOS: Readonly<Record<string, TributoRule>> = {
  D1: { kind: 'perUnit', amount: '0.20', uniMedida: GALON, unitName: 'galón' },
  C8: { kind: 'perUnit', amount: '0.10', uniMedida: GALON, unitName: 'galón' },
  '59': { kind: 'rate', rate: '0.05' },
  '71': { kind: 'perUnit', amount: '7.00', uniMedida: null, unitName: 'unidad' },
  D4: { kind: 'given' },
  D5: { kind: 'given' },
};

export const isOtroTributo = (codigo: string): boolean => codigo in OTROS_TRIBUTOS;

/** The price without IVA of a gravada amount: FE prices include IVA, the others exclude it. */
export function baseSinIva(gravada: Dec, mode: PriceMode): Dec {
  return mode === 'ivaIncluido' ? gravada.div(IVA_DIVISOR) : gravada;
}

/** One line's value of one tributo (8 decimals). */
export function tributoValue(rule: TributoRule, cantidad: Dec, gravada: Dec, mode: PriceMode, given: Dec | null): Dec {
  if (rule.kind === 'perUnit') return r8(cantidad.times(rule.amount));
  if (rule.kind === 'rate') return r8(baseSinIva(gravada, mode).times(rule.rate));
  return r8(given ?? ZERO);
}

export interface TributoTotal {
  codigo: string;
  valor: Dec;
}

/** Σ per code over the lines, in order of first appearance, rounded to 2 decimals. */
export function otrosTributosTotals(lines: readonly VentaLine[], mode: PriceMode): TributoTotal[] {
  const acc = new Map<string, Dec[]>();
  for (const l of lines) {
    for (const t of l.item.tributos ?? []) {
      const v = tributoValue(OTROS_TRIBUTOS[t.codigo]!, l.item.cantidad, l.ventaGravada, mode, t.valor);
      acc.set(t.codigo, [...(acc.get(t.codigo) ?? []), v]);
    }
  }
  return [...acc].map(([codigo, values]) => ({ codigo, valor: r2(sum(values)) }));
}

export function sumTributos(list: readonly TributoTotal[]): Dec {
  return sum(list.map((t) => t.valor));
}

/** resumen.tributos lines for the other tributos (after IVA/C3 when the type lists those). */
export function otrosTributosLines(list: readonly TributoTotal[]): Record<string, unknown>[] {
  return list.map((t) => ({
    codigo: t.codigo,
    descripcion: tributoResumenDescripcion(t.codigo) ?? t.codigo,
    valor: num(t.valor),
  }));
}

/** A line's `tributos` codes: the type's own (20 on CCF-family gravada lines, C3 on FEX) then the others. */
export function lineTributoCodes(own: string | null, l: VentaLine): string[] | null {
  const codes = [...(own && l.ventaGravada.gt(0) ? [own] : []), ...(l.item.tributos ?? []).map((t) => t.codigo)];
  return codes.length ? codes : null;
}

/** The resumen.tributos of a document: its own IVA line (if any) then the others; null when empty. */
export function resumenTributos(
  own: Record<string, unknown> | null,
  others: readonly TributoTotal[],
): Record<string, unknown>[] | null {
  const all = [...(own ? [own] : []), ...otrosTributosLines(others)];
  return all.length ? all : null;
}
