// Evento de Operaciones Especiales (tipoEvento 17, fe-eop-v1, Normativa 2.0): reports operations documented outside
// the DTE system — CAT-023 02 facturas de venta simplificada, 97 comprobantes de control interno — one line per
// document or range of documents (docDel … docAl). Amounts are consumer amounts like a Factura's: IVA inside the price.
import { onlyDigits } from '../dui-nit-nrc.js';
import { totalLetras } from '../letras.js';
import type { Ambiente, DteDocument, Emisor } from '../model.js';
import { type Dec, num, r2, r8, sum, ZERO } from '../money.js';

export const EOP_VERSION = 1;
/** CAT-023 (2026): 02 factura de venta simplificada, 97 comprobantes de control interno. */
export const OPERACIONES_ESPECIALES: Readonly<Record<string, string>> = {
  '02': 'Factura de venta simplificada',
  '97': 'Comprobantes de Control Interno',
};

export interface EopLineInput {
  tipoDocumento: string;
  numDocumento: string | null;
  fechaEmision: string;
  /** Number of documents the line reports (an integer, as MH's schema asks). */
  cantidad: number;
  descripcion: string;
  docDel: string | null;
  docAl: string | null;
  precio: Dec;
  tipo: 'gravado' | 'exento' | 'noSujeto';
  /** A previously sealed Evento de Operaciones Especiales this line refers to. */
  codigoGeneracionRef: string | null;
}

export interface EopInput {
  lines: EopLineInput[];
  apendice?: { campo: string; etiqueta: string; valor: string }[] | null;
}

export function buildOperacionesEspeciales(
  input: EopInput,
  emisor: Emisor,
  ident: { ambiente: Ambiente; codigoGeneracion: string; fecEmi: string; horEmi: string },
): DteDocument {
  const lines = input.lines.map((l, i) => {
    const venta = r8(l.precio.times(l.cantidad));
    const of = (t: EopLineInput['tipo']): Dec => (l.tipo === t ? venta : ZERO);
    return {
      numItem: i + 1,
      codigoGeneracionRef: l.codigoGeneracionRef,
      tipoDocumento: l.tipoDocumento,
      numDocumento: l.numDocumento,
      fechaEmision: l.fechaEmision,
      cantidad: l.cantidad,
      descripcion: l.descripcion,
      docDel: l.docDel,
      docAl: l.docAl,
      precioUni: num(r8(l.precio)),
      ventaNoSuj: num(of('noSujeto')),
      ventaExenta: num(of('exento')),
      ventaGravada: num(of('gravado')),
      tributos: null,
    };
  });
  const t = (k: 'ventaNoSuj' | 'ventaExenta' | 'ventaGravada') => r2(sum(lines.map((l) => r8(ZERO.plus(l[k])))));
  const [noSuj, exenta, gravada] = [t('ventaNoSuj'), t('ventaExenta'), t('ventaGravada')];
  const subTotal = noSuj.plus(exenta).plus(gravada);
  return {
    identificacion: {
      version: EOP_VERSION,
      ambiente: ident.ambiente,
      tipoModelo: 1,
      tipoOperacion: 1,
      tipoEvento: '17',
      codigoGeneracion: ident.codigoGeneracion,
      fecEmi: ident.fecEmi,
      horEmi: ident.horEmi,
      tipoMoneda: 'USD',
    },
    emisor: { nit: onlyDigits(emisor.nit), nombre: emisor.nombre },
    cuerpoDocumento: lines,
    resumen: {
      totalNoSuj: num(noSuj),
      totalExenta: num(exenta),
      totalGravada: num(gravada),
      subTotal: num(subTotal),
      tributos: null,
      total: num(subTotal),
      totalLetras: totalLetras(subTotal),
    },
    apendice: input.apendice?.length ? input.apendice.map((a) => ({ ...a })) : null,
  };
}
