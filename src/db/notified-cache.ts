import type { Logger } from '../core/logger.js';
import type { ChannelSubscription, Listener } from './listener.js';

/**
 * Values by key, kept in memory and invalidated through PostgreSQL LISTEN/NOTIFY: a change committed by any process
 * announces the key on `channel` (a trigger), and every process drops its entry before its next use. The channel is
 * listened to on the process's one LISTEN connection (the database's Listener), from the cache's first use on. The
 * cache is only used while that connection is up (and is emptied whenever it drops or comes back), so a missed
 * notification can never keep a stale value alive: without the connection every `get` loads from the database. A
 * load that raced with a notification is not cached (generation check).
 *
 * With `readBarrier`, a hit is served only after a round trip on the LISTEN connection that began after the `get`
 * (the Listener's barrier): PostgreSQL delivers the notifications committed before a statement ahead of that
 * statement's answer, so a change committed anywhere before the request arrived is always seen (a revoked key is
 * refused on the very next request, in every process). Concurrent hits share one round trip.
 */
export class NotifiedCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly loading = new Map<string, Promise<V | null>>();
  private subscription: ChannelSubscription | null = null;
  private listening = false;
  private closed = false;
  private generation = 0;

  constructor(
    private readonly listener: Listener,
    private readonly channel: string,
    private readonly log: Logger,
    private readonly maxEntries = 10_000,
    private readonly readBarrier = false,
  ) {}

  /** The cached value, or `load(key)` (cached when the cache is listening and nothing changed meanwhile). */
  async get(key: string, load: (key: string) => Promise<V | null>): Promise<V | null> {
    if (!this.listening) {
      this.listen();
      return this.load(key, load);
    }
    if (this.readBarrier && this.entries.has(key)) {
      if (!(await this.listener.barrier()) || !this.listening) return this.load(key, load);
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    return this.load(key, load);
  }

  /**
   * `load(key)`, begun at the end of this turn of the event loop and shared by every caller of the same key until
   * then: a burst of requests on a cold process (or while the LISTEN connection is down) reads a key once, not once a
   * request on as many connections. A load already begun is never joined: it may have read the database before the
   * caller's request arrived, and a change committed before a request arrived must be seen by it. Its value is cached
   * when the cache is listening and nothing changed since the load was asked for (generation check).
   */
  private load(key: string, load: (key: string) => Promise<V | null>): Promise<V | null> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    // (listening coming up or going down also moves the generation)
    const mark = this.generation;
    const p = new Promise<void>((r) => setImmediate(r)).then(() => {
      if (this.loading.get(key) === p) this.loading.delete(key);
      return load(key).then((v) => {
        if (v !== null && this.listening && mark === this.generation) {
          if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, v);
        }
        return v;
      });
    });
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

  /** Stops listening (the Listener's connection stays, for the process's other listeners). */
  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.entries.clear();
    this.subscription?.close();
    this.subscription = null;
  }

  private listen(): void {
    if (this.subscription || this.closed) return;
    this.subscription = this.listener.subscribe(this.channel, {
      notify: (payload) => this.invalidate(payload || undefined),
      up: () => {
        this.invalidate();
        this.listening = true;
      },
      down: () => {
        this.listening = false;
        this.invalidate();
      },
    });
    this.subscription.ready.catch((err: Error) => {
      const why = { err: err.message, channel: this.channel };
      this.log.warn(why, 'cache: LISTEN failed; values are read from the database until it is back');
    });
  }
}
