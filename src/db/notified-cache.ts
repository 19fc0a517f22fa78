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
  /** Whether a barrier statement is in flight (at most one is). */
  private syncing = false;
  /** The next barrier, not sent yet: every caller that asks before it is sent shares it. */
  private nextSync: Barrier | null = null;

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
      if (!(await this.sync()) || !this.listening) return load(key);
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

  /**
   * Resolves once every notification committed before this call has been applied: true after a round trip on the
   * LISTEN connection that was sent after this call (PostgreSQL delivers the notifications committed before a
   * statement ahead of its answer), false when there was none to make (the caller then reads the database). The
   * round trip is an empty query: nothing to plan, execute or parse on either side. Callers share it: a barrier is
   * sent at the end of the event loop's turn in which it was first asked for (or in which the one in flight came
   * back), and every caller that asked before it was sent waits for it; at most one is in flight. A caller never
   * shares a barrier sent before it asked: that one may have been answered before the change it must see.
   */
  private sync(): Promise<boolean> {
    if (!this.client) return Promise.resolve(false);
    if (this.nextSync) return this.nextSync.done;
    const next = barrier();
    this.nextSync = next;
    if (!this.syncing) setImmediate(() => this.sendBarrier());
    return next.done;
  }

  private sendBarrier(): void {
    const next = this.nextSync;
    if (!next || this.syncing) return;
    this.nextSync = null;
    const c = this.client;
    if (!c) {
      next.settle(false);
      return;
    }
    this.syncing = true;
    c.query('').then(
      () => this.barrierBack(next, true),
      () => this.barrierBack(next, false), // a lost connection also stops the cache ('error'/'end')
    );
  }

  private barrierBack(sent: Barrier, ok: boolean): void {
    this.syncing = false;
    sent.settle(ok);
    // The callers that came while it was in flight share the next one, sent at the end of this turn: the requests read
    // in the same turn as this answer join it.
    if (this.nextSync) setImmediate(() => this.sendBarrier());
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

/** A barrier statement's waiters: `done` settles once its answer is back (false: no answer, read the database). */
interface Barrier {
  done: Promise<boolean>;
  settle(ok: boolean): void;
}

function barrier(): Barrier {
  let settle!: (ok: boolean) => void;
  const done = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  return { done, settle };
}
