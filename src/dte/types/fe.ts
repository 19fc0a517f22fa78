// 01 Factura (FE v2): prices include IVA, ivaItem = ventaGravada / 1.13 × 0.13, no tributo 20 in the summary,
// receptor optional below $25,000.
import { checkIdentity, checkNrc, isPlaceholderDocument } from '../input/rules.js';
import type { Obj, Reader } from '../input/reader.js';
import type { EmissionInput, ReceptorInput } from '../input/types.js';
import { parseVentaCommon } from '../input/ventas.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { dec, num, r2 } from '../money.js';
import {
  buildApendice,
  buildDocumentoRelacionado,
  buildOtrosDocumentosFeCcf,
  buildVentaTercero,
  resumenPagoFeCcf,
} from '../sections/common.js';
import { computeVentas, saleLineBase, saleResumenBase } from '../sections/cuerpo.js';
import { lineTributoCodes, otrosTributosTotals, resumenTributos, sumTributos } from '../sections/otros-tributos.js';
import { emisorWithCodes } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { receptorPersona } from '../sections/receptor.js';
import { ivaOf, onePercentOf } from '../sections/ventas.js';

/** DGII notice 2024-09-05: no ID may be requested below $25,000; at/above it tipoDocumento+numDocumento+nombre. */
export const FE_ID_THRESHOLD = dec('25000');

export function parseFe(r: Reader, body: Obj, input: EmissionInput): void {
  parseVentaCommon(r, body, input, {
    relacionado: 'optional',
    otrosDocumentos: 10,
    descuentoGlobal: true,
    retencion: true,
    percepcion: false,
  });
  const { totals } = computeVentas(input, 'ivaIncluido');
  const rec = input.receptor;
  const refused = rec ? consumidorFinalSinDocumento(r, rec, totals.subTotal.gte(FE_ID_THRESHOLD)) : false;
  if (refused) return;
  if (rec) {
    if (rec.tipoDocumento && !rec.numDocumento)
      r.add('receptor.numDocumento', 'REQUIRED', 'numDocumento is required when tipoDocumento is given');
    if (rec.numDocumento && !rec.tipoDocumento)
      r.add('receptor.tipoDocumento', 'REQUIRED', 'tipoDocumento is required when numDocumento is given');
    checkIdentity(r, rec.tipoDocumento, rec.numDocumento, 'receptor');
    checkNrc(r, rec.nrc, 'receptor.nrc');
    if (rec.nrc && rec.tipoDocumento !== '36')
      r.add(
        'receptor.nrc',
        'NOT_ALLOWED',
        'on FE the receptor NRC goes only with tipoDocumento 36 (NIT) (MH receptor rules)',
      );
  }
  if (totals.subTotal.gte(FE_ID_THRESHOLD) && !(rec?.tipoDocumento && rec.numDocumento && rec.nombre)) {
    r.add(
      'receptor',
      'RECEPTOR_REQUIRED_ABOVE_THRESHOLD',
      'operations of $25,000.00 or more need receptor tipoDocumento, numDocumento and nombre (MH receptor rules)',
    );
  }
}

/**
 * An all-zero DUI/NIT is what a front desk types when the patient shows no document. Below the identification
 * threshold MH lets the consumidor final stay unidentified: the document is dropped and a warning says so; at or above
 * it the operation needs the real identification.
 */
function consumidorFinalSinDocumento(r: Reader, rec: ReceptorInput, aboveThreshold: boolean): boolean {
  if (!rec.numDocumento || !['13', '36'].includes(rec.tipoDocumento ?? '') || !isPlaceholderDocument(rec.numDocumento))
    return false;
  if (aboveThreshold) {
    r.add(
      'receptor.numDocumento',
      'RECEPTOR_IDENTIFICATION_REQUIRED',
      `numDocumento '${rec.numDocumento}' is all zeros: operations of ` +
        `$25,000.00 or more need the receptor's real identification document`,
      { value: rec.numDocumento },
    );
    return true;
  }
  r.warn(
    'receptor.numDocumento',
    'CONSUMIDOR_FINAL_SIN_DOCUMENTO',
    `numDocumento '${rec.numDocumento}' is all zeros: the receptor is a consumidor ` +
      `final without document (identification omitted, as MH allows below $25,000.00)`,
    { value: rec.numDocumento },
  );
  rec.tipoDocumento = null;
  rec.numDocumento = null;
  return false;
}

export function buildFe(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const { lines, totals: t } = computeVentas(input, 'ivaIncluido');
  const totalIva = ivaOf(t.baseGravada, 'ivaIncluido');
  const ivaRete = input.retencionIva ? onePercentOf(t.baseGravada, 'ivaIncluido') : dec(0);
  // IVA is inside FE prices, so resumen.tributos lists only the other tributos (FOVIAL, COTRANS, turismo, …).
  const otros = otrosTributosTotals(lines, 'ivaIncluido');
  const montoTotalOperacion = t.subTotal.plus(sumTributos(otros));
  const totalPagar = r2(montoTotalOperacion.minus(ivaRete).plus(t.totalNoGravado));
  return {
    identificacion: buildIdentificacion('01', ident, { contingencyFields: true }),
    documentoRelacionado: buildDocumentoRelacionado(input),
    emisor: emisorWithCodes(emisor),
    receptor: input.receptor ? receptorPersona(input.receptor, { nrcOnlyWithNit: true }) : null,
    otrosDocumentos: buildOtrosDocumentosFeCcf(input.otrosDocumentos),
    ventaTercero: buildVentaTercero(input),
    cuerpoDocumento: lines.map((l, i) => ({
      ...saleLineBase(l, i),
      tributos: lineTributoCodes(null, l),
      psv: num(l.item.psv),
      noGravado: num(l.noGravado),
      ivaItem: num(l.iva),
    })),
    resumen: {
      ...saleResumenBase(t),
      tributos: resumenTributos(null, otros),
      subTotal: num(t.subTotal),
      ivaRete: num(ivaRete),
      montoTotalOperacion: num(montoTotalOperacion),
      totalNoGravado: num(t.totalNoGravado),
      totalPagar: num(totalPagar),
      totalLetras: totalLetras(totalPagar),
      totalIva: num(totalIva),
      ...resumenPagoFeCcf(input, totalPagar),
    },
    apendice: buildApendice(input),
  };
}
