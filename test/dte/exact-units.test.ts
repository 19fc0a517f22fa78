// The sale checks confirm a document in exact integers (units of 1e-8) and leave every doubt and every failure to
// Decimal: for thousands of random documents (built ones, and the same with amounts pushed around the ±0.01
// tolerance, given too many decimals, too large, or not numbers at all) they must find exactly what the Decimal-only
// checks find, word for word. The integer helpers themselves are compared with Decimal over random numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDte, type DteDocument, type DteIssue, issue, parseEmission, type TipoDte } from '../../src/dte/index.js';
import { D, type Dec, IVA_DIVISOR, IVA_RATE, r2, r8, sum, ZERO } from '../../src/dte/money.js';
import { dteSummary } from '../../src/dte/summary.js';
import { fixed2, ratioRounded, units8 } from '../../src/dte/units.js';
import { computeLine, ivaOf, onePercentOf } from '../../src/dte/sections/ventas.js';
import type { ItemInput } from '../../src/dte/input/types.js';
import { d, near, type O } from '../../src/dte/validate/semantic.js';
import { checkSaleLines, checkSaleTotals, type SaleCheckOptions } from '../../src/dte/validate/ventas.js';
import { CONTRIBUYENTE, relCcf } from './cases.js';
import { EMISOR, ident } from './fixtures.js';

// The checks as they were, all in Decimal: the reference.
const z = (v: unknown): Dec => d(v) ?? ZERO;
function refLines(items: O[], o: SaleCheckOptions, out: DteIssue[]): void {
  items.forEach((it, i) => {
    const p = `cuerpoDocumento[${i}]`;
    const venta = z(it['ventaNoSuj']).plus(z(it['ventaExenta'])).plus(z(it['ventaGravada']));
    if (z(it['noGravado']).isZero()) {
      const expected = z(it['cantidad']).times(z(it['precioUni'])).minus(z(it['montoDescu']));
      near(Number(venta.toFixed()), expected, `${p}.ventaGravada`, out);
    } else if (!venta.isZero()) {
      out.push(
        issue(
          `${p}.noGravado`,
          'MIXED_NO_GRAVADO',
          `${p}: a cargo/abono line has all sale amounts at 0 (MH rule for cargos and abonos)`,
        ),
      );
    }
    const kinds = [it['ventaNoSuj'], it['ventaExenta'], it['ventaGravada']].filter((x) => !z(x).isZero()).length;
    if (kinds > 1)
      out.push(issue(p, 'MIXED_TAX_TREATMENT', `${p} has more than one of ventaNoSuj/ventaExenta/ventaGravada`));
    if (o.itemIvaKey && o.itemIvaKey in it) {
      const g = z(it['ventaGravada']);
      const iva = o.mode === 'ivaIncluido' ? g.div(IVA_DIVISOR).times(IVA_RATE) : g.times(IVA_RATE);
      near(it[o.itemIvaKey], iva, `${p}.${o.itemIvaKey}`, out);
    }
    if (o.mode === 'ivaExcluido' && 'tributos' in it) {
      const code = o.lineTributo ?? '20';
      const hasIva = Array.isArray(it['tributos']) && (it['tributos'] as unknown[]).includes(code);
      if (z(it['ventaGravada']).gt(0) && !hasIva)
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
function refTotals(items: O[], res: O, o: SaleCheckOptions, out: DteIssue[]) {
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
  if (o.globalDiscounts) {
    for (const [k, t] of [
      ['descuNoSuj', 'totalNoSuj'],
      ['descuExenta', 'totalExenta'],
      ['descuGravada', 'totalGravada'],
    ] as const) {
      if (z(res[k]).gt(z(res[t])))
        out.push(issue(`resumen.${k}`, 'DISCOUNT_TOO_LARGE', `resumen.${k} exceeds resumen.${t}`));
    }
  }
  const base = z(res['totalGravada']).minus(o.globalDiscounts ? z(res['descuGravada']) : ZERO);
  return { subTotal, base };
}

/** A decimal string of up to `scale` decimals, from 0 (or min) to max / 10^scale. */
const scaled = (max: number, scale: number, min = 0) =>
  fc.integer({ min, max }).map((n) => new D(n).div(10 ** scale).toFixed());
const item = fc.record({
  cantidad: fc.oneof(scaled(1_000, 0, 1), scaled(50_000_000_000, 8, 1)),
  precio: fc.oneof(scaled(300_000, 2), scaled(2_000_000_000, 6), scaled(99_999_999_999, 8)),
  tipo: fc.constantFrom('gravado', 'gravado', 'exento', 'noSujeto'),
  descuentoPct: fc.integer({ min: 0, max: 30 }),
});
const invoice = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 8 }),
  retencionIva: fc.boolean(),
  percepcionIva: fc.boolean(),
  globalPct: fc.integer({ min: 0, max: 20 }),
  cargo: fc.option(scaled(50_000, 2, 1), { nil: undefined }),
});
type Inv = typeof invoice extends fc.Arbitrary<infer T> ? T : never;

