import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * What a postmaster.pid left in a data directory means after a crash or a power cut.
 *
 * The file names a pid (line 1) and a port (line 4), but after a SIGKILL of the whole process group that pid may be
 * dead, a zombie still being reaped, or reused by an unrelated process; and the old server's backends may still be
 * exiting. PostgreSQL refuses to start while the pid in the file is alive, and attaching to the port fails: so we
 * decide from what really holds the directory (a postmaster and its backends chdir into it).
 */
export interface LockFile {
  pid: number;
  port: number;
}

export class EmbeddedPostgresStuckError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly pids: number[],
    waitedMs: number,
  ) {
    super(
      `the embedded PostgreSQL data directory ${dataDir} is held by process(es) ${pids.join(', ')} that did not ` +
        `accept connections nor exit within ${Math.round(waitedMs / 1000)} s. Stop them (kill ${pids.join(' ')}), ` +
        'or wait for them to finish, then start again.',
    );
    this.name = 'EmbeddedPostgresStuckError';
  }
}

export const lockFilePath = (dataDir: string) => path.join(path.resolve(dataDir), 'postmaster.pid');

export function readLockFile(dataDir: string): LockFile | null {
  const file = lockFilePath(dataDir);
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Live processes whose working directory is the data directory (a zombie has none, so it is not counted).
 * Null where /proc is not available: the caller then falls back to the pid in the lock file.
 */
export function processesInDir(dataDir: string): number[] | null {
  if (!existsSync('/proc/self/cwd')) return null;
  let target: string;
  try {
    target = realpathSync(dataDir);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === target) pids.push(Number(entry));
    } catch {
      // gone, a zombie, or not ours to inspect
    }
  }
  return pids;
}

/** True when a PostgreSQL serving exactly this data directory answers on the port. */
export async function servesDataDir(port: number, dataDir: string): Promise<boolean> {
  if (!Number.isInteger(port) || port <= 0) return false;
  const c = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    connectionTimeoutMillis: 1000,
  });
  try {
    await c.connect();
    const r = await c.query<{ data_directory: string }>('show data_directory');
    return realpathSync(r.rows[0]!.data_directory) === realpathSync(dataDir);
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export type LockState = { kind: 'none' } | { kind: 'running'; lock: LockFile };

/**
 * Brings a data directory to a state we can use: a server that serves it (attach), or no lock file (start one).
 * Waits while old processes still hold the directory (a postmaster recovering or shutting down, backends of a
 * killed postmaster exiting); a lock file nobody holds is removed, whatever its pid now names.
 */
export async function settleLockFile(dataDir: string, waitMs: number): Promise<LockState> {
  const started = Date.now();
  for (;;) {
    const lock = readLockFile(dataDir);
    if (!lock) return { kind: 'none' };
    if (await servesDataDir(lock.port, dataDir)) return { kind: 'running', lock };
    const holders = processesInDir(dataDir) ?? (alive(lock.pid) ? [lock.pid] : []);
    if (holders.length === 0) {
      rmSync(lockFilePath(dataDir), { force: true });
      return { kind: 'none' };
    }
    if (Date.now() - started >= waitMs) throw new EmbeddedPostgresStuckError(path.resolve(dataDir), holders, waitMs);
    await new Promise((r) => setTimeout(r, 200));
  }
}
