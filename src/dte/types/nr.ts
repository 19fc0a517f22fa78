// 04 Nota de Remisión (v4): goods moved under a title (CAT-025 bienTitulo); CCF-style amounts (IVA-exclusive, tributo
// 20) but no payment section; may relate FE/CCF/FEX.
import { requireIdentifiedReceptor } from '../input/rules.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import type { EmissionInput } from '../input/types.js';
import { parseVentaCommon } from '../input/ventas.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { num, r2 } from '../money.js';
import { buildApendice, buildDocumentoRelacionado, buildVentaTercero, tributoLine } from '../sections/common.js';
import { computeVentas, saleLineBase, saleResumenBase } from '../sections/cuerpo.js';
import { lineTributoCodes, otrosTributosTotals, resumenTributos, sumTributos } from '../sections/otros-tributos.js';
import { emisorWithCodes } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { receptorContribuyente } from '../sections/receptor.js';
import { ivaOf } from '../sections/ventas.js';

export function parseNr(r: Reader, body: Obj, input: EmissionInput): void {
  parseVentaCommon(r, body, input, {
    relacionado: 'optional',
    otrosDocumentos: 0,
    descuentoGlobal: true,
    retencion: false,
    percepcion: false,
  });
  requireIdentifiedReceptor(
    r,
    body,
    input,
    ['nombre', 'tipoDocumento', 'numDocumento', 'codActividad', 'descActividad', 'bienTitulo'],
    'Nota de Remisión',
  );
  input.documentoRelacionado?.forEach((d, i) => {
    if (!['01', '03', '11'].includes(d.tipoDocumento))
      r.add(
        join(join('documentoRelacionado', i), 'tipoDocumento'),
        'NOT_ALLOWED',
        'a Nota de Remisión relates FE (01), CCF (03) or FEX (11)',
      );
  });
  input.items.forEach((it, i) => {
    if (it.tipo === 'noGravado')
      r.add(
        join(join('items', i), 'tratamientoFiscal'),
        'NOT_ALLOWED',
        'a Nota de Remisión has no noGravado (cargos/abonos) lines',
      );
  });
}

export function buildNr(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const { lines, totals: t } = computeVentas(input, 'ivaExcluido');
  const iva = ivaOf(t.baseGravada, 'ivaExcluido');
  const otros = otrosTributosTotals(lines, 'ivaExcluido');
  const montoTotalOperacion = r2(t.subTotal.plus(iva).plus(sumTributos(otros)));
  const rec = input.receptor!;
  return {
    identificacion: buildIdentificacion('04', ident, { contingencyFields: true }),
    documentoRelacionado: buildDocumentoRelacionado(input),
    emisor: emisorWithCodes(emisor),
    receptor: { ...receptorContribuyente(rec), bienTitulo: rec.bienTitulo },
    ventaTercero: buildVentaTercero(input),
    cuerpoDocumento: lines.map((l, i) => ({ ...saleLineBase(l, i), tributos: lineTributoCodes('20', l) })),
    resumen: {
      ...saleResumenBase(t),
      tributos: resumenTributos(t.totalGravada.gt(0) ? tributoLine('20', iva) : null, otros),
      subTotal: num(t.subTotal),
      montoTotalOperacion: num(montoTotalOperacion),
      totalLetras: totalLetras(montoTotalOperacion),
      observaciones: input.observaciones,
    },
    apendice: buildApendice(input),
  };
}
