import { Worker } from 'node:worker_threads';
import type { MhFault, MhSandbox, SandboxStats, SandboxTenant } from './types.js';

/** What the thread needs to start the sandbox (functions such as `now` or `validate` cannot cross threads). */
export interface SandboxThreadOptions {
  port?: number;
  host?: string;
  journalFile?: string;
  loteDelayMs?: number;
  maxPastHours?: number;
  /** Validate documents with the project's validator (default true; false: signature, identity and date rules only). */
  validateDocuments?: boolean;
}

/** A control call: the method of the in-thread sandbox and its arguments. */
export interface ControlCall {
  method: 'registerTenant' | 'setFault' | 'clearFaults' | 'revokeTokens' | 'receptions' | 'stats';
  args: unknown[];
}

const CALL_TIMEOUT_MS = 10_000;
/** The thread's name (as `top -H` and /proc/<pid>/task/<tid>/comm show it): its CPU can be told from the API's. */
export const SANDBOX_THREAD_NAME = 'mh-sandbox';
/** Room for one control answer (JSON): the largest is the stats object. */
const ANSWER_BYTES = 64 * 1024;

/**
 * The MH sandbox in a worker thread of its own: the same HTTP server (the service still reaches it over HTTP, the
 * `/__sandbox/*` control routes included), but its work (document validation, JWS verification, JSON) runs on another
 * event loop, so it never delays the API's requests. The control methods stay synchronous, as tests and benchmarks
 * use them: the call is posted to the thread and this thread waits (Atomics) for its answer, a few microseconds.
 */
export async function startMhSandboxThread(opts: SandboxThreadOptions = {}): Promise<MhSandbox> {
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const answer = new Uint8Array(new SharedArrayBuffer(ANSWER_BYTES));
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './thread-main.ts' : './thread-main.js', here);
  const workerData = { opts, signal, answer };
  // From TypeScript sources (tests, `npm run dev`) the thread registers the same loader as the main thread first.
  const worker = here.endsWith('.ts')
    ? new Worker(`import('@swc-node/register/esm-register').then(() => import(${JSON.stringify(entry.href)}))`, {
        eval: true,
        workerData,
        name: SANDBOX_THREAD_NAME,
      })
    : new Worker(entry, { workerData, name: SANDBOX_THREAD_NAME });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url?: string; error?: string }) => {
      if (m.url) resolve(m.url);
      else reject(new Error(`MH sandbox thread: ${m.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`MH sandbox thread exited (${code}) before it listened`)));
  });
  worker.on('error', (err) => console.error('[mh-sandbox] thread failed', err));
  worker.unref();

  const decoder = new TextDecoder();
  const call = <T>(method: ControlCall['method'], ...args: unknown[]): T => {
    Atomics.store(signal, 0, 0);
    worker.postMessage({ method, args } satisfies ControlCall);
    if (Atomics.wait(signal, 0, 0, CALL_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`MH sandbox thread: ${method} did not answer`);
    }
    const text = decoder.decode(answer.slice(0, Atomics.load(signal, 1)));
    if (Atomics.load(signal, 0) === 2) throw new Error(`MH sandbox thread: ${method} failed: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  let closed: Promise<void> | null = null;
  return {
    url,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      })),
    registerTenant: (t: SandboxTenant) => call('registerTenant', t),
    setFault: (fault: MhFault, nit?: string) => call('setFault', fault, nit),
    clearFaults: (nit?: string) => call('clearFaults', nit),
    revokeTokens: (nit?: string) => call('revokeTokens', nit),
    receptions: (codigoGeneracion: string) => call<number>('receptions', codigoGeneracion),
    stats: () => call<SandboxStats>('stats'),
  };
}
