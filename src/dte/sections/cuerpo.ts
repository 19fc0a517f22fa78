// cuerpoDocumento lines and the shared resumen amounts of sale documents, from the computed VentaLine values
import type { EmissionInput } from '../input/types.js';
import { num } from '../money.js';
import { computeLine, computeTotals, type PriceMode, type VentaLine, type VentasTotals } from './ventas.js';

export interface Ventas {
  lines: VentaLine[];
  totals: VentasTotals;
}

export function computeVentas(input: EmissionInput, mode: PriceMode): Ventas {
  const lines = input.items.map((it) => computeLine(it, mode));
  return { lines, totals: computeTotals(lines, input.descuentoGlobal) };
}

/** Keys common to FE/CCF/NR/NC/ND sale lines. */
export function saleLineBase(l: VentaLine, i: number): Record<string, unknown> {
  return {
    numItem: i + 1,
    tipoItem: l.item.tipoItem,
    numeroDocumento: l.item.numeroDocumento,
    cantidad: num(l.item.cantidad),
    codigo: l.item.codigo,
    codTributo: l.item.codTributo,
    uniMedida: l.item.uniMedida,
    descripcion: l.item.descripcion,
    precioUni: num(l.precioUni),
    montoDescu: num(l.montoDescu),
    ventaNoSuj: num(l.ventaNoSuj),
    ventaExenta: num(l.ventaExenta),
    ventaGravada: num(l.ventaGravada),
  };
}

/** The resumen amounts FE, CCF and NR share, in MH's key order (totalNoSuj … totalDescu). */
export function saleResumenBase(t: VentasTotals): Record<string, unknown> {
  return {
    totalNoSuj: num(t.totalNoSuj),
    totalExenta: num(t.totalExenta),
    totalGravada: num(t.totalGravada),
    subTotalVentas: num(t.subTotalVentas),
    descuNoSuj: num(t.descuNoSuj),
    descuExenta: num(t.descuExenta),
    descuGravada: num(t.descuGravada),
    porcentajeDescuento: num(t.porcentajeDescuento),
    totalDescu: num(t.totalDescu),
  };
}

/** CCF/NR/NC/ND: IVA is a tribute (code 20) on taxed lines. */
export function ivaTributos(l: VentaLine): string[] | null {
  return l.ventaGravada.gt(0) ? ['20'] : null;
}
