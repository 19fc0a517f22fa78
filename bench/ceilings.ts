import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { percentile } from './support.js';

export interface LoadRun {
  ops: number;
  seconds: number;
  p50: number;
  p99: number;
  /** The slowest request (ms), where the run kept it. */
  max?: number;
  failures: number;
}

/** `total` requests from `clients` concurrent loops; latencies in ms. */
export async function load(total: number, clients: number, send: (i: number) => Promise<boolean>): Promise<LoadRun> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        if (!(await send(i).catch(() => false))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ops: total, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

/** RSA-2048 signatures/s of one core (`openssl speed`), or null when openssl is absent. */
export async function opensslRsaSignPerSec(): Promise<number | null> {
  try {
    const { stdout } = await promisify(execFile)('openssl', ['speed', '-seconds', '2', 'rsa2048'], { timeout: 60_000 });
    const m = stdout.match(/^rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** GET /healthz/s on the service under test (8 clients): the HTTP floor of this machine and client. */
export async function healthzRate(baseUrl: string, total = 4000): Promise<number> {
  const r = await load(total, 8, async () => (await fetch(`${baseUrl}/healthz`)).ok);
  return r.ops / r.seconds;
}
