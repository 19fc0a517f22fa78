// identificacion section: normal documents tipoModelo 1 / tipoOperacion 1; contingency documents
// tipoModelo 2 (diferido) / tipoOperacion 2 with tipoContingencia (CAT-005) and motivoContin.
import { DTE_VERSIONS, type IdentificationContext, type TipoDte } from '../model.js';

export interface IdentificacionOptions {
  /** Schemas of CL, DCL and CD have no tipoContingencia/motivoContin (contingency not allowed). */
  contingencyFields: boolean;
  /** NC/ND/CL require `fusion` (NIT of an absorbed company or null); CR allows it. */
  fusion?: string | null | undefined;
}

export function buildIdentificacion(
  tipoDte: TipoDte,
  ident: IdentificationContext,
  opts: IdentificacionOptions,
): Record<string, unknown> {
  const c = opts.contingencyFields ? (ident.contingencia ?? null) : null;
  const out: Record<string, unknown> = {
    version: DTE_VERSIONS[tipoDte],
    ambiente: ident.ambiente,
    tipoDte,
    numeroControl: ident.numeroControl,
    codigoGeneracion: ident.codigoGeneracion,
    tipoModelo: c ? 2 : 1,
    tipoOperacion: c ? 2 : 1,
  };
  if (opts.contingencyFields) {
    out['tipoContingencia'] = c ? c.tipoContingencia : null;
    out['motivoContin'] = c ? c.motivoContin : null;
  }
  out['fecEmi'] = ident.fecEmi;
  out['horEmi'] = ident.horEmi;
  out['tipoMoneda'] = 'USD';
  if (opts.fusion !== undefined) out['fusion'] = opts.fusion;
  return out;
}
