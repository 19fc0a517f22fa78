// cuerpoDocumento lines and the shared resumen amounts of sale documents, from the computed VentaLine values
import type { EmissionInput, ItemInput } from '../input/types.js';
import { type Dec, num } from '../money.js';
import { computeLine, computeTotals, type PriceMode, type VentaLine, type VentasTotals } from './ventas.js';

export interface Ventas {
  lines: VentaLine[];
  totals: VentasTotals;
}

/** The last computation for an items list, with what it was computed from (parsing and building ask for the same). */
interface Computed {
  mode: PriceMode;
  items: readonly ItemInput[];
  noSujeto: Dec;
  exento: Dec;
  gravado: Dec;
  ventas: Ventas;
}
const computed = new WeakMap<readonly ItemInput[], Computed>();

/**
 * The lines and totals of a sale document. Parsing an FE computes them (its receptor rules depend on the total) and
 * building it computes them again from the same items: the second asks get the first's answer (the values are
 * immutable decimals; the items and the global discount are compared by identity, so a changed input computes anew).
 */
export function computeVentas(input: EmissionInput, mode: PriceMode): Ventas {
  const g = input.descuentoGlobal;
  const known = computed.get(input.items);
  if (
    known &&
    known.mode === mode &&
    known.noSujeto === g.noSujeto &&
    known.exento === g.exento &&
    known.gravado === g.gravado &&
    known.items.length === input.items.length &&
    known.items.every((it, i) => it === input.items[i])
  ) {
    return known.ventas;
  }
  const lines = input.items.map((it) => computeLine(it, mode));
  const ventas = { lines, totals: computeTotals(lines, g) };
  const entry = { mode, items: [...input.items], noSujeto: g.noSujeto, exento: g.exento, gravado: g.gravado, ventas };
  computed.set(input.items, entry);
  return ventas;
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
