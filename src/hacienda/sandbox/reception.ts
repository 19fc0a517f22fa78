import { JwsError } from '../../signing/errors.js';
import { CODES, newSello, processedBody, reject, type DteAnswer } from './responses.js';
import { checkEmissionDate } from './date-rules.js';
import { normativa2EventProblem } from './normativa2-events.js';
import type { SandboxState, Tenant } from './state.js';
import type { Validate } from './types.js';
import { verifyReceived } from './verify.js';

export interface ReceptionInput {
  ambiente: unknown;
  version: unknown;
  tipoDte: unknown;
  codigoGeneracion: unknown;
  documento: unknown;
}

export interface ReceptionContext {
  state: SandboxState;
  validate?: Validate;
  maxPastHours: number;
  /** Lote results say "RECIBIDO Y PROCESADO". */
  processedMessage?: string;
}

/**
 * One DTE through MH's checks, in order: ambiente, signature with the tenant's registered key, body ↔ signed
 * identificacion, emisor, duplicate (004), injected rejections, the project's validator, dates.
 * Every attempt is counted under its codigoGeneracion before any check, so tests can prove exactly-once delivery
 * (the journal keeps the attempts that were answered).
 */
export function receiveDte(ctx: ReceptionContext, tenant: Tenant, input: ReceptionInput): DteAnswer {
  const { state } = ctx;
  const now = state.now();
  const codigo = typeof input.codigoGeneracion === 'string' ? input.codigoGeneracion : null;
  const base = {
    version: input.version,
    ambiente: String(input.ambiente ?? tenant.ambiente),
    codigoGeneracion: codigo,
    now,
  };
  if (codigo) state.countReception(codigo, false);
  const answer = check(ctx, tenant, input, base);
  // On the journal with its answer (before it leaves): a sandbox killed before it received nothing.
  if (codigo) state.journalReception(codigo);
  if (answer.body.estado === 'RECHAZADO') state.counters.rejected++;
  else state.counters.processed++;
  return answer;
}

function check(
  ctx: ReceptionContext,
  tenant: Tenant,
  input: ReceptionInput,
  base: Parameters<typeof reject>[0],
): DteAnswer {
  const { state } = ctx;
  const codigo = base.codigoGeneracion;
  if (
    !codigo ||
    typeof input.documento !== 'string' ||
    typeof input.tipoDte !== 'string' ||
    typeof input.version !== 'number'
  ) {
    return reject(
      base,
      CODES.SOLICITUD,
      '[solicitud] CAMPOS REQUERIDOS: ambiente, idEnvio, version, tipoDte, documento, codigoGeneracion',
    );
  }
  if (input.ambiente !== tenant.ambiente) {
    return reject(
      base,
      CODES.AMBIENTE,
      `[ambiente] EL AMBIENTE ${String(input.ambiente)} NO CORRESPONDE A LAS CREDENCIALES (${tenant.ambiente})`,
    );
  }
  let doc: Record<string, unknown>;
  try {
    doc = verifyReceived(input.documento, tenant.publicKey);
  } catch (err) {
    const detail = err instanceof JwsError ? err.code : 'JWS';
    return reject(base, CODES.FIRMA, `[documento] FIRMA ELECTRONICA NO VALIDA PARA EL EMISOR (${detail})`);
  }
  const id = (doc.identificacion ?? {}) as Record<string, unknown>;
  for (const [field, expected] of [
    ['version', input.version],
    ['tipoDte', input.tipoDte],
    ['codigoGeneracion', codigo],
    ['ambiente', input.ambiente],
  ] as const) {
    // Normativa 2.0's events (17, 18) travel with tipoDte = their identificacion.tipoEvento.
    const actual = field === 'tipoDte' && !('tipoDte' in id) ? id.tipoEvento : id[field];
    if (actual !== expected) {
      const code = field === 'ambiente' ? CODES.AMBIENTE : CODES.IDENTIFICACION;
      return reject(base, code, `[identificacion.${field}] NO CORRESPONDE AL VALOR ENVIADO EN LA SOLICITUD`);
    }
  }
  const emisorNit = (doc.emisor as Record<string, unknown> | undefined)?.nit;
  if (emisorNit !== tenant.nit) return reject(base, CODES.EMISOR, '[emisor.nit] NO CORRESPONDE AL USUARIO AUTENTICADO');

  const previous = state.documents.get(codigo);
  if (previous?.estado === 'PROCESADO') {
    state.counters.duplicates++;
    return reject(base, CODES.DUPLICADO, '[identificacion.codigoGeneracion] YA EXISTE UN REGISTRO CON ESE VALOR');
  }
  const answer = decide(ctx, tenant, doc, id, base);
  const sello = answer.body.estado === 'PROCESADO' ? answer.body.selloRecibido : null;
  state.saveDocument({
    nit: tenant.nit,
    tipoDte: input.tipoDte,
    codigoGeneracion: codigo,
    estado: answer.body.estado as 'PROCESADO' | 'RECHAZADO',
    answer,
    doc,
    selloRecibido: sello,
    invalidated: false,
  });
  return answer;
}

function decide(
  ctx: ReceptionContext,
  tenant: Tenant,
  doc: Record<string, unknown>,
  id: Record<string, unknown>,
  base: Parameters<typeof reject>[0],
): DteAnswer {
  const { state } = ctx;
  const injected = state.takeFault('rejectNext', tenant.nit);
  if (injected) {
    return reject(
      base,
      injected.codigoMsg ?? CODES.FALLA_SIMULADA,
      injected.descripcionMsg ?? '[resumen.totalPagar] CALCULO INCORRECTO (RECHAZO SIMULADO)',
    );
  }
  const issues = safeValidate(ctx.validate, doc);
  if (issues.length) {
    const lines = issues.map((i) => `[${i.path}] ${i.message}`);
    return reject(base, CODES.VALIDACION, lines[0]!, lines);
  }
  const eventProblem = normativa2EventProblem(state, tenant.nit, doc);
  if (eventProblem) return reject(base, eventProblem[0], eventProblem[1]);
  const dateProblem = checkEmissionDate(state, tenant.nit, id, ctx.maxPastHours);
  if (dateProblem) return reject(base, CODES[dateProblem[0]], dateProblem[1]);

  const observed = state.takeFault('observacionesNext', tenant.nit);
  const observaciones = observed
    ? [observed.observacion ?? '[resumen.totalLetras] VALOR NO CORRESPONDE (OBSERVACION SIMULADA)']
    : [];
  return {
    status: 200,
    body: processedBody({
      ...base,
      sello: newSello(base.now),
      observaciones,
      descripcionMsg: ctx.processedMessage && !observaciones.length ? ctx.processedMessage : undefined,
    }),
  };
}

/** A validator that throws is a sandbox-side bug, but MH would still answer: report it as a rejection. */
export function safeValidate(validate: Validate | undefined, doc: unknown): { path: string; message: string }[] {
  if (!validate) return [];
  try {
    return validate(doc);
  } catch (err) {
    return [{ path: 'documento', message: `VALIDACION FALLIDA: ${(err as Error).message}` }];
  }
}
