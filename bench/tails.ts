// Where a slow sample's time went: for each request of a measurement, the CPU time and the time spent waiting for a
// CPU (run queue) of this process's main thread and of the database's backends (Linux /proc schedstat), the
// garbage collector's pauses that overlapped it, and the statement time the server itself measured
// (pg_stat_statements, when loaded). Read around each request, never inside the timed span.
import { readdirSync, readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import type pg from 'pg';

/** Nanoseconds on CPU and waiting on a run queue, of one thread or process (`/proc/<pid>/schedstat`). */
export function schedstat(pid: number | string): [number, number] {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
    return [Number(run), Number(wait)];
  } catch {
    return [0, 0];
  }
}

export interface Sample {
  ms: number;
  /** This process's main thread: on CPU, waiting for a CPU (ms). */
  nodeCpu: number;
  nodeWait: number;
  /** The database's backends together: on CPU, waiting for a CPU (ms). */
  pgCpu: number;
  pgWait: number;
  /** Garbage-collection pauses that overlapped the request (ms). */
  gc: number;
  /** Further named parts (ms): other processes' CPU and run-queue wait (see TailProbe's sources), the caller's own. */
  parts: Record<string, number>;
}

/** A further process or thread group whose CPU and run-queue wait are attributed: cumulative nanoseconds. */
export interface TailSource {
  name: string;
  read(): [number, number];
}

/** Every thread of a process together (`/proc/<pid>/task/<tid>/schedstat`): its worker threads included. */
export function processThreads(pid: number): () => [number, number] {
  return () => {
    let r = 0;
    let w = 0;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const [a, b] = schedstat(`${pid}/task/${tid}`);
        r += a;
        w += b;
      }
    } catch {
      // the process ended
    }
    return [r, w];
  };
}

export class TailProbe {
  private readonly gcs: { start: number; end: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.gcs.push({ start: e.startTime, end: e.startTime + e.duration });
    if (this.gcs.length > 10_000) this.gcs.splice(0, 5_000);
  });
  private backends: number[] = [];

  constructor(
    readonly client: pg.Client,
    private readonly sources: TailSource[] = [],
  ) {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /**
   * The backends of the client's database but the probe's own (the server's pool connections); `only`: just those
   * (e.g. this process's pool), the others then being left to a source of their own.
   */
  async refresh(only?: (pid: number) => boolean): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    this.backends = rows.map((r) => r.pid).filter((pid) => !only || only(pid));
  }

  private readSources(): number[] {
    return this.sources.flatMap((s) => s.read());
  }

  private read(): [number, number, number, number] {
    const [nr, nw] = schedstat(`${process.pid}/task/${process.pid}`);
    let pr = 0;
    let pw = 0;
    for (const pid of this.backends) {
      const [r, w] = schedstat(pid);
      pr += r;
      pw += w;
    }
    return [nr, nw, pr, pw];
  }

  /** Times `send` and attributes its span. */
  async sample(send: () => Promise<void>): Promise<Sample> {
    const before = this.read();
    const extra0 = this.readSources();
    const t0 = performance.now();
    await send();
    const t1 = performance.now();
    const after = this.read();
    const extra1 = this.readSources();
    const parts: Record<string, number> = {};
    this.sources.forEach((s, i) => {
      parts[`${s.name} cpu`] = (extra1[2 * i]! - extra0[2 * i]!) / 1e6;
      parts[`${s.name} wait`] = (extra1[2 * i + 1]! - extra0[2 * i + 1]!) / 1e6;
    });
    let gc = 0;
    for (const g of this.gcs) gc += Math.max(0, Math.min(g.end, t1) - Math.max(g.start, t0));
    const d = (i: number) => (after[i]! - before[i]!) / 1e6;
    return { ms: t1 - t0, nodeCpu: d(0), nodeWait: d(1), pgCpu: d(2), pgWait: d(3), gc, parts };
  }

  close(): void {
    this.observer.disconnect();
  }
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/**
 * The samples slower than `over` ms, attributed: their count, and the median of each part over them and over the
 * others (so a tail that is waiting for a CPU, a GC pause or the server's own work stands out).
 */
export function tailReport(samples: Sample[], over: number): string {
  const slow = samples.filter((s) => s.ms > over);
  if (!slow.length) return '';
  const fast = samples.filter((s) => s.ms <= over);
  const part = (name: string, f: (s: Sample) => number) =>
    `${name} ${median(slow.map(f)).toFixed(1)}/${median(fast.map(f)).toFixed(1)}`;
  return (
    `${slow.length} over ${over} ms (median slow/others ms): ${part('total', (s) => s.ms)}, ` +
    `${part('node cpu', (s) => s.nodeCpu)}, ${part('node wait', (s) => s.nodeWait)}, ` +
    `${part('pg cpu', (s) => s.pgCpu)}, ${part('pg wait', (s) => s.pgWait)}, ${part('gc', (s) => s.gc)}` +
    Object.keys(slow[0]!.parts)
      .map((k) => `, ${part(k, (s) => s.parts[k] ?? 0)}`)
      .join('')
  );
}
