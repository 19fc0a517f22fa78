import { randomFillSync } from 'node:crypto';
import { formatFhProcesamiento, svDateTimeParts } from '../time.js';
import type { Ambiente } from '../types.js';

/**
 * codigoMsg values. 001/002/004 are MH's. MH documents only ranges for the others (3–34 field errors,
 * 94–116 general/credential errors), so the exact numbers below are the sandbox's choice inside those ranges.
 */
export const CODES = {
  RECIBIDO: '001',
  OBSERVACIONES: '002',
  DUPLICADO: '004',
  VALIDACION: '020',
  FECHA: '021',
  IDENTIFICACION: '022',
  AMBIENTE: '023',
  CONTINGENCIA: '024',
  NO_EXISTE: '025',
  FIRMA: '096',
  EMISOR: '097',
  SOLICITUD: '098',
  FALLA_SIMULADA: '099',
} as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Random bytes for the seals, drawn 36 at a time from a pool filled by the CSPRNG 128 seals at once: a synchronous
 * randomBytes(36) per document made a buffer and a crypto job each time (≈ 15 µs of the sandbox's ≈ 300 µs per
 * document). Every byte is used once, as before.
 */
const SELLO_BYTES = 36;
const selloPool = Buffer.alloc(SELLO_BYTES * 128);
let selloAt = selloPool.length;

/** 40 chars `^[A-Z0-9]{40}$`, starting with the year, like MH's seals (MH's rules examples). */
export function newSello(now: Date): string {
  if (selloAt === selloPool.length) {
    randomFillSync(selloPool);
    selloAt = 0;
  }
  let rest = '';
  for (let i = selloAt; i < selloAt + SELLO_BYTES; i++) rest += ALPHABET[selloPool[i]! % 36];
  selloAt += SELLO_BYTES;
  return String(svDateTimeParts(now).year) + rest;
}

export interface DteBodyInput {
  version: unknown;
  ambiente: Ambiente | string;
  codigoGeneracion: string | null;
  now: Date;
}

export function processedBody(i: DteBodyInput & { sello: string; observaciones: string[]; descripcionMsg?: string }) {
  return {
    version: typeof i.version === 'number' ? i.version : 2,
    ambiente: i.ambiente,
    versionApp: 2,
    estado: 'PROCESADO',
    codigoGeneracion: i.codigoGeneracion,
    selloRecibido: i.sello,
    fhProcesamiento: formatFhProcesamiento(i.now),
    clasificaMsg: '10',
    codigoMsg: i.observaciones.length ? CODES.OBSERVACIONES : CODES.RECIBIDO,
    descripcionMsg: i.descripcionMsg ?? (i.observaciones.length ? 'RECIBIDO CON OBSERVACIONES' : 'RECIBIDO'),
    observaciones: i.observaciones,
  };
}

/** MH's rejection body, sent with HTTP 400. */
export function rejectedBody(
  i: DteBodyInput & { codigoMsg: string; descripcionMsg: string; observaciones?: string[] },
) {
  return {
    version: typeof i.version === 'number' ? i.version : 2,
    ambiente: i.ambiente,
    versionApp: 2,
    estado: 'RECHAZADO',
    codigoGeneracion: i.codigoGeneracion,
    selloRecibido: null,
    fhProcesamiento: formatFhProcesamiento(i.now),
    clasificaMsg: '11',
    codigoMsg: i.codigoMsg,
    descripcionMsg: i.descripcionMsg,
    observaciones: i.observaciones ?? [],
  };
}

export type DteAnswer = { status: number; body: ReturnType<typeof processedBody> | ReturnType<typeof rejectedBody> };

export function reject(
  input: DteBodyInput,
  codigoMsg: string,
  descripcionMsg: string,
  observaciones: string[] = [],
): DteAnswer {
  return { status: 400, body: rejectedBody({ ...input, codigoMsg, descripcionMsg, observaciones }) };
}

/** Spring-style error bodies MH's gateway uses for auth problems. */
export function authErrorBody(message: string) {
  return { status: 'ERROR', error: 'Unauthorized', message };
}
