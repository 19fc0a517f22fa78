import pg from 'pg';
import type { Logger } from '../core/logger.js';
import { ReadBarriers } from './listen-barrier.js';

/** What one subscriber of a channel is told. */
export interface ChannelHandlers {
  /** A notification on the channel (its payload, '' when it had none). */
  notify(payload: string): void;
  /** The channel is listened to: every notification committed from now on reaches `notify`, until `down`. */
  up?(): void;
  /** The connection dropped (or the listener closed): notifications may be missed until the next `up`. */
  down?(): void;
}

export interface ChannelSubscription {
  /**
   * Settles at the subscription's first `up`; rejects if a connection attempt fails before it (the listener keeps
   * retrying: `up` still comes once the database is back).
   */
  ready: Promise<void>;
  /** Stops the handlers (UNLISTEN once a channel has no subscriber left). */
  close(): void;
}

interface Entry {
  channel: string;
  handlers: ChannelHandlers;
  up: boolean;
  resolve: () => void;
  reject: (err: Error) => void;
  settled: boolean;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;
/** PostgreSQL identifiers as the service names its channels (LISTEN takes no parameter). */
const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * The one LISTEN connection of a process (per Database), shared by all its listeners: the invoice event bus, the
 * caches, the worker's wake-ups. Each subscribes to its channels through it.
 *
 * PostgreSQL wakes every backend of the database that listens on any channel at each notifying commit, and each
 * woken backend reads the notification queue: one listening backend per process instead of one per listener
 * makes every NOTIFY cheaper for the whole database.
 *
 * The connection is opened at the first subscription. When it drops, every subscriber is told (`down`) and it is
 * reopened with backoff (jittered, doubling up to RECONNECT_MAX_MS) while anyone subscribes; once it is back, all
 * channels are listened to again in one statement and every subscriber is told (`up`): the caches empty themselves
 * on both, the event bus replays from invoice_event, the worker polls.
 *
 * It also serves the read barrier (see `barrier`): a round trip on this connection, after which every notification
 * committed before it was asked for has been handed to the subscribers.
 */
export class Listener {
  private readonly entries = new Map<string, Set<Entry>>();
  /** The connection, once it is up (all channels of `listened` are listened to on it). */
  private client: pg.Client | null = null;
  /** The end of the statements queued on `client` (one at a time: pg no longer queues them itself). */
  private tail: Promise<unknown> = Promise.resolve();
  /** The channels listened to on `client`. */
  private readonly listened = new Set<string>();
  /** The connection being opened, if any. */
  private opening: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  /** The read barriers, each an empty query on `client` (see `barrier`). */
  private readonly barriers = new ReadBarriers(() => {
    const c = this.client;
    return c ? () => this.run(c, '') : null;
  });

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly applicationName = 'fx-listen',
  ) {}

  /** Whether the connection is up. */
  get up(): boolean {
    return this.client !== null;
  }

  /**
   * Subscribes `handlers` to `channel`. If the channel is already listened to, `up` is called before this returns;
   * otherwise once the connection (or the channel's LISTEN) is up.
   */
  subscribe(channel: string, handlers: ChannelHandlers): ChannelSubscription {
    if (!CHANNEL.test(channel)) throw new Error(`LISTEN_CHANNEL_INVALID: ${channel}`);
    let entry!: Entry;
    const ready = new Promise<void>((resolve, reject) => {
      entry = { channel, handlers, up: false, resolve, reject, settled: false };
    });
    ready.catch(() => undefined); // a subscriber that does not wait for it is told through `up` instead
    if (this.closed) {
      entry.settled = true;
      entry.reject(new Error('LISTEN_CLOSED: the database is closed'));
      return { ready, close: () => undefined };
    }
    let set = this.entries.get(channel);
    if (!set) this.entries.set(channel, (set = new Set()));
    set.add(entry);
    const c = this.client;
    if (c && this.listened.has(channel)) this.markUp(channel);
    else if (c) void this.listenOn(c, [channel]);
    else this.connect();
    return {
      ready,
      close: () => {
        const s = this.entries.get(channel);
        if (!s?.delete(entry) || s.size) return;
        this.entries.delete(channel);
        const c = this.client;
        if (c && this.listened.delete(channel)) this.run(c, `UNLISTEN ${channel}`).catch(() => undefined);
      },
    };
  }

