// 08 Comprobante de Liquidación (CL v2): liquidates documents a third party issued on the emisor's behalf; per line the
// liquidated document and its no sujeta / exenta / gravada / exportación amounts, IVA 13 % on gravada, optional 1 %
// perception. Not allowed in contingency. total = montoTotalOperacion + ivaPerci [?] (no MH example).
import * as CAT from '../catalogs/index.js';
import { requireIdentifiedReceptor } from '../input/rules.js';
import { relatedNumber } from '../input/related.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import { parseReceptor } from '../input/sections.js';
import type { EmissionInput, LiquidacionItemInput } from '../input/types.js';
import { isValidDate } from '../identificacion-values.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { IVA_RATE, num, r2, r8, sum, ZERO } from '../money.js';
import { buildApendice, tributoLine } from '../sections/common.js';
import { emisorWithCodes } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { receptorContribuyente } from '../sections/receptor.js';
import { onlyDigits } from '../dui-nit-nrc.js';
import { parseFusion } from './notas.js';

function parseLiquidacion(r: Reader, o: Obj, p: string): LiquidacionItemInput {
  const fecha = r.str(o, 'fechaEmision', p, { required: true }) ?? '';
  if (fecha && !isValidDate(fecha)) r.add(join(p, 'fechaEmision'), 'INVALID_DATE', 'fechaEmision must be YYYY-MM-DD');
  const tipoGeneracion = r.int(o, 'tipoGeneracion', p, { fallback: 2, allowed: [1, 2] }) ?? 2;
  const amount = (k: string) => r.decimal(o, k, p, { fallback: '0', min: '0' }) ?? ZERO;
  return {
    tipoDte: r.code(o, 'tipoDte', p, CAT.TIPOS_DOCUMENTO, 'CAT-002', { required: true }) ?? '01',
    tipoGeneracion,
    numeroDocumento: relatedNumber(r, o, 'numeroDocumento', p, tipoGeneracion),
    fechaEmision: fecha,
    ventaNoSuj: amount('ventaNoSuj'),
    ventaExenta: amount('ventaExenta'),
    ventaGravada: amount('ventaGravada'),
    exportaciones: amount('exportaciones'),
    observaciones: r.str(o, 'observaciones', p, { max: 1000 }),
  };
}

export function parseCl(r: Reader, body: Obj, input: EmissionInput): void {
  input.receptor = parseReceptor(r, body, input.tipoDte);
  const rec = requireIdentifiedReceptor(
    r,
    body,
    input,
    ['nombre', 'tipoDocumento', 'numDocumento', 'codActividad', 'descActividad', 'direccion'],
    'Comprobante de Liquidación',
  );
  if (rec) rec.codDomiciliado ??= 1;
  const arr = r.array(body, 'items', '', { required: true, min: 1, max: 500 }) ?? [];
  input.liquidaciones = arr.map((v, i) => parseLiquidacion(r, r.isObj(v) ? v : {}, join('items', i)));
  input.liquidaciones.forEach((x, i) => {
    if (x.ventaNoSuj.plus(x.ventaExenta).plus(x.ventaGravada).plus(x.exportaciones).isZero())
      r.add(join('items', i), 'EMPTY_LINE', 'a liquidated document needs at least one non-zero amount');
  });
  input.percepcionIva = r.bool(body, 'percepcionIva', '');
  input.condicionOperacion = input.condicionOperacion ?? 1;
  parseFusion(r, body, input);
}

export function buildCl(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const lines = input.liquidaciones.map((x) => ({ x, ivaItem: r8(x.ventaGravada.times(IVA_RATE)) }));
  const tot = (k: 'ventaNoSuj' | 'ventaExenta' | 'ventaGravada' | 'exportaciones') => r2(sum(lines.map((l) => l.x[k])));
  const totalNoSuj = tot('ventaNoSuj');
  const totalExenta = tot('ventaExenta');
  const totalGravada = tot('ventaGravada');
  const exportacion = tot('exportaciones');
  const subTotalVentas = totalNoSuj.plus(totalExenta).plus(totalGravada).plus(exportacion);
  const iva = r2(totalGravada.times(IVA_RATE));
  const montoTotalOperacion = subTotalVentas.plus(iva);
  const ivaPerci = input.percepcionIva ? r2(totalGravada.times('0.01')) : ZERO;
  const total = montoTotalOperacion.plus(ivaPerci);
  const rec = input.receptor!;
  const { tipoDocumento, numDocumento, ...rest } = receptorContribuyente(rec);
  return {
    identificacion: buildIdentificacion('08', ident, {
      contingencyFields: false,
      fusion: input.fusion ? onlyDigits(input.fusion) : null,
    }),
    emisor: emisorWithCodes(emisor),
    receptor: { tipoDocumento, numDocumento, codDomiciliado: rec.codDomiciliado, ...rest },
    cuerpoDocumento: lines.map(({ x, ivaItem }, i) => ({
      numItem: i + 1,
      tipoDte: x.tipoDte,
      tipoGeneracion: x.tipoGeneracion,
      numeroDocumento: x.numeroDocumento,
      fechaEmision: x.fechaEmision,
      ventaNoSuj: num(r8(x.ventaNoSuj)),
      ventaExenta: num(r8(x.ventaExenta)),
      ventaGravada: num(r8(x.ventaGravada)),
      exportaciones: num(r8(x.exportaciones)),
      tributos: x.ventaGravada.gt(0) ? ['20'] : null,
      ivaItem: num(ivaItem),
      observaciones: x.observaciones,
    })),
    resumen: {
      totalNoSuj: num(totalNoSuj),
      totalExenta: num(totalExenta),
      totalGravada: num(totalGravada),
      exportacion: num(exportacion),
      subTotalVentas: num(subTotalVentas),
      tributos: totalGravada.gt(0) ? [tributoLine('20', iva)] : null,
      montoTotalOperacion: num(montoTotalOperacion),
      ivaPerci: num(ivaPerci),
      total: num(total),
      totalLetras: totalLetras(total),
      condicionOperacion: input.condicionOperacion,
      observaciones: input.observaciones,
    },
    apendice: buildApendice(input),
  };
}
