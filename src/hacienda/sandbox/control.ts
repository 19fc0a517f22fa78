import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from './http-util.js';
import type { SandboxState } from './state.js';
import type { MhFault, SandboxTenant } from './types.js';

/**
 * `/__sandbox/*`: the same control as the in-process API, for tests running in other processes.
 *   POST /__sandbox/tenants {nit,password,publicKeyPem,ambiente} · POST /__sandbox/faults {fault,nit?}
 *   DELETE /__sandbox/faults[?nit=] · DELETE /__sandbox/tokens[?nit=] · GET /__sandbox/receptions/:codigoGeneracion
 *   GET /__sandbox/stats
 */
export async function handleControl(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const nit = url.searchParams.get('nit') ?? undefined;
  const path = url.pathname.replace(/\/+$/, '');
  const route = `${req.method} ${path}`;
  try {
    if (route === 'POST /__sandbox/tenants') {
      const body = parseJsonObject(await readBody(req));
      state.registerTenant(body as unknown as SandboxTenant);
      return sendJson(res, 201, { ok: true, nit: body?.nit });
    }
    if (route === 'POST /__sandbox/faults') {
      const body = parseJsonObject(await readBody(req));
      const fault = (body?.fault ?? null) as MhFault | null;
      if (!fault || typeof fault !== 'object')
        return sendJson(res, 400, { error: 'body must be {"fault": {...}, "nit"?: "..."}' });
      state.setFault(fault, typeof body?.nit === 'string' ? body.nit : undefined);
      return sendJson(res, 201, { ok: true });
    }
    if (route === 'DELETE /__sandbox/faults') {
      state.clearFaults(nit);
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'DELETE /__sandbox/tokens') {
      state.revokeTokens(nit);
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'GET /__sandbox/stats') return sendJson(res, 200, state.stats());
    const m = /^GET \/__sandbox\/receptions\/([^/]+)$/.exec(route);
    if (m) {
      const codigoGeneracion = decodeURIComponent(m[1]!);
      return sendJson(res, 200, { codigoGeneracion, receptions: state.receptionCounts.get(codigoGeneracion) ?? 0 });
    }
    return sendJson(res, 404, { error: `no sandbox control route ${route}` });
  } catch (err) {
    return sendJson(res, 400, { error: (err as Error).message });
  }
}
