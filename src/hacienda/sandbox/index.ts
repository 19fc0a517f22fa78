import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control.js';
import { sendJson } from './http-util.js';
import { handleMh, type MhRouteContext } from './mh-routes.js';
import { SandboxJournal } from './journal.js';
import { SandboxState, type JournalEntry } from './state.js';
import type { MhSandbox, MhSandboxOptions, Validate } from './types.js';

/**
 * A request target that URL reads back unchanged as its pathname: `/` then letters, digits, `-`, `_` and `/` (no
 * second `/` first, which URL would read as a host; no dot segment, escape, query or fragment).
 */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9/_-]*)?$/;

export type { MhSandbox, MhSandboxOptions, MhFault, SandboxTenant, SandboxStats, Issue, Validate } from './types.js';

/**
 * An HTTP server that behaves like MH's transmission API: same paths, bodies and error shapes, per-tenant
 * credentials and keys, duplicate/ambiente/date rules, async lotes, events, and injectable faults. State is in memory,
 * journaled to `journalFile` when given (what MH received survives a restart).
 * `validate` defaults to the project's validator (src/dte validateDte, loaded lazily); pass `null` to disable.
 */
export async function createMhSandbox(
  opts: Omit<MhSandboxOptions, 'validate'> & { validate?: Validate | null } = {},
): Promise<MhSandbox> {
  const journal = opts.journalFile ? new SandboxJournal<JournalEntry>(opts.journalFile) : null;
  const state = new SandboxState(opts.now ?? (() => new Date()), journal);
  const validate = opts.validate === undefined ? await loadProjectValidator() : (opts.validate ?? undefined);
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };
  const ctx: MhRouteContext = {
    state,
    validate,
    maxPastHours: opts.maxPastHours ?? 24,
    schedule: (fn) =>
      void later(
        opts.loteDelayMs ?? 300,
        () => void fn().catch((err) => console.error('[mh-sandbox] lote failed', err)),
      ),
    hold: (res: ServerResponse, holdMs, answer) => {
      const t = later(holdMs, () => (answer ? sendJson(res, answer.status, answer.body) : res.socket?.destroy()));
      res.on('close', () => {
        clearTimeout(t);
        timers.delete(t);
      });
    },
  };

  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    // A plain path (MH's are) is its own pathname: no URL object is made for it.
    const path = PLAIN_PATH.test(target) ? target : new URL(target, 'http://sandbox').pathname;
    const handler = path.startsWith('/__sandbox')
      ? handleControl(state, req, res, new URL(target, 'http://sandbox'))
      : handleMh(ctx, req, res, path);
    handler.catch((err) =>
      sendJson(res, 500, { status: 'ERROR', error: 'Internal Server Error', message: (err as Error).message }),
    );
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      journal?.close();
    },
    registerTenant: (t) => state.registerTenant(t),
    setFault: (fault, nit) => state.setFault(fault, nit),
    clearFaults: (nit) => state.clearFaults(nit),
    revokeTokens: (nit) => state.revokeTokens(nit),
    receptions: (codigoGeneracion) => state.receptionCounts.get(codigoGeneracion) ?? 0,
    stats: () => state.stats(),
  };
}

async function loadProjectValidator(): Promise<Validate | undefined> {
  try {
    const dte = (await import('../../dte/index.js')) as { validateDte?: Validate };
    return dte.validateDte;
  } catch (err) {
    console.warn(
      `[mh-sandbox] src/dte validateDte not available, documents are not validated: ${(err as Error).message}`,
    );
    return undefined;
  }
}
