// A load generator on a thread of its own, so that the server's thread does not also run the clients: the CPU the
// server spends per request is then the process's CPU less this thread's, and the clients do not take turns of the
// server's event loop. Requests are described as data (a body template and a check's source), not closures, and sent
// over kept-alive connections by a lean HTTP/1.1 client (http-client.ts), so the clients take little of the cores.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { LoadRun } from './ceilings.js';
import { HttpConnection } from './http-client.js';
import { THREAD_NAMES } from './threads.js';

/** One kind of request: `body` has every `__I__` replaced by the request's number (offset + i). */
export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  offset?: number;
  /** The source of `(status, json) => boolean` (json: the parsed answer, null when it is not JSON). */
  check: string;
}

export interface ThreadRun extends LoadRun {
  /** CPU milliseconds of the load thread during the run. */
  clientCpuMs: number;
}

interface Job {
  id: number;
  spec: LoadSpec;
  total: number;
  clients: number;
}

const cpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

async function run({ spec, total, clients }: Job): Promise<ThreadRun> {
  const check = new Function(`return (${spec.check});`)() as (status: number, json: unknown) => boolean;
  const parts = spec.body?.split('__I__');
  const offset = spec.offset ?? 0;
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const cpu0 = cpuMs();
  const started = performance.now();
  const url = new URL(spec.url);
  const path = `${url.pathname}${url.search}`;
  const method = spec.method ?? 'POST';
  // (the answer is parsed only for a check that reads it)
  const readsJson = check.length >= 2;
  const send = async (conn: HttpConnection, i: number) => {
    const body = parts ? parts.join(String(offset + i)) : undefined;
    const res = await conn.request(method, path, body);
    let json: unknown = null;
    if (readsJson) {
      try {
        json = JSON.parse(res.body);
      } catch {
        json = null;
      }
    }
    return check(res.status, json);
  };
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const conn = new HttpConnection(url, spec.headers);
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        if (!(await send(conn, i).catch(() => false))) failures++;
        latencies.push(performance.now() - t0);
      }
      conn.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    ops: total,
    seconds,
    p50: pct(50),
    p99: pct(99),
    max: latencies.at(-1) ?? 0,
    failures,
    clientCpuMs: cpuMs() - cpu0,
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    run(job).then(
      (r) => port.postMessage({ id: job.id, run: r }),
      (e: unknown) => port.postMessage({ id: job.id, error: String((e as Error)?.stack ?? e) }),
    );
  });
}

/** The load thread, started once; `run` sends one batch of requests from it. */
export class LoadThread {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (r: ThreadRun) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; run?: ThreadRun; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.run) w?.resolve(m.run);
      else w?.reject(new Error(m.error));
    });
  }

  static start(): LoadThread {
    return new LoadThread(new Worker(new URL('./load-thread.js', import.meta.url), { name: THREAD_NAMES.load }));
  }

  run(spec: LoadSpec, total: number, clients: number): Promise<ThreadRun> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, spec, total, clients } satisfies Job);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
