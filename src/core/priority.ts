import { readdirSync } from 'node:fs';
import os from 'node:os';

/**
 * Lowers the CPU priority of this process to `nice` (0–19; 0 leaves it as it is). On Linux the priority belongs to
 * each thread: every thread running now (V8's helpers, libuv's pool, worker threads) is set, and the threads started
 * later inherit it from the thread that starts them. Elsewhere the process's priority is set. Raising a priority
 * needs privileges, so only a lower one is applied. Returns the threads it set (0 where it could not).
 */
export function lowerCpuPriority(nice: number): number {
  if (nice <= 0) return 0;
  let tids: number[];
  try {
    tids = readdirSync('/proc/self/task').map(Number);
  } catch {
    tids = [0]; // no /proc: the process as a whole
  }
  let set = 0;
  for (const tid of tids) {
    try {
      if (os.getPriority(tid) >= nice) continue;
      os.setPriority(tid, nice);
      set += 1;
    } catch {
      // the thread ended meanwhile, or the system refuses: the process keeps its priority
    }
  }
  return set;
}
