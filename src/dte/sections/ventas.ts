// Sale-line ("cuerpoDocumento") arithmetic shared by FE, CCF, NR, NC, ND and FEX (MH's rules).
// Every item amount is rounded to 8 decimals; summaries are computed from the ROUNDED item values, then rounded to 2.
import type { DescuentoGlobalInput, ItemInput } from '../input/types.js';
import { D, type Dec, IVA_DIVISOR, IVA_RATE, r2, r8, sum, ZERO } from '../money.js';
import { ratioRounded } from '../units.js';

/** FE prices include IVA; CCF/NC/ND/NR prices exclude it (MH's rules). */
export type PriceMode = 'ivaIncluido' | 'ivaExcluido';

export interface VentaLine {
  item: ItemInput;
  precioUni: Dec;
  montoDescu: Dec;
  ventaNoSuj: Dec;
  ventaExenta: Dec;
  ventaGravada: Dec;
  noGravado: Dec;
  /** IVA contained in (FE) or due on (CCF) the gravada amount, 8 decimals. */
  iva: Dec;
}

export function computeLine(item: ItemInput, mode: PriceMode): VentaLine {
  // Cargos/abonos (noGravado): MH puts the whole value in noGravado with every sale amount at 0.
  if (item.tipo === 'noGravado') {
    const value = r8(item.cantidad.times(item.precio).minus(item.descuento));
    return {
      item,
      precioUni: ZERO,
      montoDescu: ZERO,
      ventaNoSuj: ZERO,
      ventaExenta: ZERO,
      ventaGravada: ZERO,
      noGravado: value,
      iva: ZERO,
    };
  }
  const neto = r8(item.cantidad.times(item.precio).minus(item.descuento));
  const gravada = item.tipo === 'gravado' ? neto : ZERO;
  const iva = mode === 'ivaIncluido' ? ivaIncluded(gravada, 8) : r8(gravada.times(IVA_RATE));
  return {
    item,
    precioUni: r8(item.precio),
    montoDescu: r8(item.descuento),
    ventaNoSuj: item.tipo === 'noSujeto' ? neto : ZERO,
    ventaExenta: item.tipo === 'exento' ? neto : ZERO,
    ventaGravada: gravada,
    noGravado: ZERO,
    iva,
  };
}

export interface VentasTotals {
  totalNoSuj: Dec;
  totalExenta: Dec;
  totalGravada: Dec;
  subTotalVentas: Dec;
  descuNoSuj: Dec;
  descuExenta: Dec;
  descuGravada: Dec;
  porcentajeDescuento: Dec;
  totalDescu: Dec;
  subTotal: Dec;
  totalNoGravado: Dec;
  /** Gravada base after the global discount (used for IVA, retention and perception). */
  baseGravada: Dec;
}

export function computeTotals(lines: readonly VentaLine[], global: DescuentoGlobalInput): VentasTotals {
  const totalNoSuj = r2(sum(lines.map((l) => l.ventaNoSuj)));
  const totalExenta = r2(sum(lines.map((l) => l.ventaExenta)));
  const totalGravada = r2(sum(lines.map((l) => l.ventaGravada)));
  const subTotalVentas = totalNoSuj.plus(totalExenta).plus(totalGravada);
  const descuNoSuj = r2(global.noSujeto);
  const descuExenta = r2(global.exento);
  const descuGravada = r2(global.gravado);
  const globalDescu = descuNoSuj.plus(descuExenta).plus(descuGravada);
  const itemDescu = sum(lines.map((l) => l.montoDescu));
  // porcentajeDescuento is informative: global discount as a share of subTotalVentas.
  const porcentajeDescuento = subTotalVentas.gt(0) ? r2(globalDescu.div(subTotalVentas).times(100)) : ZERO;
  return {
    totalNoSuj,
    totalExenta,
    totalGravada,
    subTotalVentas,
    descuNoSuj,
    descuExenta,
    descuGravada,
    porcentajeDescuento: D.min(porcentajeDescuento, 100),
    totalDescu: r2(itemDescu.plus(globalDescu)),
    subTotal: subTotalVentas.minus(globalDescu),
    totalNoGravado: r2(sum(lines.map((l) => l.noGravado))),
    baseGravada: totalGravada.minus(descuGravada),
  };
}

/** IVA of the document: FE extracts it from IVA-inclusive prices, CCF adds 13 % (MH's rules). */
export function ivaOf(base: Dec, mode: PriceMode): Dec {
  return mode === 'ivaIncluido' ? ivaIncluded(base, 2) : r2(base.times(IVA_RATE));
}

/** The IVA inside an IVA-inclusive amount, amount / 1.13 × 0.13 = 13 amount / 113, rounded half-up (exact). */
function ivaIncluded(amount: Dec, places: 2 | 8): Dec {
  const exact = ratioRounded(amount, 13n, 113n, places);
  if (exact) return exact;
  const iva = amount.div(IVA_DIVISOR).times(IVA_RATE);
  return places === 8 ? r8(iva) : r2(iva);
}

/** 1 % retention/perception on the gravada base without IVA (on an IVA-inclusive base: base / 1.13 × 0.01). */
export function onePercentOf(base: Dec, mode: PriceMode): Dec {
  if (mode === 'ivaIncluido') return ratioRounded(base, 1n, 113n, 2) ?? r2(base.div(IVA_DIVISOR).times('0.01'));
  return r2(base.times('0.01'));
}
