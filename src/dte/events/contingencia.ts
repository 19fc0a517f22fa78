// Evento de Contingencia v4: reports 1–1000 DTE issued offline, within 24 h after the incident.
import { onlyDigits } from '../dui-nit-nrc.js';
import {
  type Ambiente,
  type DteDocument,
  type Emisor,
  EVENT_VERSIONS,
  type TipoContingencia,
  type TipoDte,
} from '../model.js';
import { docNumber } from '../sections/receptor.js';

export interface ContingenciaInput {
  responsable: { nombre: string; tipoDocumento: string; numeroDocumento: string }; // CAT-022
  /** The DTE issued in contingency (1–1000); noItem is assigned in order. */
  detalleDTE: { tipoDoc: TipoDte; codigoGeneracion: string }[];
  motivo: {
    fInicio: string;
    fFin: string;
    hInicio: string;
    hFin: string;
    tipoContingencia: TipoContingencia; // CAT-005
    motivoContingencia: string | null; // required for 5
  };
}

/** ident.fecEmi/horEmi become fTransmision/hTransmision (the event has no fecEmi). */
export function buildContingencia(
  input: ContingenciaInput,
  emisor: Emisor,
  ident: { ambiente: Ambiente; codigoGeneracion: string; fecEmi: string; horEmi: string },
): DteDocument {
  return {
    identificacion: {
      version: EVENT_VERSIONS.contingencia,
      ambiente: ident.ambiente,
      codigoGeneracion: ident.codigoGeneracion,
      fTransmision: ident.fecEmi,
      hTransmision: ident.horEmi,
    },
    emisor: {
      nit: onlyDigits(emisor.nit),
      nombre: emisor.nombre,
      nombreResponsable: input.responsable.nombre,
      tipoDocResponsable: input.responsable.tipoDocumento,
      numeroDocResponsable: docNumber(input.responsable.tipoDocumento, input.responsable.numeroDocumento),
      tipoEstablecimiento: emisor.tipoEstablecimiento,
      codEstableMH: emisor.codEstableMH,
      codPuntoVentaMH: emisor.codPuntoVentaMH,
      telefono: emisor.telefono,
      correo: emisor.correo,
    },
    detalleDTE: input.detalleDTE.map((x, i) => ({
      noItem: i + 1,
      tipoDoc: x.tipoDoc,
      codigoGeneracion: x.codigoGeneracion,
    })),
    motivo: { ...input.motivo },
  };
}
