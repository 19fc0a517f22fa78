// Evento de Invalidación v3: emisor with codEstableMH/codPuntoVentaMH, the invalidated document
// (incl. its receptor identity), and the motivo (CAT-024) with responsible and requesting persons.
import { onlyDigits } from '../dui-nit-nrc.js';
import {
  type Ambiente,
  type DteDocument,
  type Emisor,
  EVENT_VERSIONS,
  type TipoDte,
  type TipoEvento,
} from '../model.js';
import { docNumber } from '../sections/receptor.js';

export interface InvalidacionInput {
  documento: {
    /** The invalidated document's type, or the event's (a Retorno or Operaciones Especiales is invalidated alike). */
    tipoDte: TipoDte | TipoEvento;
    codigoGeneracion: string;
    selloRecibido: string;
    numeroControl: string;
    fecEmi: string;
    /** Removed from the v3 schema; accepted and ignored so callers can pass the legacy shape. */
    montoIva?: number | null;
    /** Replacement DTE for tipoAnulacion 1 and 3; null for 2. */
    codigoGeneracionR: string | null;
    /** Receptor identity of the invalidated DTE; all null when it was an anonymous FE. */
    tipoDocumento: string | null;
    numDocumento: string | null;
    nombre: string | null;
    telefono?: string | null;
    correo?: string | null;
  };
  motivo: {
    tipoAnulacion: 1 | 2 | 3; // CAT-024
    motivoAnulacion: string | null;
    nombreResponsable: string;
    tipDocResponsable: string; // CAT-022
    numDocResponsable: string;
    nombreSolicita: string;
    tipDocSolicita: string;
    numDocSolicita: string;
  };
  /** NIT of an absorbed company (merger) or null. */
  fusion?: string | null;
}

export function buildInvalidacion(
  input: InvalidacionInput,
  emisor: Emisor,
  ident: { ambiente: Ambiente; codigoGeneracion: string; fecEmi: string; horEmi: string },
): DteDocument {
  const doc = input.documento;
  const m = input.motivo;
  return {
    identificacion: {
      version: EVENT_VERSIONS.invalidacion,
      ambiente: ident.ambiente,
      codigoGeneracion: ident.codigoGeneracion,
      fecEmi: ident.fecEmi,
      horEmi: ident.horEmi,
      fusion: input.fusion ? onlyDigits(input.fusion) : null,
    },
    emisor: {
      nit: onlyDigits(emisor.nit),
      nombre: emisor.nombre,
      codEstableMH: emisor.codEstableMH,
      codEstable: emisor.codEstable,
      codPuntoVentaMH: emisor.codPuntoVentaMH,
      codPuntoVenta: emisor.codPuntoVenta,
      telefono: emisor.telefono,
      correo: emisor.correo,
    },
    documento: {
      tipoDte: doc.tipoDte,
      codigoGeneracion: doc.codigoGeneracion,
      selloRecibido: doc.selloRecibido,
      numeroControl: doc.numeroControl,
      fecEmi: doc.fecEmi,
      codigoGeneracionR: m.tipoAnulacion === 2 ? null : doc.codigoGeneracionR,
      tipoDocumento: doc.tipoDocumento,
      numDocumento: docNumber(doc.tipoDocumento, doc.numDocumento),
      nombre: doc.nombre,
      telefono: doc.telefono ?? null,
      correo: doc.correo ?? null,
    },
    motivo: {
      tipoAnulacion: m.tipoAnulacion,
      motivoAnulacion: m.motivoAnulacion,
      nombreResponsable: m.nombreResponsable,
      tipDocResponsable: m.tipDocResponsable,
      numDocResponsable: docNumber(m.tipDocResponsable, m.numDocResponsable),
      nombreSolicita: m.nombreSolicita,
      tipDocSolicita: m.tipDocSolicita,
      numDocSolicita: docNumber(m.tipDocSolicita, m.numDocSolicita),
    },
  };
}
