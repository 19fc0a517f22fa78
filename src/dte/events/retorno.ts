// Evento de Retorno (tipoEvento 18, fe-eret-v1, Normativa 2.0): goods returned against FE (01), FEX (11) or FSE (14)
// documents MH sealed. Each returned line copies the original line (price, unit, description, codes) with its amounts
// scaled to the returned quantity; the summary is recomputed from those lines the way the original type computes it
// (FE: IVA inside the price; FEX: IVA 0 % C3; FSE: purchases from a sujeto excluido, with its renta retention).
import { onlyDigits } from '../dui-nit-nrc.js';
import { totalLetras } from '../letras.js';
import type { Ambiente, DteDocument, Emisor } from '../model.js';
import { D, type Dec, IVA_DIVISOR, IVA_RATE, num, r2, r8, sum, ZERO } from '../money.js';
import { OTROS_TRIBUTOS, tributoValue } from '../sections/otros-tributos.js';
import { tributoLine } from '../sections/common.js';

export const RETORNO_VERSION = 1;
export const RETORNO_TIPOS = ['01', '11', '14'] as const;
export type RetornoTipo = (typeof RETORNO_TIPOS)[number];

type O = Record<string, unknown>;

export interface RetornoLineInput {
  /** numItem of the line in the original document. */
  numItem: number;
  cantidad: Dec;
}

export interface RetornoDocumentInput {
  tipoDte: RetornoTipo;
  codigoGeneracion: string;
  fecEmi: string;
  /** The original DTE JSON as sealed. */
  document: O;
  lines: RetornoLineInput[];
}

export interface RetornoInput {
  documents: RetornoDocumentInput[];
  apendice?: { campo: string; etiqueta: string; valor: string }[] | null;
}

const dj = (v: unknown): Dec => (typeof v === 'number' ? new D(String(v)) : ZERO);
const obj = (v: unknown): O => (v && typeof v === 'object' && !Array.isArray(v) ? (v as O) : {});

/** The original line with this numItem. */
export function originalLine(doc: O, numItem: number): O | undefined {
  return ((doc.cuerpoDocumento as O[] | undefined) ?? []).find((l) => l.numItem === numItem);
}

/** The original line's amounts scaled to the returned quantity (8 decimals). */
function scaled(orig: O, cantidad: Dec) {
  const share = cantidad.div(dj(orig.cantidad));
  const part = (k: string) => r8(dj(orig[k]).times(share));
  return {
    montoDescu: part('montoDescu'),
    ventaNoSuj: part('ventaNoSuj'),
    ventaExenta: part('ventaExenta'),
    ventaGravada: part('ventaGravada'),
    compra: part('compra'),
  };
}

function line(tipo: RetornoTipo, cg: string, orig: O, cantidad: Dec, n: number): O {
  const s = scaled(orig, cantidad);
  const iva = tipo === '01' ? r8(s.ventaGravada.div(IVA_DIVISOR).times(IVA_RATE)) : ZERO;
  return {
    numItem: n,
    tipoItem: typeof orig.tipoItem === 'number' ? orig.tipoItem : 1,
    codigoGeneracion: cg,
    cantidad: num(cantidad),
    precioUni: num(dj(orig.precioUni)),
    descripcion: String(orig.descripcion),
    codigo: (orig.codigo as string | null | undefined) ?? null,
    uniMedida: typeof orig.uniMedida === 'number' ? orig.uniMedida : 59,
    montoDescu: num(s.montoDescu),
    codTributo: (orig.codTributo as string | null | undefined) ?? null,
    ventaNoSuj: num(s.ventaNoSuj),
    ventaExenta: num(s.ventaExenta),
    ventaGravada: num(s.ventaGravada),
    compra: num(s.compra),
    tributos: Array.isArray(orig.tributos) && orig.tributos.length ? [...(orig.tributos as string[])] : null,
    psv: num(dj(orig.psv)),
    ivaItem: num(iva),
    noGravado: 0,
    seguro: 0,
    flete: 0,
    ivaRete: 0,
    reteRenta: 0,
  };
}

/** Tributos beyond IVA on the returned lines (FE, FEX), recomputed from their fixed rates. */
function otrosTributos(tipo: RetornoTipo, lines: O[]): { codigo: string; valor: Dec }[] {
  const acc = new Map<string, Dec>();
  for (const l of lines) {
    for (const code of (l.tributos as string[] | null) ?? []) {
      const rule = OTROS_TRIBUTOS[code];
      if (!rule) continue;
      const v = tributoValue(
        rule,
        dj(l.cantidad),
        dj(l.ventaGravada),
        tipo === '01' ? 'ivaIncluido' : 'ivaExcluido',
        null,
      );
      acc.set(code, (acc.get(code) ?? ZERO).plus(v));
    }
  }
  return [...acc].map(([codigo, v]) => ({ codigo, valor: r2(v) }));
}

/** The original document's renta retention rate (FSE): reteRenta / subTotal. */
function reteRentaRate(doc: O): Dec {
  const r = obj(doc.resumen);
  const base = dj(r.subTotal);
  return base.gt(0) ? dj(r.reteRenta).div(base) : ZERO;
}

