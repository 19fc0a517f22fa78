// Shared domain types of the MH (Ministerio de Hacienda) DTE core. Field names are MH's.

export type TipoDte = '01' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '11' | '14' | '15';
export type Ambiente = '00' | '01';
/** Events MH receives like documents (CAT-002): 17 Operaciones Especiales, 18 Retorno. */
export type TipoEvento = '17' | '18';
export const TIPOS_DTE: readonly TipoDte[] = ['01', '03', '04', '05', '06', '07', '08', '09', '11', '14', '15'];

/** One problem found in input or in a document: `path` is dotted/indexed (`items[0].precio`), `code` is stable. */
export interface DteIssue {
  path: string;
  code: string;
  message: string;
  /** Values the message names, for messages in other languages (never serialised as such). */
  params?: Record<string, string | number>;
}
export type Result<T> = { ok: true; value: T } | { ok: false; issues: DteIssue[] };

export interface Direccion {
  departamento: string;
  municipio: string;
  distrito: string;
  complemento: string;
}

/** The issuing taxpayer, as stored on the tenant row. */
export interface Emisor {
  nit: string;
  nrc: string;
  nombre: string;
  nombreComercial: string | null;
  codActividad: string;
  descActividad: string;
  tipoEstablecimiento: string; // CAT-009
  direccion: Direccion;
  telefono: string;
  correo: string;
  codEstableMH: string; // v2.0: 'M001' … lives inside numeroControl
  codPuntoVentaMH: string; // v2.0: 'P001'
  codEstable: string | null;
  codPuntoVenta: string | null;
}

export type TipoContingencia = 1 | 2 | 3 | 4 | 5;
export interface Contingencia {
  tipoContingencia: TipoContingencia;
  motivoContin: string | null;
}

export interface IdentificationContext {
  ambiente: Ambiente;
  codigoGeneracion: string;
  numeroControl: string;
  fecEmi: string;
  horEmi: string;
  contingencia?: Contingencia | null;
}

/** An event (invalidación / contingencia) has no numeroControl. */
export interface EventIdentification {
  ambiente: Ambiente;
  codigoGeneracion: string;
  fecEmi: string;
  horEmi: string;
}

/** A DTE as plain JSON, ready to be serialized and signed. */
export type DteDocument = Record<string, unknown>;

export const DTE_VERSIONS: Record<TipoDte, number> = {
  '01': 2,
  '03': 4,
  '04': 4,
  '05': 4,
  '06': 4,
  '07': 2,
  '08': 2,
  '09': 2,
  '11': 3,
  '14': 2,
  '15': 2,
};
/** Event versions under Normativa 2.0. */
export const EVENT_VERSIONS = { invalidacion: 3, contingencia: 4 } as const;

export function issue(path: string, code: string, message: string, params?: Record<string, string | number>): DteIssue {
  return params ? { path, code, message, params } : { path, code, message };
}
