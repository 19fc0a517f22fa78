import pg from 'pg';
import type { Logger } from '../core/logger.js';

const RECONNECT_MS = 1000;

/**
 * Values by key, kept in memory and invalidated through PostgreSQL LISTEN/NOTIFY: a change committed by any process
 * announces the key on `channel` (a trigger), and every process drops its entry before its next use. The cache is
 * only used while the LISTEN connection is up (and is emptied whenever it drops), so a missed notification can never
 * keep a stale value alive: without the connection every `get` loads from the database. A load that raced with a
 * notification is not cached (generation check).
 *
 * With `readBarrier`, a hit is served only after a round trip on the LISTEN connection that began after the `get`:
 * PostgreSQL delivers the notifications committed before a statement ahead of that statement's answer, so a change
 * committed anywhere before the request arrived is always seen (a revoked key is refused on the very next request,
 * in every process). Concurrent hits share one round trip.
 */
export class NotifiedCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly loading = new Map<string, Promise<V | null>>();
  private client: pg.Client | null = null;
  private listening = false;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private generation = 0;
  /** The barrier statement in flight, and the one queued behind it for the callers that came after it was sent. */
  private syncing: Promise<void> | null = null;
  private nextSync: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly log: Logger,
    private readonly maxEntries = 10_000,
    private readonly readBarrier = false,
  ) {}

  /** The cached value, or `load(key)` (cached when the cache is listening and nothing changed meanwhile). */
  async get(key: string, load: (key: string) => Promise<V | null>): Promise<V | null> {
    if (!this.listening) {
      this.listen();
      return load(key);
    }
    if (this.readBarrier && this.entries.has(key)) {
      await this.sync();
      if (!this.listening) return load(key);
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    // Concurrent misses of one key share one load.
    const pending = this.loading.get(key);
    if (pending) return pending;
    const mark = this.generation;
    const p = load(key)
      .then((v) => {
        if (v !== null && this.listening && mark === this.generation) {
          if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, v);
        }
        return v;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  /** Drops one key (this process's own change does not wait for its NOTIFY), or all of them. */
  invalidate(key?: string): void {
    this.generation += 1;
    this.loading.clear();
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.entries.clear();
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }

  /** Resolves once every notification committed before this call has been applied (a round trip on the LISTEN
   * connection sent after it; shared by the callers that arrive while one is queued). The round trip is an empty
   * query: PostgreSQL delivers pending notifications before any ReadyForQuery, and an empty query answers with
   * nothing to plan, execute or parse on either side. */
  private sync(): Promise<void> {
    const c = this.client;
    if (!c) return Promise.resolve();
    if (!this.syncing) {
      this.syncing = c
        .query('')
        .then(
          () => undefined,
          () => undefined, // a lost connection stops the cache ('error'/'end'): the caller then reads the database
        )
        .finally(() => {
          this.syncing = null;
        });
      return this.syncing;
    }
    this.nextSync ??= this.syncing.then(() => {
      this.nextSync = null;
      return this.sync();
    });
    return this.nextSync;
  }

  private listen(): void {
    if (this.connecting || this.closed) return;
    this.connecting = this.connect()
      .catch((err) => {
        const why = { err: (err as Error).message, channel: this.channel };
        this.log.warn(why, 'cache: LISTEN failed; values are read from the database');
      })
      .finally(() => {
        this.connecting = null;
      });
  }

  private async connect(): Promise<void> {
    const c = new pg.Client({ connectionString: this.databaseUrl, application_name: `fx-cache-${this.channel}` });
    c.on('notification', (msg) => {
      if (msg.channel === this.channel) this.invalidate(msg.payload || undefined);
    });
    const lost = () => {
      if (this.client !== c) return;
      this.client = null;
      this.listening = false;
      this.invalidate();
      void c.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => this.listen(), RECONNECT_MS).unref();
    };
    c.on('error', (err) => {
      const why = { err: err.message, channel: this.channel };
      this.log.warn(why, 'cache: LISTEN connection lost; values are read from the database until it is back');
      lost();
    });
    c.on('end', lost);
    await c.connect();
    if (this.closed) return void (await c.end());
    await c.query(`LISTEN ${this.channel}`);
    this.client = c;
    this.invalidate();
    this.listening = true;
  }
}
