// 05 Nota de Crédito / 06 Nota de Débito (v4): adjust a CCF (03) or CR (07) named in documentoRelacionado; IVA-
// exclusive prices like CCF; per-item noGravado/ivaPerci/totalIva/ivaRete; no global discounts; fusion
//.
import { checkNitValue } from '../input/rules.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import type { EmissionInput } from '../input/types.js';
import { checkItemRelated, parseVentaCommon } from '../input/ventas.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { IVA_RATE, num, r2, r8, ZERO } from '../money.js';
import { buildApendice, buildDocumentoRelacionado, buildVentaTercero, tributoLine } from '../sections/common.js';
import { computeVentas, saleLineBase } from '../sections/cuerpo.js';
import { lineTributoCodes, otrosTributosTotals, resumenTributos, sumTributos } from '../sections/otros-tributos.js';
import { emisorCore } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { receptorContribuyente } from '../sections/receptor.js';
import { onlyDigits } from '../dui-nit-nrc.js';
import { parseContribuyente } from './ccf.js';

export function parseFusion(r: Reader, body: Obj, input: EmissionInput): void {
  input.fusion = r.str(body, 'fusion', '');
  if (input.fusion) checkNitValue(r, input.fusion, 'fusion');
}

export function parseNota(r: Reader, body: Obj, input: EmissionInput): void {
  const label = input.tipoDte === '05' ? 'Nota de Crédito' : 'Nota de Débito';
  parseVentaCommon(r, body, input, {
    relacionado: 'required',
    otrosDocumentos: 0,
    descuentoGlobal: false,
    retencion: true,
    percepcion: true,
  });
  parseContribuyente(r, body, input, label, true);
  parseFusion(r, body, input);
  const rel = input.documentoRelacionado ?? [];
  rel.forEach((d, i) => {
    if (d.tipoDocumento !== '03' && d.tipoDocumento !== '07') {
      r.add(
        join(join('documentoRelacionado', i), 'tipoDocumento'),
        'NOT_ALLOWED',
        `a ${label} relates a CCF (03) or a CR (07) (MH: a note adjusts a CCF or a CR)`,
      );
    }
  });
  checkItemRelated(r, input, true);
}

export function buildNota(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const tipo = input.tipoDte;
  const { lines, totals: t } = computeVentas(input, 'ivaExcluido');
  const pct = (on: boolean, g: typeof ZERO) => (on ? r8(g.times('0.01')) : ZERO);
  const totalIva = r2(t.totalGravada.times(IVA_RATE));
  const ivaPerci = input.percepcionIva ? r2(t.totalGravada.times('0.01')) : ZERO;
  const ivaRete = input.retencionIva ? r2(t.totalGravada.times('0.01')) : ZERO;
  const otros = otrosTributosTotals(lines, 'ivaExcluido');
  const montoTotalOperacion = t.subTotalVentas.plus(totalIva).plus(sumTributos(otros));
  const totalPagar = r2(montoTotalOperacion.plus(ivaPerci).minus(ivaRete).plus(t.totalNoGravado));
  const resumen: Record<string, unknown> = {
    totalNoSuj: num(t.totalNoSuj),
    totalExenta: num(t.totalExenta),
    totalGravada: num(t.totalGravada),
    subTotalVentas: num(t.subTotalVentas),
    totalDescu: num(t.totalDescu),
    tributos: resumenTributos(t.totalGravada.gt(0) ? tributoLine('20', totalIva) : null, otros),
    montoTotalOperacion: num(montoTotalOperacion),
    ivaPerci: num(ivaPerci),
    totalIva: num(totalIva),
    ivaRete: num(ivaRete),
    totalNoGravado: num(t.totalNoGravado),
    totalPagar: num(totalPagar),
    totalLetras: totalLetras(totalPagar),
    condicionOperacion: input.condicionOperacion,
    observaciones: input.observaciones,
    codigoRetencionMH: input.retencionIva ? '22' : null, // CAT-006 22 = retención IVA 1 %
  };
  if (tipo === '06') resumen['numPagoElectronico'] = input.numPagoElectronico;
  return {
    identificacion: buildIdentificacion(tipo, ident, {
      contingencyFields: true,
      fusion: input.fusion ? onlyDigits(input.fusion) : null,
    }),
    documentoRelacionado: buildDocumentoRelacionado(input),
    emisor: emisorCore(emisor),
    receptor: receptorContribuyente(input.receptor!),
    ventaTercero: buildVentaTercero(input),
    cuerpoDocumento: lines.map((l, i) => ({
      ...saleLineBase(l, i),
      tributos: lineTributoCodes('20', l),
      noGravado: num(l.noGravado),
      ivaPerci: num(pct(input.percepcionIva, l.ventaGravada)),
      totalIva: num(l.iva),
      ivaRete: num(pct(input.retencionIva, l.ventaGravada)),
    })),
    resumen,
    apendice: buildApendice(input),
  };
}
