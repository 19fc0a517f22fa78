// CPU of whole processes of this machine, read from /proc: a child process's, and a PostgreSQL server's (the postmaster
// and every process it started). Each is null or absent where there is no /proc to read.
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/** The fields of /proc/<pid>/stat after the command's closing parenthesis (state is the first, utime the 12th). */
const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

/** CPU ms (user + system) a process of this machine has used so far (null where there is no /proc). */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // utime and stime, in clock ticks of 10 ms
    const fields = stat(pid);
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU ms of a PostgreSQL server so far: the postmaster, its live children and the children it has reaped. */
export function postgresCpuMs(postmaster: number): number {
  const p = postgresProcesses(postmaster);
  let ms = p.own + p.reaped;
  for (const c of p.children.values()) ms += c.ms;
  return ms;
}

/** A PostgreSQL server's processes at one moment: CPU ms so far of the postmaster and of each live child, by role. */
export interface PostgresProcesses {
  /** The postmaster's own CPU. */
  own: number;
  /** The CPU of the children it has reaped (each one's whole life). */
  reaped: number;
  children: Map<number, { role: string; ms: number }>;
}

/** The roles of a server's processes, from their titles; a client's connection is `backends`. */
const ROLE = /postgres: (autovacuum|walwriter|checkpointer|background writer|logical|io worker|walsummarizer)/;

export function postgresProcesses(postmaster: number): PostgresProcesses {
  const own = stat(postmaster);
  const children = new Map<number, { role: string; ms: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = stat(pid);
      if (Number(f[1]) !== postmaster) continue;
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      children.set(Number(pid), {
        role: ROLE.exec(title)?.[1] ?? 'backends',
        ms: (Number(f[11]) + Number(f[12])) * 10,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return {
    own: (Number(own[11]) + Number(own[12])) * 10,
    reaped: (Number(own[13]) + Number(own[14])) * 10,
    children,
  };
}

/**
 * CPU ms of a server's processes between two readings, by role. A process that ended in between (a pool's connection
 * closed for idleness, an autovacuum worker) is counted under `ended processes`, for what it used after `before`
 * only: its whole life's CPU is in what the postmaster reaped, less what it had used by `before`.
 */
export function postgresCpuByRole(before: PostgresProcesses, after: PostgresProcesses): Map<string, number> {
  const out = new Map<string, number>([['postmaster', after.own - before.own]]);
  let ended = after.reaped - before.reaped;
  for (const [pid, b] of before.children) if (!after.children.has(pid)) ended -= b.ms;
  out.set('ended processes', ended);
  for (const [pid, a] of after.children) {
    out.set(a.role, (out.get(a.role) ?? 0) + a.ms - (before.children.get(pid)?.ms ?? 0));
  }
  return out;
}

/** The postmaster of the server `pool` reaches, when it runs on this machine (the parent of one of its backends). */
export async function postmasterOf(pool: pg.Pool): Promise<number | null> {
  const backend = (await pool.query<{ pid: number }>(`select pg_backend_pid() as pid`)).rows[0]!.pid;
  try {
    return Number(stat(backend)[1]);
  } catch {
    return null;
  }
}
