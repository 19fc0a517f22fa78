/** One subscriber of a fan-out: its `next` frames written to its socket (corked, with a bounded backlog). */
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { Actor } from '../core/actor.js';

/** Past this many bytes waiting unsent on its socket, a subscriber's next events wait as shared payloads instead. */
const HIGH_WATER_BYTES = 64 * 1024;
/** A subscriber whose socket is not draining may have this many events waiting; past it, it is cut off. */
const MAX_WAITING_EVENTS = 1000;

/** What onSubscribe learned about one operation, by its context: where its messages go and whom it shares with. */
export interface Operation {
  socket: WebSocket;
  id: string;
  /** The same document, operation, variables and audience: the same result for every event. */
  key: string;
  actor: Actor;
  requestId: string;
}

type Deferred = { resolve(r: IteratorResult<ExecutionResult>): void; reject(e: unknown): void };

/** One subscriber of a fan-out: its frame prefix is made once; per event it costs a copy and a socket write. */
export class Member {
  /** `{"id":…,"type":"next","payload":` of this subscription. */
  readonly prefix: Buffer;
  private waiting: Deferred | null = null;
  private ended: { error?: unknown } | null = null;
  /** While its socket is backed up: the payloads (shared with the other subscribers) still to write. */
  private backlog: Buffer[] | null = null;
  constructor(
    readonly op: Operation,
    /** The fan-out's event count when it joined: earlier events are not its own. */
    readonly joinedAt: number,
    private readonly leave: (m: Member) => void,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(op.id)},"type":"next","payload":`);
  }

  /**
   * One `next` message around a payload already serialized: written at once, or, while the socket is backed up,
   * kept (the payload only) until it drains; a subscriber too slow for that is cut off rather than buffered without
   * bound.
   */
  push(payload: Buffer): void {
    if (this.ended) return;
    if (!this.backlog) this.write(payload);
    else if (this.backlog.length < MAX_WAITING_EVENTS) this.backlog.push(payload);
    else this.end();
  }

  /**
   * Writes one frame; true when the socket is now backed up (what comes next waits until this frame has left).
   * `cork`: hold the socket's writes until the event loop is idle (a burst of events leaves in one write).
   */
  private write(payload: Buffer, cork = true): boolean {
    const ws = this.op.socket;
    if (ws.readyState !== ws.OPEN) return false;
    const frame = Buffer.allocUnsafe(this.prefix.length + payload.length + 1);
    this.prefix.copy(frame, 0);
    payload.copy(frame, this.prefix.length);
    frame[frame.length - 1] = 0x7d; // }
    if (cork) corkUntilIdle(ws);
    if (ws.bufferedAmount + frame.length <= HIGH_WATER_BYTES) {
      ws.send(frame, { binary: false });
      return false;
    }
    this.backlog = [];
    ws.send(frame, { binary: false }, () => this.drained());
    return true;
  }

  /** The socket took what was waiting: what the backlog holds goes now, in one write, up to the high-water mark. */
  private drained(): void {
    const waiting = this.backlog ?? [];
    this.backlog = null;
    const raw = rawSocket(this.op.socket);
    raw?.cork();
    try {
      for (let i = 0; i < waiting.length; i++) {
        if (this.ended) return;
        if (this.write(waiting[i]!, false)) {
          this.backlog = waiting.slice(i + 1);
          return;
        }
      }
    } finally {
      raw?.uncork();
    }
  }

  /** Ends this subscription: graphql-ws then sends `complete` (or `error`, when given). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = error === undefined ? {} : { error };
    this.leave(this);
    const w = this.waiting;
    this.waiting = null;
    if (!w) return;
    if (error === undefined) w.resolve({ value: undefined, done: true });
    else w.reject(error);
  }

  /**
   * What graphql-ws iterates: it yields nothing (the messages are written by the fan-out) and finishes when the
   * subscription ends; graphql-ws's `return` (the client's complete, or the socket closing) leaves the fan-out.
   */
  stream(): AsyncGenerator<ExecutionResult, void, void> {
    const done = async (): Promise<IteratorResult<ExecutionResult, void>> => {
      this.end();
      return { value: undefined, done: true };
    };
    return {
      next: () => {
        if (this.ended) {
          return 'error' in this.ended ? Promise.reject(this.ended.error) : done();
        }
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
      return: done,
      throw: done,
      [Symbol.asyncIterator]() {
        return this;
      },
      [Symbol.asyncDispose]: async () => void this.end(),
    };
  }
}

/**
 * Sockets written during this turn of the event loop stay corked until it is idle: the messages of several events
 * reaching one subscriber at once (a burst of changes) leave in one write.
 */
const corked = new Set<{ uncork(): void }>();
function rawSocket(ws: WebSocket): { cork(): void; uncork(): void } | null {
  const raw = (ws as unknown as { _socket?: { cork?: unknown; uncork?: unknown } })._socket;
  return raw && typeof raw.cork === 'function' && typeof raw.uncork === 'function'
    ? (raw as { cork(): void; uncork(): void })
    : null;
}
function corkUntilIdle(ws: WebSocket): void {
  const raw = rawSocket(ws);
  if (!raw || corked.has(raw)) return;
  raw.cork();
  corked.add(raw);
  if (corked.size === 1) setImmediate(uncorkAll);
}
function uncorkAll(): void {
  for (const raw of corked) raw.uncork();
  corked.clear();
}
