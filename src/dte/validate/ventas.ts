// Arithmetic checks of sale documents (FE, CCF, NR, NC, ND, FEX) against MH's formulas with ±0.01 (MH's rules).
import { type DteIssue, issue } from '../model.js';
import { D, type Dec, IVA_DIVISOR, IVA_RATE, sum, ZERO } from '../money.js';
import { ivaWithinCent, lineWithinCent, sumUnits, units8, withinCent } from '../units.js';
import { d, isObj, list, near, type O } from './semantic.js';

export interface SaleCheckOptions {
  mode: 'ivaIncluido' | 'ivaExcluido';
  globalDiscounts: boolean;
  itemIvaKey?: 'ivaItem' | 'totalIva';
  /** Tribute taxed lines must list: "20" (IVA 13 %) by default, "C3" on exports. */
  lineTributo?: '20' | 'C3';
}

const z = (v: unknown): Dec => d(v) ?? ZERO;

/** The amount as the checks read it (a missing or non-finite one is 0) is not zero; above zero. */
const nonZero = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v !== 0;
const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

export function checkSaleLines(items: O[], o: SaleCheckOptions, out: DteIssue[]): void {
  items.forEach((it, i) => {
    const p = `cuerpoDocumento[${i}]`;
    // The line's amounts in exact integers when they allow it; any doubt, or a failure, is decided with Decimal.
    const holds = lineArithmeticHolds(it, o);
    if (!holds) saleAmountArithmetic(it, p, out);
    const kinds = [it['ventaNoSuj'], it['ventaExenta'], it['ventaGravada']].filter(nonZero).length;
    if (kinds > 1)
      out.push(issue(p, 'MIXED_TAX_TREATMENT', `${p} has more than one of ventaNoSuj/ventaExenta/ventaGravada`));
    if (!holds) ivaArithmetic(it, o, p, out);
    if (o.mode === 'ivaExcluido' && 'tributos' in it) {
      const code = o.lineTributo ?? '20';
      const hasIva = Array.isArray(it['tributos']) && (it['tributos'] as unknown[]).includes(code);
      if (positive(it['ventaGravada']) && !hasIva)
        out.push(
          issue(
            `${p}.tributos`,
            'IVA_TRIBUTO_REQUIRED',
            `${p} is taxed: tributos must include "${code}" (IVA 13 % on the taxed base)`,
          ),
        );
    }
    if (it['tipoItem'] === 4 && it['uniMedida'] !== 99)
      out.push(issue(`${p}.uniMedida`, 'NOT_ALLOWED', 'tipoItem 4 requires uniMedida 99 (MH item rules)'));
    if (it['tipoItem'] === 4 && it['codTributo'] === null)
      out.push(
        issue(
          `${p}.codTributo`,
          'REQUIRED',
          'tipoItem 4 requires codTributo (MH: a tribute charged as an item names its CAT-015 code)',
        ),
      );
  });
}

/**
 * A line's sale amount against MH's formula, cantidad × precioUni − montoDescu within ±0.01 (a cargo/abono line has
 * every sale amount at 0).
 */
function saleAmountArithmetic(it: O, p: string, out: DteIssue[]): void {
  const venta = z(it['ventaNoSuj']).plus(z(it['ventaExenta'])).plus(z(it['ventaGravada']));
  if (z(it['noGravado']).isZero()) {
    const expected = z(it['cantidad']).times(z(it['precioUni'])).minus(z(it['montoDescu']));
    near(num(venta), expected, `${p}.ventaGravada`, out);
  } else if (!venta.isZero()) {
    out.push(
      issue(
        `${p}.noGravado`,
        'MIXED_NO_GRAVADO',
        `${p}: a cargo/abono line has all sale amounts at 0 (MH rule for cargos and abonos)`,
      ),
    );
  }
}

/** A line's IVA (ivaItem on FE, totalIva on notes) against its taxed amount's, within ±0.01. */
function ivaArithmetic(it: O, o: SaleCheckOptions, p: string, out: DteIssue[]): void {
  if (o.itemIvaKey && o.itemIvaKey in it) {
    const g = z(it['ventaGravada']);
    const iva = o.mode === 'ivaIncluido' ? g.div(IVA_DIVISOR).times(IVA_RATE) : g.times(IVA_RATE);
    near(it[o.itemIvaKey], iva, `${p}.${o.itemIvaKey}`, out);
  }
}

