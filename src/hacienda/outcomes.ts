import type {
  ConsultaDteOutcome,
  ConsultaLoteOutcome,
  ProcessedOutcome,
  RecepcionLoteOutcome,
  RecepcionOutcome,
  RejectedOutcome,
  TransientOutcome,
} from './types.js';

/** Reading MH answers into outcomes. The body decides whenever it is an MH body, whatever the HTTP status. */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const observaciones = (v: unknown): string[] => (Array.isArray(v) ? v.map((o) => String(o)) : []);

/** A recepciondte-shaped body (also consultadte, anulardte, lote results). */
export function readDteAnswer(status: number, body: unknown): ProcessedOutcome | RejectedOutcome | null {
  if (!isObj(body)) return null;
  const estado = str(body.estado);
  const base = {
    codigoGeneracion: str(body.codigoGeneracion),
    codigoMsg: str(body.codigoMsg),
    descripcionMsg: str(body.descripcionMsg),
    observaciones: observaciones(body.observaciones),
    status,
    raw: body,
  };
  const sello = str(body.selloRecibido);
  if (estado === 'PROCESADO' && sello)
    return { kind: 'processed', ...base, selloRecibido: sello, fhProcesamiento: str(body.fhProcesamiento) };
  if (estado === 'RECHAZADO') return { kind: 'rejected', ...base };
  return null;
}

/** The contingencia answer has its own shape: estado RECIBIDO|RECHAZADO, fechaHora, mensaje. */
export function readContingenciaAnswer(status: number, body: unknown): ProcessedOutcome | RejectedOutcome | null {
  if (!isObj(body)) return null;
  const estado = str(body.estado);
  const base = {
    codigoGeneracion: null,
    codigoMsg: null,
    descripcionMsg: str(body.mensaje),
    observaciones: observaciones(body.observaciones),
    status,
    raw: body,
  };
  const sello = str(body.selloRecibido);
  if (estado === 'RECIBIDO' && sello)
    return { kind: 'processed', ...base, selloRecibido: sello, fhProcesamiento: str(body.fechaHora) };
  if (estado === 'RECHAZADO') return { kind: 'rejected', ...base };
  return null;
}

/** HTTP statuses that say "nothing was processed" when the body is not an MH answer. */
export function transientStatus(status: number): TransientOutcome | null {
  if (status >= 500) return { kind: 'transient', reason: `MH answered HTTP ${status} without an MH body`, status };
  if (status === 404 || status === 405)
    return { kind: 'transient', reason: `MH endpoint answered HTTP ${status} (wrong URL?)`, status };
  if (status === 408 || status === 425 || status === 429)
    return { kind: 'transient', reason: `MH answered HTTP ${status}`, status };
  return null;
}

/** A submission (recepciondte, anulardte, contingencia) answered with a body that is not MH's usual shape. */
export function unrecognisedSubmission(status: number, body: unknown): RecepcionOutcome {
  const t = transientStatus(status);
  if (t) return t;
  if (status >= 400) {
    const message = isObj(body) ? (str(body.message) ?? str(body.error) ?? str(body.descripcionMsg)) : null;
    return {
      kind: 'rejected',
      codigoGeneracion: null,
      codigoMsg: null,
      descripcionMsg: message ?? `HTTP ${status}`,
      observaciones: [],
      status,
      raw: body,
    };
  }
  return { kind: 'unknown', reason: `HTTP ${status} with an unrecognised body` };
}

export function readLoteReceived(status: number, body: unknown): RecepcionLoteOutcome {
  if (isObj(body) && str(body.codigoLote) && str(body.estado) !== 'RECHAZADO') {
    return {
      kind: 'received',
      codigoLote: str(body.codigoLote) as string,
      idEnvio: str(body.idEnvio),
      fhProcesamiento: str(body.fhProcesamiento),
      codigoMsg: str(body.codigoMsg),
      descripcionMsg: str(body.descripcionMsg),
      status,
      raw: body,
    };
  }
  const dte = readDteAnswer(status, body);
  if (dte?.kind === 'rejected') return dte;
  return unrecognisedSubmission(status, body) as RecepcionLoteOutcome;
}

export function readConsultaDte(status: number, body: unknown): ConsultaDteOutcome {
  const dte = readDteAnswer(status, body);
  if (dte) return dte;
  if (status >= 500 || status === 408 || status === 429)
    return { kind: 'transient', reason: `consultadte answered HTTP ${status}`, status };
  return { kind: 'not_found', status, raw: body };
}

export function readConsultaLote(status: number, body: unknown): ConsultaLoteOutcome {
  if (isObj(body) && (Array.isArray(body.procesados) || Array.isArray(body.rechazados))) {
    const all = [
      ...(Array.isArray(body.procesados) ? body.procesados : []),
      ...(Array.isArray(body.rechazados) ? body.rechazados : []),
    ];
    const read = all
      .map((b) => readDteAnswer(status, b))
      .filter((o): o is ProcessedOutcome | RejectedOutcome => o !== null);
    return {
      kind: 'lote',
      procesados: read.filter((o): o is ProcessedOutcome => o.kind === 'processed'),
      rechazados: read.filter((o): o is RejectedOutcome => o.kind === 'rejected'),
      status,
      raw: body,
    };
  }
  if (status >= 500 || status === 408 || status === 429)
    return { kind: 'transient', reason: `consultadtelote answered HTTP ${status}`, status };
  return { kind: 'not_found', status, raw: body };
}
