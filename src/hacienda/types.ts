/** MH API types. Field names are MH's. */
export type Ambiente = '00' | '01';

/** The MH API user of a tenant: NIT + API password, per ambiente. */
export interface MhCredential {
  user: string;
  password: string;
  ambiente: Ambiente;
}

export interface RecepcionDteRequest {
  ambiente: Ambiente;
  /** "correlativo a discreción"; MT1 types it Integer. */
  idEnvio: number | string;
  version: number;
  tipoDte: string;
  /** The compact JWS. */
  documento: string;
  codigoGeneracion: string;
}

export interface ConsultaDteRequest {
  nitEmisor: string;
  tdte: string;
  codigoGeneracion: string;
}

export interface RecepcionLoteRequest {
  ambiente: Ambiente;
  /** UUID v4 uppercase. */
  idEnvio: string;
  /** "versión del JSON schema de lotes" — value not published. */
  version: number;
  nitEmisor: string;
  /** ≤ 100 JWS. */
  documentos: string[];
}

export interface AnularDteRequest {
  ambiente: Ambiente;
  idEnvio: number | string;
  /** Invalidación schema version (v3 under Normativa 2.0). */
  version: number;
  documento: string;
}

export interface ContingenciaRequest {
  nit: string;
  documento: string;
}

/** MH accepted the document/event and sealed it. codigoMsg 001, or 002 with observaciones. */
export interface ProcessedOutcome {
  kind: 'processed';
  codigoGeneracion: string | null;
  selloRecibido: string;
  /** `dd/MM/yyyy HH:mm:ss` El Salvador time, as MH sends it (contingencia: its `fechaHora`). */
  fhProcesamiento: string | null;
  /** null for contingencia, whose answer has no codigoMsg. */
  codigoMsg: string | null;
  descripcionMsg: string | null;
  observaciones: string[];
  status: number;
  raw: unknown;
}

/** MH answered and refused it (HTTP 400 + JSON with estado RECHAZADO). The body is kept in `raw`. */
export interface RejectedOutcome {
  kind: 'rejected';
  codigoGeneracion: string | null;
  codigoMsg: string | null;
  descripcionMsg: string | null;
  observaciones: string[];
  status: number;
  raw: unknown;
}

/** Certainly not processed by MH (not connected, DNS, 5xx without an MH body, 503, 429...): safe to retry. */
export interface TransientOutcome {
  kind: 'transient';
  reason: string;
  status?: number;
}

/** The request may have reached MH and we do not know what happened: query consultadte before any resend. */
export interface UnknownOutcome {
  kind: 'unknown';
  reason: string;
}

/** MH refused the credentials or the token even after one re-authentication: configuration, not the document. */
export interface AuthErrorOutcome {
  kind: 'auth_error';
  reason: string;
  status?: number;
  raw?: unknown;
}

export interface NotFoundOutcome {
  kind: 'not_found';
  status: number;
  raw: unknown;
}

export interface LoteReceivedOutcome {
  kind: 'received';
  codigoLote: string;
  idEnvio: string | null;
  fhProcesamiento: string | null;
  codigoMsg: string | null;
  descripcionMsg: string | null;
  status: number;
  raw: unknown;
}

export interface LoteResultOutcome {
  kind: 'lote';
  /** Results known so far; a lote is processed progressively, compare counts with what was sent. */
  procesados: ProcessedOutcome[];
  rechazados: RejectedOutcome[];
  status: number;
  raw: unknown;
}

type Failure = TransientOutcome | UnknownOutcome | AuthErrorOutcome;

export type RecepcionOutcome = ProcessedOutcome | RejectedOutcome | Failure;
export type AnulacionOutcome = RecepcionOutcome;
export type ContingenciaOutcome = RecepcionOutcome;
export type ConsultaDteOutcome =
  | ProcessedOutcome
  | RejectedOutcome
  | NotFoundOutcome
  | TransientOutcome
  | AuthErrorOutcome;
export type RecepcionLoteOutcome = LoteReceivedOutcome | RejectedOutcome | Failure;
export type ConsultaLoteOutcome = LoteResultOutcome | NotFoundOutcome | TransientOutcome | AuthErrorOutcome;

/** Real MH hosts. */
export function mhBaseUrl(ambiente: Ambiente): string {
  return ambiente === '01' ? 'https://api.dtes.mh.gob.sv' : 'https://apitest.dtes.mh.gob.sv';
}

/** MH API paths, exactly as MT1 writes them. */
export const MH_PATHS = {
  auth: '/seguridad/auth',
  recepcionDte: '/fesv/recepciondte',
  consultaDte: '/fesv/recepcion/consultadte/',
  recepcionLote: '/fesv/recepcionlote/',
  consultaLote: '/fesv/recepcion/consultadtelote/',
  anularDte: '/fesv/anulardte',
  contingencia: '/fesv/contingencia',
} as const;
