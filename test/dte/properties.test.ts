// Property-based tests (fast-check): for random invoices the summary identities hold within MH's ±0.01
// (MH's rounding: 8 decimals on items, 2 on totals), IVA is consistent, totalPagar is consistent, and the document
// passes our validator (and MH's schema when ../shared is present beside the repository).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDte, type DteDocument, parseEmission, type TipoDte, validateDte } from '../../src/dte/index.js';
import { D } from '../../src/dte/money.js';
import { CONTRIBUYENTE, PERSONA, relCcf } from './cases.js';
import { EMISOR, ident } from './fixtures.js';
import { officialValidator, present } from './official-schemas.js';

const scaled = (max: number, scale: number, min = 0) =>
  fc.integer({ min, max }).map((n) => new D(n).div(10 ** scale).toFixed());
const item = fc.record({
  descripcion: fc.constantFrom('Consulta', 'Examen de laboratorio', 'Medicamento', 'Rayos X'),
  cantidad: scaled(50_000_000_000, 8, 1), // 0.00000001 … 500
  precio: scaled(2_000_000_000, 6), // 0 … 2000 with 6 decimals
  tipo: fc.constantFrom('gravado', 'gravado', 'exento', 'noSujeto'),
  descuentoPct: fc.integer({ min: 0, max: 30 }),
});
const invoice = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 12 }),
  retencionIva: fc.boolean(),
  percepcionIva: fc.boolean(),
  globalPct: fc.integer({ min: 0, max: 20 }),
  cargo: fc.option(scaled(50_000, 2, 1), { nil: undefined }),
});

type Inv = typeof invoice extends fc.Arbitrary<infer T> ? T : never;

function body(tipo: TipoDte, inv: Inv): Record<string, unknown> {
  const items: Record<string, unknown>[] = inv.items.map((i) => {
    const bruto = new D(i.cantidad).times(i.precio);
    return {
      descripcion: i.descripcion,
      cantidad: i.cantidad,
      precio: i.precio,
      tratamientoFiscal: i.tipo,
      descuento: bruto.times(i.descuentoPct).div(100).toDecimalPlaces(8, D.ROUND_DOWN).toFixed(),
    };
  });
  if (inv.cargo && tipo !== '05')
    items.push({ descripcion: 'Cargo', cantidad: 1, precio: inv.cargo, tratamientoFiscal: 'noGravado' });
  const gravada = inv.items
    .filter((i) => i.tipo === 'gravado')
    .reduce(
      (a, i) =>
        a.plus(
          new D(i.cantidad)
            .times(i.precio)
            .times(100 - i.descuentoPct)
            .div(100),
        ),
      new D(0),
    );
  const b: Record<string, unknown> = {
    tipoDte: tipo,
    referenciaExterna: 'prop',
    items,
    retencionIva: inv.retencionIva,
  };
  if (tipo !== '05')
    b['descuentoGlobal'] = {
      gravado: gravada
        .times(inv.globalPct)
        .div(100)
        .toDecimalPlaces(2, D.ROUND_DOWN)
        .minus('0.01')
        .clampedTo(0, Infinity)
        .toFixed(2),
    };
  // FE: identified consumer, since MH requires the receptor's identity from $25,000 on
  if (tipo === '01') b['receptor'] = PERSONA;
  if (tipo !== '01') {
    b['receptor'] = CONTRIBUYENTE;
    b['percepcionIva'] = inv.percepcionIva;
  }
  if (tipo === '05') b['documentoRelacionado'] = relCcf;
  return b;
}

const dec = (v: unknown) => new D(String(v));
const near = (a: unknown, b: InstanceType<typeof D>) => dec(a).minus(b).abs().lte('0.01');

function summaryIdentities(doc: DteDocument): void {
  const items = doc['cuerpoDocumento'] as Record<string, number>[];
  const r = doc['resumen'] as Record<string, unknown>;
  const s = (k: string) => items.reduce((a, it) => a.plus(dec(it[k] ?? 0)), new D(0));
  expect(near(r['totalGravada'], s('ventaGravada'))).toBe(true);
  expect(near(r['totalExenta'], s('ventaExenta'))).toBe(true);
  expect(near(r['totalNoSuj'], s('ventaNoSuj'))).toBe(true);
  const tipo = (doc['identificacion'] as Record<string, unknown>)['tipoDte'];
  const descuG = dec(r['descuGravada'] ?? 0);
  const base = dec(r['totalGravada']).minus(descuG);
  if (tipo === '01') {
    expect(near(r['totalIva'], base.div('1.13').times('0.13'))).toBe(true);
    expect(near(r['totalIva'], s('ivaItem').times(base.isZero() ? 0 : base.div(dec(r['totalGravada']))))).toBe(true);
    expect(
      dec(r['totalPagar']).eq(dec(r['montoTotalOperacion']).minus(dec(r['ivaRete'])).plus(dec(r['totalNoGravado']))),
    ).toBe(true);
  } else {
    const iva =
      ((r['tributos'] as { codigo: string; valor: number }[] | null) ?? []).find((t) => t.codigo === '20')?.valor ?? 0;
    expect(near(iva, base.times('0.13'))).toBe(true);
    expect(
      dec(r['totalPagar']).eq(
        dec(r['montoTotalOperacion']).plus(dec(r['ivaPerci'])).minus(dec(r['ivaRete'])).plus(dec(r['totalNoGravado'])),
      ),
    ).toBe(true);
  }
  expect(dec(r['totalPagar']).gte(0)).toBe(true);
}

describe('summary identities hold for random invoices', () => {
  for (const tipo of ['01', '03', '05'] as const) {
    it(`tipoDte ${tipo}`, () => {
      fc.assert(
        fc.property(invoice, (inv) => {
          const p = parseEmission(body(tipo, inv));
          if (!p.ok) throw new Error(JSON.stringify(p.issues));
          const doc = buildDte(p.value, EMISOR, ident(tipo));
          expect(validateDte(doc)).toEqual([]);
          summaryIdentities(doc);
          if (present) {
            const v = officialValidator(tipo);
            expect(v(doc) ? [] : v.errors).toEqual([]);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
