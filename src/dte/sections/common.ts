// Small shared section builders: pagos (and the FE/CCF resumen payment tail), documentoRelacionado, otrosDocumentos
// (médico block), ventaTercero, apéndice, resumen.tributos.
import { tributoResumenDescripcion } from '../catalogs/index.js';
import type { EmissionInput, OtroDocumentoInput, PagoInput } from '../input/types.js';
import { type Dec, num, r2 } from '../money.js';
import { onlyDigits } from '../dui-nit-nrc.js';

/** Σ montoPago must equal totalPagar; a single payment without monto takes the whole total. */
export function buildPagos(
  pagos: PagoInput[] | null,
  totalPagar: Dec,
  withPlazo = true,
): Record<string, unknown>[] | null {
  if (!pagos) return null;
  return pagos.map((p) => {
    const out: Record<string, unknown> = {
      codigo: p.codigo,
      montoPago: num(r2(p.monto ?? totalPagar)),
      referencia: p.referencia,
    };
    if (withPlazo) {
      out['plazo'] = p.plazo;
      out['periodo'] = p.periodo;
    }
    return out;
  });
}

/** The payment tail FE and CCF share at the end of resumen, in MH's key order. */
export function resumenPagoFeCcf(input: EmissionInput, totalPagar: Dec): Record<string, unknown> {
  return {
    saldoFavor: 0,
    condicionOperacion: input.condicionOperacion,
    pagos: buildPagos(input.pagos, totalPagar),
    numPagoElectronico: input.numPagoElectronico,
    observaciones: input.observaciones,
  };
}

export function buildDocumentoRelacionado(input: EmissionInput): Record<string, unknown>[] | null {
  if (!input.documentoRelacionado) return null;
  return input.documentoRelacionado.map((d) => ({ ...d }));
}

/** FE/CCF otrosDocumentos incl. the v2 médico object {nombre, nit, docIdentificacion, tipoServicio}. */
export function buildOtrosDocumentosFeCcf(list: OtroDocumentoInput[] | null): Record<string, unknown>[] | null {
  if (!list) return null;
  return list.map((o) => ({
    codDocAsociado: o.codDocAsociado,
    descDocumento: o.descDocumento,
    detalleDocumento: o.detalleDocumento,
    medico: o.medico
      ? {
          nombre: o.medico.nombre,
          nit: o.medico.nit ? onlyDigits(o.medico.nit) : null,
          docIdentificacion: o.medico.docIdentificacion,
          tipoServicio: o.medico.tipoServicio,
        }
      : null,
  }));
}

export function buildVentaTercero(input: EmissionInput): Record<string, unknown> | null {
  const v = input.ventaTercero;
  return v ? { nit: onlyDigits(v.nit), nombre: v.nombre, codDomiciliado: v.codDomiciliado } : null;
}

export function buildApendice(input: EmissionInput): Record<string, unknown>[] | null {
  return input.apendice ? input.apendice.map((a) => ({ ...a })) : null;
}

export function tributoLine(codigo: string, valor: Dec): Record<string, unknown> {
  return { codigo, descripcion: tributoResumenDescripcion(codigo) ?? codigo, valor: num(r2(valor)) };
}
