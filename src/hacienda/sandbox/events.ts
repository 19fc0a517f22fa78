import { verifyDteJws } from '../../signing/jws.js';
import { formatFhProcesamiento } from '../time.js';
import { CODES, newSello, reject, type DteAnswer } from './responses.js';
import { activeRetornoProblem } from './normativa2-events.js';
import { safeValidate } from './reception.js';
import type { SandboxState, Tenant } from './state.js';
import type { Validate } from './types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** CL, DCL and CD cannot be issued in contingency. */
const NOT_CONTINGENCY_TYPES = new Set(['08', '09', '15']);

/** `/fesv/contingencia`: the contingency event. Its answer has its own shape (estado/fechaHora/mensaje). */
export async function receiveContingencia(
  state: SandboxState,
  tenant: Tenant,
  body: Obj,
  validate?: Validate,
): Promise<{ status: number; body: Obj }> {
  const now = state.now();
  const rejected = (observaciones: string[]) => ({
    status: 400,
    body: {
      estado: 'RECHAZADO',
      fechaHora: formatFhProcesamiento(now),
      mensaje: 'Validaciones no superadas',
      selloRecibido: null,
      observaciones,
    },
  });
  if (body.nit !== tenant.nit) return rejected(['[nit] NO CORRESPONDE AL USUARIO AUTENTICADO']);
  let doc: Obj;
  try {
    doc = await verifyDteJws(String(body.documento ?? ''), tenant.publicKey);
  } catch {
    return rejected(['[documento] FIRMA ELECTRONICA NO VALIDA PARA EL EMISOR']);
  }
  const id = obj(doc.identificacion);
  const codigo = typeof id.codigoGeneracion === 'string' ? id.codigoGeneracion : '';
  if (codigo) state.countReception(codigo);
  const problems: string[] = [];
  if (id.ambiente !== tenant.ambiente) problems.push('[identificacion.ambiente] NO CORRESPONDE A LAS CREDENCIALES');
  if (!codigo) problems.push('[identificacion.codigoGeneracion] REQUERIDO');
  if (state.contingencies.has(codigo))
    problems.push('[identificacion.codigoGeneracion] YA EXISTE UN REGISTRO CON ESE VALOR');
  if (obj(doc.emisor).nit !== tenant.nit) problems.push('[emisor.nit] NO CORRESPONDE AL USUARIO AUTENTICADO');
  const detalle = Array.isArray(doc.detalleDTE) ? doc.detalleDTE.map(obj) : [];
  if (detalle.length < 1 || detalle.length > 1000) problems.push('[detalleDTE] DEBE CONTENER DE 1 A 1000 DOCUMENTOS');
  for (const [i, d] of detalle.entries()) {
    if (typeof d.codigoGeneracion !== 'string') problems.push(`[detalleDTE[${i}].codigoGeneracion] REQUERIDO`);
    if (NOT_CONTINGENCY_TYPES.has(String(d.tipoDoc)))
      problems.push(`[detalleDTE[${i}].tipoDoc] TIPO DE DOCUMENTO NO PERMITIDO EN CONTINGENCIA`);
  }
  if (!problems.length && validate)
    problems.push(...safeValidate(validate, doc).map((i) => `[${i.path}] ${i.message}`));
  if (problems.length) return rejected(problems);

  state.saveContingency({
    nit: tenant.nit,
    codigoGeneracion: codigo,
    receivedAt: now,
    documentos: new Set(detalle.map((d) => String(d.codigoGeneracion))),
  });
  state.counters.contingencias++;
  return {
    status: 200,
    body: {
      estado: 'RECIBIDO',
      fechaHora: formatFhProcesamiento(now),
      mensaje: 'Documento recibido',
      selloRecibido: newSello(now),
      observaciones: [],
    },
  };
}

