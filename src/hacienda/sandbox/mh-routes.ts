import type { IncomingMessage, ServerResponse } from 'node:http';
import { MH_PATHS } from '../types.js';
import { receiveAnulacion, receiveContingencia } from './events.js';
import { BodyTooLarge, parseJsonObject, readBody, sendEmpty, sendJson, sleep } from './http-util.js';
import { consultaDte, consultaLote, receiveLote } from './lote.js';
import { receiveDte, type ReceptionContext } from './reception.js';
import { authErrorBody } from './responses.js';
import type { Tenant } from './state.js';

type Obj = Record<string, unknown>;
type Answer = { status: number; body: unknown };
type Endpoint = 'recepcionDte' | 'consultaDte' | 'recepcionLote' | 'consultaLote' | 'anularDte' | 'contingencia';

/** Endpoints that hand MH something to keep: the only ones a `timeout` fault swallows. */
const SUBMITS = new Set<Endpoint>(['recepcionDte', 'recepcionLote', 'anularDte', 'contingencia']);

export interface MhRouteContext extends ReceptionContext {
  /** Runs a lote's processing later (tracked so close() can cancel it). */
  schedule(fn: () => Promise<void>): void;
  /** Keeps a request open without answering (timeout fault); answers late with `answer` if given. */
  hold(res: ServerResponse, holdMs: number, answer: Answer | null): void;
}

function route(method: string, path: string): Endpoint | 'auth' | { consultaLote: string } | null {
  const p = path.endsWith('/') ? path : `${path}/`; // MT1 writes some paths with a trailing slash
  const is = (mhPath: string) => p === (mhPath.endsWith('/') ? mhPath : `${mhPath}/`);
  if (method === 'POST' && is(MH_PATHS.auth)) return 'auth';
  if (method === 'POST' && is(MH_PATHS.recepcionDte)) return 'recepcionDte';
  if (method === 'POST' && is(MH_PATHS.consultaDte)) return 'consultaDte';
  if (method === 'POST' && is(MH_PATHS.recepcionLote)) return 'recepcionLote';
  if (method === 'POST' && is(MH_PATHS.anularDte)) return 'anularDte';
  if (method === 'POST' && is(MH_PATHS.contingencia)) return 'contingencia';
  const m = /^\/fesv\/recepcion\/consultadtelote\/([^/]+)\/$/.exec(p);
  if (method === 'GET' && m) return { consultaLote: decodeURIComponent(m[1]!) };
  return null;
}

export async function handleMh(
  ctx: MhRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const r = route(req.method ?? 'GET', path);
  if (!r) return sendJson(res, 404, { status: 404, error: 'Not Found', path });
  let text: string;
  try {
    text = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLarge)
      return sendJson(res, 413, { status: 'ERROR', error: 'Payload Too Large', message: err.message });
    throw err;
  }
  const { state } = ctx;

  if (r === 'auth') {
    const form = new URLSearchParams(text);
    const user = form.get('user') ?? undefined;
    if (outageFault(ctx, res, user)) return;
    const wait = latencyFault(ctx, user);
    if (wait) await wait;
    return authenticate(ctx, res, form);
  }
  const tenant = state.tenantForToken(req.headers.authorization);
  const nit = typeof tenant === 'object' ? tenant.nit : undefined;
  if (outageFault(ctx, res, nit)) return;
  const wait = latencyFault(ctx, nit);
  if (wait) await wait;
  if (tenant === 'missing') return sendJson(res, 401, authErrorBody('Token requerido'));
  if (tenant === 'invalid') return sendJson(res, 401, authErrorBody('Token invalido o expirado'));

  const endpoint: Endpoint = typeof r === 'string' ? r : 'consultaLote';
  const body = endpoint === 'consultaLote' ? {} : parseJsonObject(text);
  if (!body)
    return sendJson(res, 400, { status: 'ERROR', error: 'Bad Request', message: 'El cuerpo debe ser un objeto JSON' });

  const run = () => dispatch(ctx, tenant, endpoint, body, typeof r === 'object' ? r.consultaLote : '');
  const timeout = SUBMITS.has(endpoint) ? state.takeFault('timeout', tenant.nit) : undefined;
  if (timeout) {
    // "MH got it but the answer was lost" needs the document recorded before the silence.
    const answer = timeout.afterProcessing ? await run() : null;
    return ctx.hold(res, timeout.holdMs ?? 120_000, answer);
  }
  // (a document's reception answers at once: no promise to wait for)
  const pending = run();
  const answer = pending instanceof Promise ? await pending : pending;
  return sendJson(res, answer.status, answer.body);
}

function dispatch(
  ctx: MhRouteContext,
  tenant: Tenant,
  endpoint: Endpoint,
  body: Obj,
  codigoLote: string,
): Answer | Promise<Answer> {
  switch (endpoint) {
    case 'recepcionDte':
      return receiveDte(ctx, tenant, body as never);
    case 'consultaDte':
      return consultaDte(ctx, tenant, body);
    case 'recepcionLote':
      return receiveLote(ctx, tenant, body, ctx.schedule);
    case 'consultaLote':
      return consultaLote(ctx, tenant, codigoLote);
    case 'anularDte':
      return receiveAnulacion(ctx.state, tenant, body, ctx.validate);
    case 'contingencia':
      return receiveContingencia(ctx.state, tenant, body, ctx.validate);
  }
}

/** Outage and 5xx faults apply to every MH endpoint, auth included. Returns true when it answered. */
function outageFault(ctx: MhRouteContext, res: ServerResponse, nit: string | undefined): boolean {
  const { state } = ctx;
  const outage = state.takeFault('outageUntil', nit);
  if (outage) {
    res.setHeader(
      'Retry-After',
      String(Math.max(1, Math.ceil((Date.parse(outage.outageUntil) - state.now().getTime()) / 1000))),
    );
    sendEmpty(res, 503);
    return true;
  }
  const failure = state.takeFault('status5xx', nit);
  if (failure) {
    sendEmpty(res, failure.status5xx);
    return true;
  }
  return false;
}

/** A latency fault (every MH endpoint, auth included) delays the answer; without one nothing waits. */
function latencyFault(ctx: MhRouteContext, nit: string | undefined): Promise<void> | undefined {
  const latency = ctx.state.takeFault('latencyMs', nit);
  return latency && latency.latencyMs > 0 ? sleep(latency.latencyMs) : undefined;
}

/** `/seguridad/auth`: form user/pwd → token that already carries "Bearer ". */
function authenticate(ctx: MhRouteContext, res: ServerResponse, form: URLSearchParams): void {
  const { state } = ctx;
  state.counters.authRequests++;
  const user = form.get('user');
  const pwd = form.get('pwd');
  if (!user || !pwd) {
    sendJson(res, 400, { status: 'ERROR', error: 'Bad Request', message: 'Parametro solicitado: user, pwd' });
    return;
  }
  const tenant = state.tenants.get(user);
  if (!tenant) {
    sendJson(res, 401, authErrorBody('Usuario no valido'));
    return;
  }
  if (tenant.password !== pwd) {
    sendJson(res, 401, authErrorBody('Credenciales no validas'));
    return;
  }
  const token = state.issueToken(tenant.nit, tenant.ambiente);
  sendJson(res, 200, {
    status: 'OK',
    body: {
      user: tenant.nit,
      token,
      rol: {
        nombre: 'Usuario',
        codigo: 'ROLE_USER',
        descripcion: null,
        rolSuperior: null,
        nivel: null,
        activo: null,
        permisos: null,
      },
      roles: ['ROLE_USER'],
      tokenType: 'Bearer',
    },
  });
}
