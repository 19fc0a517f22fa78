import { createPrivateKey, type KeyObject } from 'node:crypto';
import { signDte } from './jws.js';
import { SigningWorkerPool } from './worker-pool.js';

export * from './errors.js';
export * from './jws.js';
export * from './certificate.js';
export * from './test-certificate.js';
export * from './secrets.js';
export { SigningWorkerPool } from './worker-pool.js';

export type SignerMode = 'main' | 'workers';

export interface SignerOptions {
  /** Where signatures are computed. Default: DEFAULT_SIGNER_MODE (what bench/signing.ts measured better). */
  mode?: SignerMode;
  /** Worker threads when mode = 'workers'; default os.availableParallelism(). */
  workers?: number;
}

export interface Signer {
  /** Compact JWS RS512 of `JSON.stringify(doc)` with the PKCS#8/PKCS#1 PEM key. */
  sign(doc: object, privateKeyPem: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Measured with bench/signing.ts on the 2-core target (RSA-2048, ~3 KB DTE, 32 signatures in flight, two runs):
 * main thread 4107 / 2967 sig/s, 2 worker threads 3917 / 2198 sig/s, `openssl speed rsa2048` 2327 / 1989 sign/s
 * (single core). jose signs through WebCrypto, whose RSA work already runs on libuv's thread pool, so the main
 * thread uses both cores and its event loop stays free; worker threads only add message-passing cost. The worker
 * pool is kept (one small file) for hosts where that changes.
 */
export const DEFAULT_SIGNER_MODE: SignerMode = 'main';

export function createSigner(opts: SignerOptions = {}): Signer {
  const mode = opts.mode ?? DEFAULT_SIGNER_MODE;
  if (mode === 'workers') {
    const pool = new SigningWorkerPool(opts.workers);
    return { sign: (doc, pem) => pool.sign(JSON.stringify(doc), pem), close: () => pool.close() };
  }
  const keys = new KeyCache();
  return { sign: async (doc, pem) => signDte(doc, keys.get(pem)), close: async () => keys.clear() };
}

/** Parsing a PEM costs more than half a signature; tenants reuse one key, so keep a bounded cache. */
class KeyCache {
  private readonly map = new Map<string, KeyObject>();
  constructor(private readonly max = 64) {}
  get(pem: string): KeyObject {
    let key = this.map.get(pem);
    if (!key) {
      if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
      key = createPrivateKey(pem);
      this.map.set(pem, key);
    }
    return key;
  }
  clear(): void {
    this.map.clear();
  }
}
