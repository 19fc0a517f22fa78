// 11 Factura de Exportación (FEX v3): export sales are gravadas at 0 % (tributo C3 listed even at $0), foreign
// receptor with ISO alpha-2 codPais (CAT-020), seguro/flete, INCOTERMS, régimen.
import * as CAT from '../catalogs/index.js';
import { checkNitValue, requireReceptor } from '../input/rules.js';
import { join, type Obj, type Reader } from '../input/reader.js';
import type { EmissionInput, ExportacionInput } from '../input/types.js';
import { parseVentaCommon } from '../input/ventas.js';
import { totalLetras } from '../letras.js';
import type { DteDocument, Emisor, IdentificationContext } from '../model.js';
import { num, r2, ZERO } from '../money.js';
import {
  buildApendice,
  buildDocumentoRelacionado,
  buildPagos,
  buildVentaTercero,
  tributoLine,
} from '../sections/common.js';
import { computeVentas, saleLineBase } from '../sections/cuerpo.js';
import { lineTributoCodes, otrosTributosTotals, resumenTributos, sumTributos } from '../sections/otros-tributos.js';
import { emisorWithCodes } from '../sections/emisor.js';
import { buildIdentificacion } from '../sections/identificacion.js';

function parseExportacion(r: Reader, body: Obj): ExportacionInput {
  const o = r.object(body, 'exportacion', '', true) ?? {};
  const p = 'exportacion';
  const tipoItemExpor = r.int(o, 'tipoItemExpor', p, { required: true, allowed: [1, 2, 3] }) ?? 2;
  const goods = tipoItemExpor !== 2; // goods cross a customs office: recinto fiscal and régimen apply
  return {
    tipoItemExpor,
    recintoFiscal: r.code(o, 'recintoFiscal', p, CAT.RECINTOS_FISCALES, 'CAT-027', { required: goods }),
    regimen: r.code(o, 'regimen', p, CAT.REGIMENES, 'CAT-028', { required: goods }),
    tipoRegimen: r.code(o, 'tipoRegimen', p, CAT.TIPOS_REGIMEN, 'CAT-033'),
    codIncoterms: r.code(o, 'codIncoterms', p, CAT.INCOTERMS, 'CAT-031'),
    seguro: r.decimal(o, 'seguro', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
    flete: r.decimal(o, 'flete', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
  };
}

export function parseFex(r: Reader, body: Obj, input: EmissionInput): void {
  parseVentaCommon(r, body, input, {
    relacionado: 'optional',
    otrosDocumentos: 20,
    descuentoGlobal: true,
    retencion: false,
    percepcion: false,
  });
  input.exportacion = parseExportacion(r, body);
  const rec = requireReceptor(
    r,
    body,
    input,
    ['nombre', 'tipoDocumento', 'numDocumento', 'descActividad', 'codPais', 'tipoPersona'],
    'Factura de Exportación',
  );
  const receptor = r.get(body, 'receptor');
  const ro = r.isObj(receptor) ? receptor : {};
  const complemento = r.str(ro, 'complemento', 'receptor', { required: !!rec, max: 200 });
  if (rec && complemento) rec.direccion = { departamento: '00', municipio: '00', distrito: '00', complemento };
  if (rec?.codPais === 'SV') r.add('receptor.codPais', 'NOT_ALLOWED', 'an export receptor is abroad (codPais ≠ SV)');
  const c = r.object(body, 'compraTercero', '', false);
  if (c)
    input.compraTercero = {
      numDocumento: r.str(c, 'numDocumento', 'compraTercero', { required: true, max: 20 }) ?? '',
      nombre: r.str(c, 'nombre', 'compraTercero', { required: true, max: 250 }) ?? '',
    };
  if (input.compraTercero && input.ventaTercero)
    r.add('compraTercero', 'NOT_ALLOWED', 'ventaTercero and compraTercero are mutually exclusive (FEX v3)');
  input.items.forEach((it, i) => {
    if (it.tipo === 'exento' || it.tipo === 'noSujeto')
      r.add(join(join('items', i), 'tratamientoFiscal'), 'NOT_ALLOWED', 'FEX lines are gravado (0 %) or noGravado');
  });
  if (input.descuentoGlobal.exento.gt(0) || input.descuentoGlobal.noSujeto.gt(0))
    r.add('descuentoGlobal', 'NOT_ALLOWED', 'FEX only has descuentoGlobal.gravado');
  if (input.ventaTercero?.nit) checkNitValue(r, input.ventaTercero.nit, 'ventaTercero.nit');
}

export function buildFex(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const { lines, totals: t } = computeVentas(input, 'ivaExcluido');
  const x = input.exportacion!;
  const seguro = r2(x.seguro);
  const flete = r2(x.flete);
  const otros = otrosTributosTotals(lines, 'ivaExcluido');
  const montoTotalOperacion = t.baseGravada.plus(seguro).plus(flete).plus(sumTributos(otros));
  const totalPagar = r2(montoTotalOperacion.plus(t.totalNoGravado));
  const rec = input.receptor!;
  return {
    identificacion: buildIdentificacion('11', ident, { contingencyFields: true }),
    documentoRelacionado: buildDocumentoRelacionado(input),
    emisor: {
      ...emisorWithCodes(emisor),
      tipoItemExpor: x.tipoItemExpor,
      recintoFiscal: x.recintoFiscal,
      tipoRegimen: x.tipoRegimen,
      regimen: x.regimen,
    },
    receptor: {
      nombre: rec.nombre,
      tipoDocumento: rec.tipoDocumento,
      numDocumento: rec.numDocumento,
      descActividad: rec.descActividad,
      nombreComercial: rec.nombreComercial,
      codPais: rec.codPais,
      nombrePais: rec.nombrePais ?? CAT.PAISES[rec.codPais ?? ''] ?? null,
      complemento: rec.direccion?.complemento ?? null,
      tipoPersona: rec.tipoPersona,
      telefono: rec.telefono,
      correo: rec.correo,
    },
    otrosDocumentos: input.otrosDocumentos
      ? input.otrosDocumentos.map((o) => ({
          codDocAsociado: o.codDocAsociado,
          descDocumento: o.descDocumento,
          detalleDocumento: o.detalleDocumento,
          placaTrans: o.placaTrans,
          modoTransp: o.modoTransp,
          numConductor: o.numConductor,
          nombreConductor: o.nombreConductor,
        }))
      : null,
    ventaTercero: buildVentaTercero(input),
    compraTercero: input.compraTercero ? { ...input.compraTercero } : null,
    cuerpoDocumento: lines.map((l, i) => {
      const { ventaNoSuj: _n, ventaExenta: _e, ...base } = saleLineBase(l, i);
      return { ...base, tributos: lineTributoCodes('C3', l), noGravado: num(l.noGravado) };
    }),
    resumen: {
      totalGravada: num(t.totalGravada),
      descuGravada: num(t.descuGravada),
      porcentajeDescuento: num(t.porcentajeDescuento),
      totalDescu: num(t.totalDescu),
      seguro: num(seguro),
      flete: num(flete),
      // FEX v3: C3 (IVA exportaciones 0 %) is listed even at $0
      tributos: resumenTributos(tributoLine('C3', ZERO), otros),
      montoTotalOperacion: num(montoTotalOperacion),
      totalNoGravado: num(t.totalNoGravado),
      totalNoOnerosas: 0,
      totalPagar: num(totalPagar),
      totalLetras: totalLetras(totalPagar),
      saldoFavor: 0,
      condicionOperacion: input.condicionOperacion,
      pagos: buildPagos(input.pagos, totalPagar),
      codIncoterms: x.codIncoterms,
      descIncoterms: x.codIncoterms ? (CAT.INCOTERMS[x.codIncoterms] ?? null) : null,
      numPagoElectronico: input.numPagoElectronico,
      observaciones: input.observaciones,
    },
    apendice: buildApendice(input),
  };
}