  /**
   * Resolves once every notification committed before this call has been handed to the subscribers: true after a
   * round trip on the connection that was sent after this call (PostgreSQL delivers the notifications committed
   * before a statement ahead of its answer), false when there was none to make (the caller then reads the
   * database). The round trip is an empty query: nothing to plan, execute or parse on either side. Callers share
   * it: a barrier is sent at the end of the event loop's turn in which it was first asked for (or in which the one in
   * flight came back), and every caller that asked before it was sent waits for it; at most one is in flight. A
   * caller never shares a barrier sent before it asked: that one may have been answered before the change it must
   * see.
   */
  barrier(): Promise<boolean> {
    if (!this.client) return Promise.resolve(false);
    return this.barriers.ask();
  }

  /** Closes the connection; subscribers are told `down`, and nothing reconnects. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.dropped();
    for (const set of this.entries.values())
      for (const e of set) this.settle(e, new Error('LISTEN_CLOSED: the database is closed'));
    this.entries.clear();
    await this.opening;
    await c?.end().catch(() => undefined);
  }

  private connect(): void {
    if (this.opening || this.client || this.retry || this.closed) return;
    this.opening = this.open()
      .then(
        () => {
          this.failures = 0;
        },
        (err: Error) => {
          if (this.closed) return;
          this.failures += 1;
          this.log.warn({ err: err.message }, 'LISTEN connection failed; retrying');
          for (const set of this.entries.values()) for (const e of set) this.settle(e, err);
          this.reconnectLater();
        },
      )
      .finally(() => {
        this.opening = null;
      });
  }

  private reconnectLater(): void {
    if (this.closed || this.retry || !this.entries.size) return;
    const cap = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(this.failures, 10));
    const wait = cap / 2 + Math.random() * (cap / 2);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect();
    }, wait);
    this.retry.unref();
  }

  private async open(): Promise<void> {
    const c = new pg.Client({ connectionString: this.databaseUrl, application_name: this.applicationName });
    c.on('notification', (msg) => this.deliver(msg));
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      void c.end().catch(() => undefined);
      if (this.client !== c) return;
      if (!this.closed) this.log.warn({ err: err?.message }, 'LISTEN connection lost; reconnecting');
      this.dropped();
      this.failures += 1;
      this.reconnectLater();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    try {
      await c.connect();
      const channels = [...this.entries.keys()];
      if (channels.length) await c.query(channels.map((ch) => `LISTEN ${ch}`).join('; '));
      if (this.closed || lost) throw new Error('LISTEN_CLOSED: closed while connecting');
      this.client = c;
      this.tail = Promise.resolve();
      for (const ch of channels) this.listened.add(ch);
      // (subscribed while connecting: listened to now, on this connection)
      const later = [...this.entries.keys()].filter((ch) => !this.listened.has(ch));
      for (const ch of channels) if (this.entries.has(ch)) this.markUp(ch);
      if (later.length) void this.listenOn(c, later);
    } catch (err) {
      lost = true;
      if (this.client === c) this.dropped();
      void c.end().catch(() => undefined);
      throw err;
    }
  }

  /** LISTEN on channels subscribed while the connection was already up. */
  private async listenOn(c: pg.Client, channels: string[]): Promise<void> {
    try {
      await this.run(c, channels.map((ch) => `LISTEN ${ch}`).join('; '));
    } catch {
      return; // the connection failed: 'error'/'end' reconnect, and every channel is listened to again then
    }
    if (this.client !== c) return;
    for (const ch of channels) {
      if (!this.entries.has(ch)) continue;
      this.listened.add(ch);
      this.markUp(ch);
    }
  }

  /** Runs `text` on `c` after the statements queued before it. */
  private run(c: pg.Client, text: string): Promise<unknown> {
    const p = this.tail.then(() => c.query(text));
    this.tail = p.catch(() => undefined);
    return p;
  }

  private deliver(msg: pg.Notification): void {
    const set = this.entries.get(msg.channel);
    if (!set) return;
    for (const e of set) {
      if (!e.up) continue;
      try {
        e.handlers.notify(msg.payload ?? '');
      } catch (err) {
        this.log.error({ err, channel: msg.channel }, 'a notification handler failed');
      }
    }
  }

  private markUp(channel: string): void {
    for (const e of this.entries.get(channel) ?? []) {
      if (e.up) continue;
      e.up = true;
      this.settle(e);
      e.handlers.up?.();
    }
  }

  /** The connection is gone: every subscriber that was up is told. */
  private dropped(): void {
    this.client = null;
    this.listened.clear();
    for (const set of this.entries.values())
      for (const e of set) {
        if (!e.up) continue;
        e.up = false;
        e.handlers.down?.();
      }
  }

  private settle(e: Entry, err?: Error): void {
    if (e.settled) return;
    e.settled = true;
    if (err) e.reject(err);
    else e.resolve();
  }
}