function body(tipo: TipoDte, inv: Inv): Record<string, unknown> {
  const items: Record<string, unknown>[] = inv.items.map((i) => ({
    descripcion: 'Servicio',
    cantidad: i.cantidad,
    precio: i.precio,
    tratamientoFiscal: i.tipo,
    descuento: new D(i.cantidad).times(i.precio).times(i.descuentoPct).div(100).toDecimalPlaces(8, 1).toFixed(),
  }));
  if (inv.cargo && tipo !== '05')
    items.push({ descripcion: 'Cargo', cantidad: 1, precio: inv.cargo, tratamientoFiscal: 'noGravado' });
  const b: Record<string, unknown> = {
    tipoDte: tipo,
    referenciaExterna: 'units',
    items,
    retencionIva: inv.retencionIva,
  };
  if (tipo === '01' || tipo === '03') b['descuentoGlobal'] = { gravado: (inv.globalPct / 10).toFixed(2) };
  if (tipo !== '01') {
    b['receptor'] = CONTRIBUYENTE;
    b['percepcionIva'] = inv.percepcionIva;
  }
  if (tipo === '05') b['documentoRelacionado'] = relCcf;
  return b;
}

const LINE_KEYS = ['cantidad', 'precioUni', 'montoDescu', 'ventaNoSuj', 'ventaExenta', 'ventaGravada', 'noGravado'];
const LINE_IVA = ['ivaItem', 'totalIva'];
const RESUMEN_KEYS = [
  'totalNoSuj',
  'totalExenta',
  'totalGravada',
  'subTotalVentas',
  'descuNoSuj',
  'descuExenta',
  'descuGravada',
  'totalDescu',
  'subTotal',
  'totalNoGravado',
];
/** What an amount may be changed into: pushed by about the tolerance, given more decimals, made huge, or no number. */
const change = fc.oneof(
  fc.constantFrom(0.01, -0.01, 0.01000001, -0.01000001, 0.00999999, -0.00999999, 0.005, 1e-9, -1e-9, 0.011, -0.011),
  fc.integer({ min: -3_000_000, max: 3_000_000 }).map((n) => n / 1e8),
  fc.constantFrom('x', null, Number.NaN, Number.POSITIVE_INFINITY, 1e7, -1e7, 9_999_999.99999999, 0, -0, 1e21),
);
function apply(v: unknown, c: unknown): unknown {
  if (typeof c !== 'number' || Math.abs(c) >= 1 || c === 0) return c;
  return typeof v === 'number' ? v + c : c;
}