/** `/fesv/anulardte`: the Invalidación event. */
export async function receiveAnulacion(
  state: SandboxState,
  tenant: Tenant,
  body: Obj,
  validate?: Validate,
): Promise<DteAnswer> {
  const now = state.now();
  const base = {
    version: body.version,
    ambiente: String(body.ambiente ?? tenant.ambiente),
    codigoGeneracion: null as string | null,
    now,
  };
  if (body.ambiente !== tenant.ambiente)
    return reject(base, CODES.AMBIENTE, '[ambiente] NO CORRESPONDE A LAS CREDENCIALES');
  let doc: Obj;
  try {
    doc = await verifyDteJws(String(body.documento ?? ''), tenant.publicKey);
  } catch {
    return reject(base, CODES.FIRMA, '[documento] FIRMA ELECTRONICA NO VALIDA PARA EL EMISOR');
  }
  const id = obj(doc.identificacion);
  const target = obj(doc.documento);
  const motivo = obj(doc.motivo);
  base.codigoGeneracion = typeof id.codigoGeneracion === 'string' ? id.codigoGeneracion : null;
  if (base.codigoGeneracion) state.countReception(base.codigoGeneracion);

  const problem = anulacionProblem(state, tenant, body, id, target, motivo, doc.emisor);
  if (problem) return reject(base, problem[0], problem[1]);
  const issues = safeValidate(validate, doc).map((i) => `[${i.path}] ${i.message}`);
  if (issues.length) return reject(base, CODES.VALIDACION, issues[0]!, issues);

  state.saveInvalidation(base.codigoGeneracion!, String(target.codigoGeneracion));
  state.counters.invalidaciones++;
  return {
    status: 200,
    body: {
      version: 2,
      ambiente: tenant.ambiente,
      versionApp: 1,
      estado: 'PROCESADO',
      codigoGeneracion: base.codigoGeneracion,
      selloRecibido: newSello(now),
      fhProcesamiento: formatFhProcesamiento(now),
      clasificaMsg: '10',
      codigoMsg: CODES.RECIBIDO,
      descripcionMsg: 'Invalidación Recibida y Procesada',
      observaciones: null as unknown as string[],
    },
  };
}

function anulacionProblem(
  state: SandboxState,
  tenant: Tenant,
  body: Obj,
  id: Obj,
  target: Obj,
  motivo: Obj,
  emisor: unknown,
): [string, string] | null {
  if (typeof id.codigoGeneracion !== 'string')
    return [CODES.IDENTIFICACION, '[identificacion.codigoGeneracion] REQUERIDO'];
  if (id.version !== body.version)
    return [CODES.IDENTIFICACION, '[identificacion.version] NO CORRESPONDE AL VALOR ENVIADO EN LA SOLICITUD'];
  if (id.ambiente !== tenant.ambiente)
    return [CODES.AMBIENTE, '[identificacion.ambiente] NO CORRESPONDE A LAS CREDENCIALES'];
  if (state.invalidations.has(id.codigoGeneracion))
    return [CODES.DUPLICADO, '[identificacion.codigoGeneracion] YA EXISTE UN REGISTRO CON ESE VALOR'];
  if (obj(emisor).nit !== tenant.nit) return [CODES.EMISOR, '[emisor.nit] NO CORRESPONDE AL USUARIO AUTENTICADO'];
  const original = state.documents.get(String(target.codigoGeneracion));
  if (
    !original ||
    original.nit !== tenant.nit ||
    original.estado !== 'PROCESADO' ||
    original.tipoDte !== target.tipoDte
  ) {
    return [
      CODES.NO_EXISTE,
      '[documento.codigoGeneracion] NO EXISTE UN DOCUMENTO PROCESADO CON ESE VALOR PARA EL EMISOR',
    ];
  }
  if (original.selloRecibido !== target.selloRecibido)
    return [CODES.NO_EXISTE, '[documento.selloRecibido] NO CORRESPONDE AL DOCUMENTO'];
  if (original.invalidated) return [CODES.DUPLICADO, '[documento.codigoGeneracion] EL DOCUMENTO YA FUE INVALIDADO'];
  const retorno = activeRetornoProblem(state, tenant.nit, original.codigoGeneracion);
  if (retorno) return retorno;
  // Types 1 and 3 cite the replacement DTE, type 2 none.
  const tipo = motivo.tipoAnulacion;
  const replacement = target.codigoGeneracionR;
  if (tipo === 2 && replacement !== null)
    return [CODES.VALIDACION, '[documento.codigoGeneracionR] DEBE SER NULO PARA EL TIPO DE ANULACION 2'];
  if (tipo === 1 || tipo === 3) {
    const r = typeof replacement === 'string' ? state.documents.get(replacement) : undefined;
    if (!r || r.nit !== tenant.nit || r.estado !== 'PROCESADO' || replacement === target.codigoGeneracion) {
      return [CODES.VALIDACION, '[documento.codigoGeneracionR] DEBE CORRESPONDER A UN DOCUMENTO PROCESADO DEL EMISOR'];
    }
  } else if (tipo !== 2) return [CODES.VALIDACION, '[motivo.tipoAnulacion] VALOR NO PERMITIDO (CAT-024)'];
  return null;
}
