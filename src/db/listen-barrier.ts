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

/**
 * The read barriers of the LISTEN connection (see Listener.barrier): round trips on it, shared by the callers that
 * ask before one is sent, at most one in flight.
 */
export class ReadBarriers {
  /** Whether a barrier statement is in flight (at most one is). */
  private syncing = false;
  /** The next barrier, not sent yet: every caller that asks before it is sent shares it. */
  private nextSync: Barrier | null = null;

  constructor(
    /** Sends the barrier statement on the connection (the empty query), or null when the connection is down. */
    private readonly sender: () => (() => Promise<unknown>) | null,
  ) {}

  /** Listener.barrier, the connection being up. */
  ask(): Promise<boolean> {
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
    const send = this.sender();
    if (!send) {
      next.settle(false);
      return;
    }
    this.syncing = true;
    send().then(
      () => this.barrierBack(next, true),
      () => this.barrierBack(next, false), // a lost connection also tells the subscribers ('error'/'end')
    );
  }

  private barrierBack(sent: Barrier, ok: boolean): void {
    this.syncing = false;
    sent.settle(ok);
    // The callers that came while it was in flight share the next one, sent at the end of this turn: the requests
    // read in the same turn as this answer join it.
    if (this.nextSync) setImmediate(() => this.sendBarrier());
  }
}