function resumen(tipo: RetornoTipo, first: O, lines: O[]): O {
  const t = (k: string) => r2(sum(lines.map((l) => dj(l[k]))));
  const [noSuj, exenta, gravada, compra] = [t('ventaNoSuj'), t('ventaExenta'), t('ventaGravada'), t('compra')];
  const subTotalVentas = noSuj.plus(exenta).plus(gravada).plus(compra);
  const otros = otrosTributos(tipo, lines);
  const tributos = [
    ...(tipo === '11' ? [tributoLine('C3', ZERO)] : []),
    ...otros.map((o) => tributoLine(o.codigo, o.valor)),
  ];
  const montoTotalOperacion = subTotalVentas.plus(sum(otros.map((o) => o.valor)));
  const ivaRete =
    tipo === '01' && dj(obj(first.resumen).ivaRete).gt(0) ? r2(gravada.div(IVA_DIVISOR).times('0.01')) : ZERO;
  const reteRenta = tipo === '14' ? r2(compra.times(reteRentaRate(first))) : null;
  const totalPagar = r2(montoTotalOperacion.minus(ivaRete).minus(reteRenta ?? ZERO));
  return {
    totalNoSuj: num(noSuj),
    totalExenta: num(exenta),
    totalGravada: num(gravada),
    totalCompraExcluidos: num(compra),
    subTotalVentas: num(subTotalVentas),
    tributos: tributos.length ? tributos : null,
    totalSeguro: tipo === '11' ? 0 : null,
    totalFlete: tipo === '11' ? 0 : null,
    montoTotalOperacion: num(montoTotalOperacion),
    ivaRete: num(ivaRete),
    reteRenta: reteRenta === null ? null : num(reteRenta),
    totalNoGravado: 0,
    totalPagar: num(totalPagar),
    totalLetras: totalLetras(totalPagar),
    totalNoOnerosas: 0,
    totalIva: num(tipo === '01' ? r2(gravada.div(IVA_DIVISOR).times(IVA_RATE)) : ZERO),
    saldoFavor: 0,
  };
}

/** The receptor of the returned documents (FSE: the sujeto excluido), as the event's `documento`. */
function documento(first: O): O | null {
  const r = obj(first.receptor);
  if (!Object.keys(r).length) return null;
  const s = (k: string) => (typeof r[k] === 'string' && r[k] !== '' ? (r[k] as string) : null);
  return {
    tipoDocumento: s('tipoDocumento'),
    numDocumento: s('numDocumento'),
    nombre: s('nombre'),
    codPais: s('codPais'),
    nombrePais: s('nombrePais'),
    telefono: s('telefono'),
    correo: s('correo'),
  };
}

export function buildRetorno(
  input: RetornoInput,
  emisor: Emisor,
  ident: { ambiente: Ambiente; codigoGeneracion: string; fecEmi: string; horEmi: string },
): DteDocument {
  const first = input.documents[0]!;
  const tipo = first.tipoDte;
  const origEmisor = obj(first.document.emisor);
  const lines: O[] = [];
  for (const d of input.documents) {
    for (const l of d.lines)
      lines.push(line(tipo, d.codigoGeneracion, originalLine(d.document, l.numItem)!, l.cantidad, lines.length + 1));
  }
  const fex = tipo === '11';
  return {
    identificacion: {
      version: RETORNO_VERSION,
      ambiente: ident.ambiente,
      tipoModelo: 1,
      tipoOperacion: 1,
      tipoEvento: '18',
      tipoContingencia: null,
      motivoContin: null,
      codigoGeneracion: ident.codigoGeneracion,
      fecEmi: ident.fecEmi,
      horEmi: ident.horEmi,
      fusion: null,
      tipoMoneda: 'USD',
    },
    documentoRelacionado: input.documents.map((d) => ({
      tipoDocumento: d.tipoDte,
      codigoGeneracion: d.codigoGeneracion,
      fechaEmision: d.fecEmi,
    })),
    emisor: {
      nit: onlyDigits(emisor.nit),
      nombre: emisor.nombre,
      codEstableMH: emisor.codEstableMH,
      codEstable: emisor.codEstable,
      codPuntoVentaMH: emisor.codPuntoVentaMH,
      codPuntoVenta: emisor.codPuntoVenta,
      recintoFiscal: fex ? ((origEmisor.recintoFiscal as string | null) ?? null) : null,
      tipoRegimen: fex ? ((origEmisor.tipoRegimen as string | null) ?? null) : null,
      regimen: fex ? ((origEmisor.regimen as string | null) ?? null) : null,
      tipoItemExpor: fex ? ((origEmisor.tipoItemExpor as number | null) ?? null) : null,
    },
    documento: documento(first.document),
    ventaTercero: (first.document.ventaTercero as O | null | undefined) ?? null,
    compraTercero: fex ? ((first.document.compraTercero as O | null | undefined) ?? null) : null,
    cuerpoDocumento: lines,
    resumen: resumen(tipo, first.document, lines),
    apendice: input.apendice?.length ? input.apendice.map((a) => ({ ...a })) : null,
  };
}