/**
 * saleAmountArithmetic and ivaArithmetic find nothing, told in exact integers (units of 1e-8); false also when they
 * cannot tell.
 */
function lineArithmeticHolds(it: O, o: SaleCheckOptions): boolean {
  const ns = units8(it['ventaNoSuj']);
  const ex = units8(it['ventaExenta']);
  const gr = units8(it['ventaGravada']);
  const ng = units8(it['noGravado']);
  if (ns === null || ex === null || gr === null || ng === null) return false;
  const venta = ns + ex + gr;
  if (ng === 0) {
    const c = units8(it['cantidad']);
    const pu = units8(it['precioUni']);
    const d = units8(it['montoDescu']);
    if (c === null || pu === null || d === null || !lineWithinCent(venta, c, pu, d)) return false;
  } else if (venta !== 0) return false;
  if (o.itemIvaKey && o.itemIvaKey in it) {
    const actual = it[o.itemIvaKey];
    if (typeof actual === 'number' && Number.isFinite(actual)) {
      const a = units8(actual);
      if (a === null || !ivaWithinCent(a, gr, o.mode === 'ivaIncluido')) return false;
    }
  }
  return true;
}

function num(v: Dec): number {
  return Number(v.toFixed());
}

export interface SaleTotalsResult {
  subTotal: Dec;
  base: Dec;
}

/** totalNoSuj/Exenta/Gravada, subTotalVentas, totalDescu, subTotal, totalNoGravado from the lines. */
export function checkSaleTotals(items: O[], res: O, o: SaleCheckOptions, out: DteIssue[]): SaleTotalsResult {
  // The sums in exact integers when they allow it; any doubt, or a failure, is decided with Decimal.
  if (!totalsArithmeticHold(items, res, o)) totalsArithmetic(items, res, o, out);
  const globalDescu = o.globalDiscounts
    ? z(res['descuNoSuj']).plus(z(res['descuExenta'])).plus(z(res['descuGravada']))
    : ZERO;
  const subTotal = z(res['subTotalVentas']).minus(globalDescu);
  if (o.globalDiscounts) {
    for (const [k, t] of [
      ['descuNoSuj', 'totalNoSuj'],
      ['descuExenta', 'totalExenta'],
      ['descuGravada', 'totalGravada'],
    ] as const) {
      if (amount(res[k]) > amount(res[t]))
        out.push(issue(`resumen.${k}`, 'DISCOUNT_TOO_LARGE', `resumen.${k} exceeds resumen.${t}`));
    }
  }
  const base = z(res['totalGravada']).minus(o.globalDiscounts ? z(res['descuGravada']) : ZERO);
  return { subTotal, base };
}

/** The amount as the checks read it, a double (a missing or non-finite one is 0): doubles order as their decimals. */
const amount = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The resumen's sums against its lines and its own parts, each within ±0.01 (MH's tolerance). */
function totalsArithmetic(items: O[], res: O, o: SaleCheckOptions, out: DteIssue[]): void {
  const s = (k: string) => sum(items.map((it) => z(it[k])));
  near(res['totalNoSuj'], s('ventaNoSuj'), 'resumen.totalNoSuj', out);
  near(res['totalExenta'], s('ventaExenta'), 'resumen.totalExenta', out);
  near(res['totalGravada'], s('ventaGravada'), 'resumen.totalGravada', out);
  if ('totalNoGravado' in res) near(res['totalNoGravado'], s('noGravado'), 'resumen.totalNoGravado', out);
  const subTotalVentas = z(res['totalNoSuj']).plus(z(res['totalExenta'])).plus(z(res['totalGravada']));
  near(res['subTotalVentas'], subTotalVentas, 'resumen.subTotalVentas', out);
  const globalDescu = o.globalDiscounts
    ? z(res['descuNoSuj']).plus(z(res['descuExenta'])).plus(z(res['descuGravada']))
    : ZERO;
  if ('totalDescu' in res) near(res['totalDescu'], s('montoDescu').plus(globalDescu), 'resumen.totalDescu', out);
  const subTotal = z(res['subTotalVentas']).minus(globalDescu);
  if ('subTotal' in res) near(res['subTotal'], subTotal, 'resumen.subTotal', out);
}

