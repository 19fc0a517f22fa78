import { randomUUID } from 'node:crypto';
import { decodeDteJwsUnverified } from '../../signing/jws.js';
import { formatFhProcesamiento } from '../time.js';
import { receiveDte, type ReceptionContext } from './reception.js';
import { CODES } from './responses.js';
import type { Tenant } from './state.js';

type Obj = Record<string, unknown>;

/**
 * `/fesv/recepcionlote/`: answers RECIBIDO with a codigoLote at once and processes the documents later; results are
 * read with consultadtelote. Max 100 documents per lote.
 */
export function receiveLote(
  ctx: ReceptionContext,
  tenant: Tenant,
  body: Obj,
  schedule: (fn: () => Promise<void>) => void,
) {
  const now = ctx.state.now();
  const rejected = (descripcionMsg: string) => ({
    status: 400,
    body: {
      version: typeof body.version === 'number' ? body.version : 1,
      ambiente: body.ambiente ?? tenant.ambiente,
      versionApp: 2,
      estado: 'RECHAZADO',
      idEnvio: body.idEnvio ?? null,
      fhProcesamiento: formatFhProcesamiento(now),
      codigoLote: null,
      codigoMsg: CODES.SOLICITUD,
      descripcionMsg,
      observaciones: [] as string[],
    },
  });
  if (body.nitEmisor !== tenant.nit) return rejected('[nitEmisor] NO CORRESPONDE AL USUARIO AUTENTICADO');
  if (body.ambiente !== tenant.ambiente) return rejected('[ambiente] NO CORRESPONDE A LAS CREDENCIALES');
  if (typeof body.idEnvio !== 'string' || !body.idEnvio) return rejected('[idEnvio] REQUERIDO');
  const documentos = body.documentos;
  if (
    !Array.isArray(documentos) ||
    documentos.length < 1 ||
    documentos.length > 100 ||
    documentos.some((d) => typeof d !== 'string')
  ) {
    return rejected('[documentos] DEBE CONTENER DE 1 A 100 DOCUMENTOS FIRMADOS');
  }

  const codigoLote = randomUUID().toUpperCase();
  const lote = {
    nit: tenant.nit,
    codigoLote,
    total: documentos.length,
    procesados: [] as Obj[],
    rechazados: [] as Obj[],
  };
  const lost = ctx.state.takeFault('loseLotes', tenant.nit);
  if (!lost) ctx.state.lotes.set(codigoLote, lote);
  ctx.state.counters.lotes++;
  if (!lost)
    schedule(async () => {
      for (const jws of documentos as string[]) {
        const id = identificacionOf(jws);
        const answer = receiveDte({ ...ctx, processedMessage: 'RECIBIDO Y PROCESADO' }, tenant, {
          ambiente: body.ambiente,
          version: id.version,
          tipoDte: id.tipoDte,
          codigoGeneracion: id.codigoGeneracion,
          documento: jws,
        });
        (answer.body.estado === 'PROCESADO' ? lote.procesados : lote.rechazados).push(answer.body);
      }
    });
  return {
    status: 200,
    body: {
      version: typeof body.version === 'number' ? body.version : 1,
      ambiente: tenant.ambiente,
      versionApp: 2,
      estado: 'RECIBIDO',
      idEnvio: body.idEnvio,
      fhProcesamiento: formatFhProcesamiento(now),
      codigoLote,
      codigoMsg: CODES.RECIBIDO,
      descripcionMsg: 'LOTE RECIBIDO, SERA PROCESADO',
      observaciones: [] as string[],
    },
  };
}

/** `/fesv/recepcion/consultadtelote/{codigoLote}`: the results known so far. */
export function consultaLote(ctx: ReceptionContext, tenant: Tenant, codigoLote: string) {
  const lote = ctx.state.lotes.get(codigoLote.toUpperCase());
  if (!lote || lote.nit !== tenant.nit) {
    return { status: 404, body: { status: 'ERROR', error: 'Not Found', message: `No existe el lote ${codigoLote}` } };
  }
  return { status: 200, body: { procesados: lote.procesados, rechazados: lote.rechazados } };
}

/** `/fesv/recepcion/consultadte/`: the stored answer of a DTE of this emisor. */
export function consultaDte(ctx: ReceptionContext, tenant: Tenant, body: Obj) {
  const stored = typeof body.codigoGeneracion === 'string' ? ctx.state.documents.get(body.codigoGeneracion) : undefined;
  if (body.nitEmisor !== tenant.nit || !stored || stored.nit !== tenant.nit || stored.tipoDte !== body.tdte) {
    // MH's "not found" body is not documented; the sandbox answers 404 with the gateway's error shape.
    return { status: 404, body: { status: 'ERROR', error: 'Not Found', message: 'No se encontró el documento' } };
  }
  return { status: 200, body: stored.answer.body };
}

function identificacionOf(jws: string): Obj {
  try {
    const id = decodeDteJwsUnverified(jws).identificacion;
    return id !== null && typeof id === 'object' ? (id as Obj) : {};
  } catch {
    return {};
  }
}
