// 03 Comprobante de Crédito Fiscal (CCF v4): prices exclude IVA, tributo 20 at 13 % on the gravada base, 1 % IVA
// retention/perception; receptor = contribuyente with NIT, NRC and actividad.
import { checkIdentity, checkNitValue, checkNrc, requireReceptor } from '../input/rules.js';
import type { Obj, Reader } from '../input/reader.js';
import type { EmissionInput } from '../input/types.js';
import { parseVentaCommon } from '../input/ventas.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { num, r2, ZERO } from '../money.js';
import {
  buildApendice,
  buildDocumentoRelacionado,
  buildOtrosDocumentosFeCcf,
  buildVentaTercero,
  resumenPagoFeCcf,
  tributoLine,
} from '../sections/common.js';
import { computeVentas, saleLineBase, saleResumenBase } from '../sections/cuerpo.js';
import { lineTributoCodes, otrosTributosTotals, resumenTributos, sumTributos } from '../sections/otros-tributos.js';
import { emisorWithCodes } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';
import { onlyDigits } from '../dui-nit-nrc.js';
import { ivaOf, onePercentOf } from '../sections/ventas.js';

export const CONTRIBUYENTE_FIELDS = [
  'nombre',
  'numDocumento',
  'nrc',
  'codActividad',
  'descActividad',
  'direccion',
] as const;

/** Receptor of CCF/NC/ND: a registered taxpayer (NIT 14 or 9-digit DUI-NIT, NRC, actividad, address). */
export function parseContribuyente(
  r: Reader,
  body: Obj,
  input: EmissionInput,
  label: string,
  allowOtherDocs: boolean,
): void {
  const rec = requireReceptor(r, body, input, CONTRIBUYENTE_FIELDS, label);
  if (!rec) return;
  if (!allowOtherDocs && rec.tipoDocumento && rec.tipoDocumento !== '36')
    r.add('receptor.tipoDocumento', 'NOT_ALLOWED', `${label} receptor is identified by NIT (36)`);
  if (!rec.tipoDocumento) rec.tipoDocumento = '36';
  if (rec.tipoDocumento === '36' && rec.numDocumento) checkNitValue(r, rec.numDocumento, 'receptor.numDocumento');
  else checkIdentity(r, rec.tipoDocumento, rec.numDocumento, 'receptor');
  checkNrc(r, rec.nrc, 'receptor.nrc');
}

export function parseCcf(r: Reader, body: Obj, input: EmissionInput): void {
  parseVentaCommon(r, body, input, {
    relacionado: 'optional',
    otrosDocumentos: 10,
    descuentoGlobal: true,
    retencion: true,
    percepcion: true,
  });
  parseContribuyente(r, body, input, 'CCF', false);
}

export function buildCcf(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const { lines, totals: t } = computeVentas(input, 'ivaExcluido');
  const iva = ivaOf(t.baseGravada, 'ivaExcluido');
  const ivaRete = input.retencionIva ? onePercentOf(t.baseGravada, 'ivaExcluido') : ZERO;
  const ivaPerci = input.percepcionIva ? onePercentOf(t.baseGravada, 'ivaExcluido') : ZERO;
  const otros = otrosTributosTotals(lines, 'ivaExcluido');
  const montoTotalOperacion = t.subTotal.plus(iva).plus(sumTributos(otros));
  const totalPagar = r2(montoTotalOperacion.plus(ivaPerci).minus(ivaRete).plus(t.totalNoGravado));
  const rec = input.receptor!;
  return {
    identificacion: buildIdentificacion('03', ident, { contingencyFields: true }),
    documentoRelacionado: buildDocumentoRelacionado(input),
    emisor: emisorWithCodes(emisor),
    receptor: {
      nit: onlyDigits(rec.numDocumento ?? ''),
      nrc: onlyDigits(rec.nrc ?? ''),
      nombre: rec.nombre,
      codActividad: rec.codActividad,
      descActividad: rec.descActividad,
      nombreComercial: rec.nombreComercial,
      direccion: rec.direccion ? { ...rec.direccion } : null,
      telefono: rec.telefono,
      correo: rec.correo,
    },
    otrosDocumentos: buildOtrosDocumentosFeCcf(input.otrosDocumentos),
    ventaTercero: buildVentaTercero(input),
    cuerpoDocumento: lines.map((l, i) => ({
      ...saleLineBase(l, i),
      tributos: lineTributoCodes('20', l),
      psv: num(l.item.psv),
      noGravado: num(l.noGravado),
    })),
    resumen: {
      ...saleResumenBase(t),
      tributos: resumenTributos(t.totalGravada.gt(0) ? tributoLine('20', iva) : null, otros),
      subTotal: num(t.subTotal),
      ivaPerci: num(ivaPerci),
      ivaRete: num(ivaRete),
      montoTotalOperacion: num(montoTotalOperacion),
      totalNoGravado: num(t.totalNoGravado),
      totalPagar: num(totalPagar),
      totalLetras: totalLetras(totalPagar),
      ...resumenPagoFeCcf(input, totalPagar),
    },
    apendice: buildApendice(input),
  };
}
