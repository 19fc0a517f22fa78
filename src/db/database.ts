import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import { attachRunningEmbedded, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { Listener } from './listener.js';
import { Notifier } from './notifier.js';
import { initOrm, type MikroORM } from './orm.js';

export class DatabaseUnavailableError extends Error {
  constructor(
    public readonly target: string,
    cause: unknown,
  ) {
    super(`cannot reach PostgreSQL at ${target}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

export interface Database {
  orm: MikroORM;
  /**
   * A small pool of plain `pg` connections for the hot path (emission, claiming and recording jobs): parameterised
   * statements in one round trip, without the ORM's unit of work. Everything else goes through `orm`.
   */
  pool: pg.Pool;
  /** Sends the hot path's NOTIFYs after their statements committed (see Notifier). */
  notifier: Notifier;
  /** This process's one LISTEN connection, shared by all its listeners (event bus, caches, worker wake-ups). */
  listener: Listener;
  url: string;
  embedded: boolean;
  /** Runs `hook` (e.g. closing a LISTEN connection) when the database closes, before its pool and server stop. */
  beforeClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

/** Hides the password of a connection URL for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid DATABASE_URL>';
  }
}

/** Opens the configured database (or starts the embedded one under dataDir) and applies pending migrations. */
export async function openDatabase(cfg: Config, log: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = cfg.databaseUrl;
  if (!url) {
    const started = Date.now();
    embedded =
      (await attachRunningEmbedded(path.join(cfg.dataDir, 'pg'))) ??
      (await startEmbeddedPostgres({
        dataDir: path.join(cfg.dataDir, 'pg'),
        persistent: true,
        log: (l) => log.debug({ pg: l }, 'embedded postgres'),
      }));
    url = await embedded.createDatabase('facturaxpress');
    log.info(
      { port: embedded.port, ms: Date.now() - started, dataDir: path.join(cfg.dataDir, 'pg') },
      'embedded PostgreSQL started',
    );
  }
  let orm: MikroORM;
  try {
    orm = await initOrm(url);
    await orm.em.getConnection().execute('select 1');
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw new DatabaseUnavailableError(redactUrl(url), err);
  }
  const applied = await orm.migrator.up();
  if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  const hooks: (() => Promise<void>)[] = [];
  // Small on purpose: more connections only add contention on the hot rows (a series' counter).
  // Two of its connections stay open through a quiet spell: a new one costs the first request after it a connection
  // and the plans of the hot path's statements again (tens of ms), and PostgreSQL the start and end of a backend.
  const pool = new pg.Pool({ connectionString: url, max: 8, min: 2, application_name: 'fx-hot-path' });
  pool.on('error', (err) => log.warn({ err: err.message }, 'an idle hot-path connection failed'));
  const notifier = new Notifier(url, log);
  const listener = new Listener(url, log);
  return {
    orm,
    pool,
    notifier,
    listener,
    url,
    embedded: !!embedded,
    beforeClose: (hook) => void hooks.push(hook),
    async close() {
      for (const hook of hooks.splice(0)) await hook().catch(() => undefined);
      await listener.close();
      await notifier.close();
      await pool.end().catch(() => undefined);
      await orm.close(true);
      await embedded?.stop();
    },
  };
}

/** Readiness: the database answers and no migration is pending. */
export async function databaseReady(orm: MikroORM): Promise<{ ok: boolean; pending: number; error?: string }> {
  try {
    await orm.em.getConnection().execute('select 1');
    const pending = await orm.migrator.getPending();
    return { ok: pending.length === 0, pending: pending.length };
  } catch (err) {
    return { ok: false, pending: -1, error: err instanceof Error ? err.message : String(err) };
  }
}