/** totalsArithmetic finds nothing, told in exact integers (units of 1e-8); false also when they cannot tell. */
function totalsArithmeticHold(items: O[], res: O, o: SaleCheckOptions): boolean {
  const noSuj = units8(res['totalNoSuj']);
  const exenta = units8(res['totalExenta']);
  const gravada = units8(res['totalGravada']);
  const subTotalVentas = units8(res['subTotalVentas']);
  const descu = o.globalDiscounts
    ? [units8(res['descuNoSuj']), units8(res['descuExenta']), units8(res['descuGravada'])]
    : [0, 0, 0];
  if (noSuj === null || exenta === null || gravada === null || subTotalVentas === null) return false;
  if (descu[0] === null || descu[1] === null || descu[2] === null) return false;
  const globalDescu = descu[0] + descu[1] + descu[2];
  return (
    within(res['totalNoSuj'], sumUnits(items, 'ventaNoSuj')) &&
    within(res['totalExenta'], sumUnits(items, 'ventaExenta')) &&
    within(res['totalGravada'], sumUnits(items, 'ventaGravada')) &&
    (!('totalNoGravado' in res) || within(res['totalNoGravado'], sumUnits(items, 'noGravado'))) &&
    within(res['subTotalVentas'], noSuj + exenta + gravada) &&
    (!('totalDescu' in res) || within(res['totalDescu'], plus(sumUnits(items, 'montoDescu'), globalDescu))) &&
    (!('subTotal' in res) || within(res['subTotal'], subTotalVentas - globalDescu))
  );
}

/** `near` passes: a non-number or non-finite actual is not checked there; else both in exact units, within 0.01. */
function within(actual: unknown, expected: number | null): boolean {
  if (typeof actual !== 'number' || !Number.isFinite(actual)) return true;
  const a = units8(actual);
  return a !== null && expected !== null && withinCent(a, expected);
}

const plus = (a: number | null, b: number): number | null => {
  const r = a === null ? null : a + b;
  return r !== null && Number.isSafeInteger(r) ? r : null;
};

export function tributosSum(res: O): Dec {
  return sum(list(res['tributos']).map((t) => z(t['valor'])));
}

/** CCF family: resumen.tributos must carry "20" = 13 % of the gravada base when there is a gravada base. */
export function checkIvaTributo(res: O, base: Dec, out: DteIssue[]): Dec {
  const t = list(res['tributos']).find((x) => x['codigo'] === '20');
  const expected = base.times(IVA_RATE);
  if (!t) {
    if (base.gt(0))
      out.push(
        issue(
          'resumen.tributos',
          'IVA_TRIBUTO_REQUIRED',
          'taxed sales need resumen.tributos code "20" (IVA 13 % on the taxed base)',
        ),
      );
    return ZERO;
  }
  const i = list(res['tributos']).indexOf(t);
  near(t['valor'], expected, `resumen.tributos[${i}].valor`, out);
  return z(t['valor']);
}

/** 1 % retention/perception consistency: only with gravada, and ≈ 1 % of the base without IVA. */
export function checkOnePercent(res: O, key: string, baseSinIva: Dec, out: DteIssue[]): void {
  const v = z(res[key]);
  if (v.isZero()) return;
  if (!baseSinIva.gt(0)) {
    out.push(
      issue(
        `resumen.${key}`,
        'NOT_ALLOWED',
        `resumen.${key} requires gravada sales (MH 1 % IVA retention/perception rule)`,
      ),
    );
    return;
  }
  near(res[key], baseSinIva.times('0.01'), `resumen.${key}`, out);
}

export function baseSinIva(base: Dec, mode: SaleCheckOptions['mode']): Dec {
  return mode === 'ivaIncluido' ? base.div(IVA_DIVISOR) : base;
}

export function isResumen(doc: O): O {
  return isObj(doc['resumen']) ? doc['resumen'] : {};
}

export { D };
