// CPU of this process split by thread: the API server's event loop (the main thread), the MH sandbox's thread, the load
// generator's thread, V8's helper threads (garbage collection, compilation) and libuv's pool (asynchronous crypto,
// files). Read from /proc/self/task/<tid>/schedstat (nanoseconds on a CPU); threads are told apart by their names
// (a worker thread is named after its `name` option).
import { readdirSync, readFileSync } from 'node:fs';
import { SANDBOX_THREAD_NAME } from '../src/hacienda/sandbox/thread.js';
import { PDF_THREAD_NAME } from '../src/modules/documents/pdf-thread.js';

/** The names the benchmarks give their threads (a thread's name is cut to 15 characters). */
export const THREAD_NAMES = { sandbox: SANDBOX_THREAD_NAME, load: 'bench-load' } as const;

export type ThreadGroup = 'main' | 'sandbox' | 'load' | 'pdf' | 'v8' | 'libuv' | 'other';

const GROUPS: Record<string, ThreadGroup> = {
  MainThread: 'main',
  [THREAD_NAMES.sandbox]: 'sandbox',
  [THREAD_NAMES.load]: 'load',
  [PDF_THREAD_NAME]: 'pdf',
  V8Worker: 'v8',
  DelayedTaskSche: 'v8',
  'libuv-worker': 'libuv',
};

/**
 * CPU ms so far of a process's live threads (this one's unless `pid` names another of this machine), summed by group
 * (null where there is no /proc).
 */
export function threadCpuMs(pid: number = process.pid): Map<ThreadGroup, number> | null {
  const out = new Map<ThreadGroup, number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  for (const tid of tasks) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const group = tid === String(pid) ? 'main' : (GROUPS[name] ?? 'other');
      out.set(group, (out.get(group) ?? 0) + ns / 1e6);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** CPU ms per group between two readings (a thread that ended in between is left out: its CPU is in no reading). */
export function threadCpuSince(
  before: Map<ThreadGroup, number> | null,
  pid: number = process.pid,
): Map<ThreadGroup, number> | null {
  const now = threadCpuMs(pid);
  if (!before || !now) return null;
  const out = new Map<ThreadGroup, number>();
  for (const [g, ms] of now) out.set(g, Math.max(0, ms - (before.get(g) ?? 0)));
  return out;
}
