import { Worker } from 'node:worker_threads';
import os from 'node:os';

/**
 * The worker body is inlined (eval) so the same code runs from `dist/` and under vitest (which serves `.ts`),
 * with no worker file path to resolve. It builds exactly what jose's CompactSign builds for `{"alg":"RS512"}`:
 * RSASSA-PKCS1-v1_5 + SHA-512 over ASCII(b64url(header) '.' b64url(payload)) — MH's rules. Keys are cached per PEM.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const HEADER = 'eyJhbGciOiJSUzUxMiJ9';
const keys = new Map();
parentPort.on('message', (m) => {
  try {
    let key = keys.get(m.pem);
    if (!key) {
      if (keys.size >= 64) keys.clear();
      key = crypto.createPrivateKey(m.pem);
      keys.set(m.pem, key);
    }
    const input = HEADER + '.' + Buffer.from(m.json, 'utf8').toString('base64url');
    const sig = crypto.sign('sha512', Buffer.from(input, 'ascii'), key);
    parentPort.postMessage({ id: m.id, jws: input + '.' + sig.toString('base64url') });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.message || err) });
  }
});
`;

interface Pending {
  resolve: (jws: string) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

/** A fixed pool of signing threads; each job goes to the thread with the fewest jobs in flight. */
export class SigningWorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(size = os.availableParallelism()) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  sign(json: string, privateKeyPem: string): Promise<string> {
    if (this.closed) return Promise.reject(new Error('signing worker pool is closed'));
    const slot = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.postMessage({ id, json, pem: privateKeyPem });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.unref(); // an idle pool must not keep the process alive
    worker.on('message', (m: { id: number; jws?: string; error?: string }) => {
      const p = slot.inFlight.get(m.id);
      if (!p) return;
      slot.inFlight.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`signing failed: ${m.error}`));
      else p.resolve(m.jws as string);
    });
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => {
      this.fail(slot, new Error(`signing worker exited with code ${code}`));
      if (!this.closed) this.slots.splice(this.slots.indexOf(slot), 1, this.spawn());
    });
    return slot;
  }

  private fail(slot: Slot, err: Error): void {
    for (const p of slot.inFlight.values()) p.reject(err);
    slot.inFlight.clear();
  }
}