describe('sale checks in exact integers find what Decimal finds', () => {
  const modes: [TipoDte, SaleCheckOptions][] = [
    ['01', { mode: 'ivaIncluido', globalDiscounts: true, itemIvaKey: 'ivaItem' }],
    ['03', { mode: 'ivaExcluido', globalDiscounts: true }],
    ['05', { mode: 'ivaExcluido', globalDiscounts: false, itemIvaKey: 'totalIva' }],
  ];
  for (const [tipo, o] of modes) {
    it(`tipoDte ${tipo}: built documents, and the same with amounts changed`, () => {
      const changes = fc.array(fc.tuple(fc.nat(), fc.nat(), change), { maxLength: 4 });
      fc.assert(
        fc.property(invoice, changes, (inv, edits) => {
          const p = parseEmission(body(tipo, inv));
          if (!p.ok) return; // a body the parser refuses never reaches the checks
          const doc: DteDocument = structuredClone(buildDte(p.value, EMISOR, ident(tipo)));
          const items = doc['cuerpoDocumento'] as O[];
          const res = doc['resumen'] as O;
          for (const [where, key, c] of edits) {
            if (where % 3 === 0) {
              const k = RESUMEN_KEYS[key % RESUMEN_KEYS.length]!;
              res[k] = apply(res[k], c);
            } else {
              const it = items[where % items.length]!;
              const keys = o.itemIvaKey ? [...LINE_KEYS, o.itemIvaKey] : LINE_KEYS;
              const k = keys[key % keys.length]!;
              it[k] = apply(it[k], c);
            }
          }
          const got: DteIssue[] = [];
          const want: DteIssue[] = [];
          checkSaleLines(items, o, got);
          refLines(items, o, want);
          const t = checkSaleTotals(items, res, o, got);
          const r = refTotals(items, res, o, want);
          expect(got).toEqual(want);
          expect([t.subTotal.toFixed(), t.base.toFixed()]).toEqual([r.subTotal.toFixed(), r.base.toFixed()]);
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('a line amount exactly 0.01 away passes, and one unit of 1e-8 further fails, in both', () => {
    for (const [tipo, o] of modes) {
      const p = parseEmission(body(tipo, { ...BASE, items: [{ ...BASE.items[0]!, tipo: 'gravado' }] }));
      if (!p.ok) throw new Error(JSON.stringify(p.issues));
      const doc = buildDte(p.value, EMISOR, ident(tipo));
      for (const [delta, issues] of [
        [0.01, 0],
        [0.01000001, 1],
        [-0.01, 0],
        [-0.01000001, 1],
      ] as const) {
        const items = structuredClone(doc['cuerpoDocumento'] as O[]);
        items[0]!['ventaGravada'] = Number(new D(String(items[0]!['ventaGravada'])).plus(delta).toFixed());
        for (const k of LINE_IVA) if (k in items[0]! && k !== o.itemIvaKey) delete items[0]![k];
        if (o.itemIvaKey) delete items[0]![o.itemIvaKey];
        const got: DteIssue[] = [];
        const want: DteIssue[] = [];
        checkSaleLines(items, o, got);
        refLines(items, o, want);
        expect(got).toEqual(want);
        expect(got.filter((i) => i.path.endsWith('ventaGravada'))).toHaveLength(issues);
      }
    }
  });
});

const BASE: Inv = {
  items: [{ cantidad: '3', precio: '12.34', tipo: 'gravado', descuentoPct: 0 }],
  retencionIva: false,
  percepcionIva: false,
  globalPct: 0,
  cargo: undefined,
};

describe('integer helpers agree with Decimal', () => {
  const numbers = fc.oneof(
    fc
      .tuple(fc.integer({ min: -2_000_000_000_000, max: 2_000_000_000_000 }), fc.integer({ min: 0, max: 12 }))
      .map(([n, s]) => n / 10 ** s),
    fc.double({ noNaN: false }),
    fc.constantFrom(0, -0, 1e7, -1e7, 9_999_999.99999999, 0.1 + 0.2, 1.005, 2.675, 1e-8, 5e-9, 1e13, 1e21),
  );

  it('units8: 1e-8 units exactly when it answers, and it answers for every 8-decimal value below 1e7', () => {
    fc.assert(
      fc.property(numbers, (v) => {
        const u = units8(v);
        if (!Number.isFinite(v)) {
          expect(u).toBeNull();
          return;
        }
        const exact = new D(String(v)).times(1e8);
        if (u !== null) expect(exact.eq(u)).toBe(true);
        else expect(exact.isInteger() && Math.abs(v) < 1e7).toBe(false);
      }),
      { numRuns: 20_000 },
    );
    expect(units8('12.5')).toBe(0); // not a number: read as 0, as the checks read it
  });

  it('fixed2: the text Decimal writes with two decimals (half-up), whenever it answers', () => {
    fc.assert(
      fc.property(numbers, (v) => {
        const f = fixed2(v);
        if (!Number.isFinite(v)) {
          expect(f).toBeNull();
          return;
        }
        const want = new D(String(v)).toFixed(2);
        if (f !== null) expect(f).toBe(want);
        else expect(new D(String(v)).decimalPlaces() <= 2 && Math.abs(v) < 1e13).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });

  it('the summary writes every total as Decimal does', () => {
    fc.assert(
      fc.property(numbers, (v) => {
        const doc = { identificacion: { tipoDte: '01', fecEmi: '2026-01-01' }, resumen: { totalPagar: v } };
        const want = typeof v === 'number' ? new D(String(v)).toFixed(2) : '0.00';
        expect(dteSummary(doc as DteDocument).totalPagar).toBe(want);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('IVA quotients in exact integers equal Decimal', () => {
  /** Amounts of 0 to 8 decimals, up to 10^13 (and a few negative ones, which are left to Decimal). */
  const amounts = fc
    .tuple(fc.bigInt({ min: -1_000n, max: 10n ** 21n }), fc.integer({ min: 0, max: 8 }))
    .map(([n, s]) => new D(n.toString()).div(10 ** s));
  const oldIva8 = (g: Dec) => r8(g.div(IVA_DIVISOR).times(IVA_RATE));
  const oldIva2 = (b: Dec) => r2(b.div(IVA_DIVISOR).times(IVA_RATE));
  const oldOne = (b: Dec) => r2(b.div(IVA_DIVISOR).times('0.01'));

  it('13 / 113 at 8 and 2 decimals, and 1 / 113 at 2, over random amounts', () => {
    fc.assert(
      fc.property(amounts, (v) => {
        const iva8 = ratioRounded(v, 13n, 113n, 8);
        if (v.isNeg()) expect(iva8).toBeNull();
        else expect(iva8!.toFixed()).toBe(oldIva8(v).toFixed());
        expect(ivaOf(v, 'ivaIncluido').toFixed()).toBe(oldIva2(v).toFixed());
        expect(ivaOf(v, 'ivaExcluido').toFixed()).toBe(r2(v.times(IVA_RATE)).toFixed());
        expect(onePercentOf(v, 'ivaIncluido').toFixed()).toBe(oldOne(v).toFixed());
        expect(onePercentOf(v, 'ivaExcluido').toFixed()).toBe(r2(v.times('0.01')).toFixed());
      }),
      { numRuns: 20_000 },
    );
    // Values of more than 8 decimals are left to Decimal.
    expect(ratioRounded(new D('1.123456789'), 13n, 113n, 8)).toBeNull();
    expect(ivaOf(new D('1.123456789'), 'ivaIncluido').toFixed()).toBe(oldIva2(new D('1.123456789')).toFixed());
  });

  it('a sale line computes as it did in Decimal', () => {
    const line = fc.record({
      cantidad: fc.oneof(scaled(1_000, 0, 1), scaled(50_000_000_000, 8, 1)),
      precio: fc.oneof(scaled(300_000, 2), scaled(99_999_999_999, 8)),
      descuento: fc.oneof(fc.constant('0'), scaled(100_000_000, 8)),
      tipo: fc.constantFrom('gravado', 'exento', 'noSujeto', 'noGravado'),
    });
    fc.assert(
      fc.property(
        line,
        fc.constantFrom('ivaIncluido', 'ivaExcluido') as fc.Arbitrary<'ivaIncluido' | 'ivaExcluido'>,
        (l, mode) => {
          const it = {
            tipo: l.tipo,
            cantidad: new D(l.cantidad),
            precio: new D(l.precio),
            descuento: new D(l.descuento),
          };
          const got = computeLine(it as unknown as ItemInput, mode);
          const neto = r8(it.cantidad.times(it.precio).minus(it.descuento));
          const gravada = l.tipo === 'gravado' ? neto : ZERO;
          const iva = mode === 'ivaIncluido' ? oldIva8(gravada) : r8(gravada.times(IVA_RATE));
          expect(got.iva.toFixed()).toBe(iva.toFixed());
          expect(got.ventaGravada.toFixed()).toBe(gravada.toFixed());
          expect(got.noGravado.toFixed()).toBe((l.tipo === 'noGravado' ? neto : ZERO).toFixed());
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
