import { parentPort, workerData } from 'node:worker_threads';
import { createMhSandbox } from './index.js';
import type { ControlCall, SandboxThreadOptions } from './thread.js';

/** The worker thread of startMhSandboxThread: the sandbox's HTTP server, and answers to the control calls. */
const { opts, signal, answer } = workerData as { opts: SandboxThreadOptions; signal: Int32Array; answer: Uint8Array };
const port = parentPort!;
const encoder = new TextEncoder();

try {
  const { validateDocuments, ...options } = opts;
  const sandbox = await createMhSandbox({ ...options, ...(validateDocuments === false ? { validate: null } : {}) });
  const methods: Record<ControlCall['method'], (...args: never[]) => unknown> = {
    registerTenant: sandbox.registerTenant,
    setFault: sandbox.setFault,
    clearFaults: sandbox.clearFaults,
    revokeTokens: sandbox.revokeTokens,
    receptions: sandbox.receptions,
    stats: sandbox.stats,
  };
  const reply = (text: string, failed: boolean) => {
    const { written } = encoder.encodeInto(text, answer);
    Atomics.store(signal, 1, written);
    Atomics.store(signal, 0, failed ? 2 : 1);
    Atomics.notify(signal, 0);
  };
  port.on('message', (m: ControlCall | 'close') => {
    if (m === 'close') {
      void sandbox.close().then(() => process.exit(0));
      return;
    }
    try {
      const result = methods[m.method](...(m.args as never[]));
      reply(result === undefined ? '' : JSON.stringify(result), false);
    } catch (err) {
      reply((err as Error).message, true);
    }
  });
  port.postMessage({ url: sandbox.url });
} catch (err) {
  port.postMessage({ error: (err as Error).message });
}
