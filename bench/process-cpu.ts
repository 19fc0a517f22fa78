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
  let ticks = 0;
  const own = stat(postmaster);
  ticks += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = stat(pid);
      if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10;
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
