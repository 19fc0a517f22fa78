// CPU of this process split by thread: the API server's event loop (the main thread), the MH sandbox's thread, the load
// generator's thread, V8's helper threads (garbage collection, compilation) and libuv's pool (asynchronous crypto,
// files). Read from /proc/self/task/<tid>/schedstat (nanoseconds on a CPU); threads are told apart by their names
// (a worker thread is named after its `name` option).
import { readdirSync, readFileSync } from 'node:fs';
import { SANDBOX_THREAD_NAME } from '../src/hacienda/sandbox/thread.js';

/** The names the benchmarks give their threads (a thread's name is cut to 15 characters). */
export const THREAD_NAMES = { sandbox: SANDBOX_THREAD_NAME, load: 'bench-load' } as const;

export type ThreadGroup = 'main' | 'sandbox' | 'load' | 'v8' | 'libuv' | 'other';

const GROUPS: Record<string, ThreadGroup> = {
  MainThread: 'main',
  [THREAD_NAMES.sandbox]: 'sandbox',
  [THREAD_NAMES.load]: 'load',
  V8Worker: 'v8',
  DelayedTaskSche: 'v8',
  'libuv-worker': 'libuv',
};

/** CPU ms so far of this process's live threads, summed by group (null where there is no /proc). */
export function threadCpuMs(): Map<ThreadGroup, number> | null {
  const out = new Map<ThreadGroup, number>();
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  for (const tid of tasks) {
    try {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const group = tid === String(process.pid) ? 'main' : (GROUPS[name] ?? 'other');
      out.set(group, (out.get(group) ?? 0) + ns / 1e6);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** CPU ms per group between two readings (a thread that ended in between is left out: its CPU is in no reading). */
export function threadCpuSince(before: Map<ThreadGroup, number> | null): Map<ThreadGroup, number> | null {
  const now = threadCpuMs();
  if (!before || !now) return null;
  const out = new Map<ThreadGroup, number>();
  for (const [g, ms] of now) out.set(g, Math.max(0, ms - (before.get(g) ?? 0)));
  return out;
}
