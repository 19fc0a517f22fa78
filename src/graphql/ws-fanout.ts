/** Subscriptions that share a result: each event executed once and written to every subscriber. */
import { GraphQLError, execute, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { App } from '../app.js';
import type { Actor } from '../core/actor.js';
import { Member, type Operation } from './ws-subscriber.js';

export type { Operation } from './ws-subscriber.js';

/**
 * Everything an operation's result may depend on besides the event: the caller's tenant, ambiente, scopes and roles
 * (not which key or user of that tenant it is: no subscription field depends on it).
 */
export function audienceOf(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  if (actor.kind === 'admin') return `admin ${actor.scopes.join(' ')}`;
  const roles = actor.kind === 'user' ? actor.roles.join(' ') : '';
  return `${actor.kind} ${actor.tenantId} ${actor.ambiente} ${actor.scopes.join(' ')} ${roles}`;
}

/** A fan-out executes at most this many events at once; further events wait at the source (which bounds them). */
const MAX_PENDING_EVENTS = 1000;

/**
 * Every subscription with the same share key, fed by one event stream: each event is executed once, its result
 * serialized once, and written to each subscriber as its `next` frame (the subscription id concatenated in front of
 * the shared payload), in the order the events arrived.
 */
export class FanOut {
  readonly members = new Set<Member>();
  private seq = 0;
  private readonly queue: { seq: number; result: Promise<ExecutionResult> | ExecutionResult }[] = [];
  private draining = false;
  private space: (() => void) | null = null;
  private closed = false;
  private sourceDone = false;

  constructor(
    private readonly args: ExecutionArgs,
    private readonly actor: Actor,
    private readonly source: AsyncIterator<unknown>,
    private readonly app: App,
    private readonly formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
    private readonly onEmpty: () => void,
  ) {
    void this.pull();
  }

  join(op: Operation): AsyncGenerator<ExecutionResult, void, void> {
    const m = new Member(op, this.seq, (x) => this.leave(x));
    this.members.add(m);
    return m.stream();
  }

  private leave(m: Member): void {
    if (!this.members.delete(m) || this.members.size || this.closed) return;
    this.closed = true;
    this.onEmpty();
    void this.source.return?.();
    this.space?.();
  }

  private async pull(): Promise<void> {
    try {
      while (!this.closed) {
        if (this.queue.length >= MAX_PENDING_EVENTS) await new Promise<void>((r) => (this.space = r));
        const n = await this.source.next();
        if (n.done || this.closed) break;
        // A fresh context per event: its own identity map, so no event sees another's entities.
        const contextValue = this.app.contextFor(this.actor);
        this.queue.push({ seq: ++this.seq, result: execute({ ...this.args, contextValue, rootValue: n.value }) });
        void this.drain();
      }
      this.sourceDone = true;
      await this.drain(); // writes what is left, then ends the subscriptions
    } catch (err) {
      this.finish(err);
    }
  }

  /** The source ended (a bounded buffer overflowed, or the bus closed) or failed: so do its subscriptions. */
  private finish(error?: unknown): void {
    if (!this.closed) {
      this.closed = true;
      this.onEmpty();
    }
    for (const m of [...this.members]) m.end(error);
  }

  /** Writes the events whose results are ready, in order. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length) {
        const head = this.queue[0]!;
        const result = await head.result;
        this.queue.shift();
        this.space?.();
        this.space = null;
        this.write(head.seq, result);
      }
      if (this.sourceDone) this.finish();
    } catch (err) {
      this.queue.length = 0;
      this.finish(err); // an execution that failed outright (not a field error): its subscriptions end with it
    } finally {
      this.draining = false;
    }
  }

  private write(seq: number, result: ExecutionResult): void {
    if (!result.errors?.length) {
      const payload = Buffer.from(JSON.stringify(result));
      for (const m of this.members) if (m.joinedAt < seq) m.push(payload);
      return;
    }
    // Errors carry each subscription's own request id.
    const errors = this.formatErrors(result.errors);
    for (const m of this.members) {
      if (m.joinedAt >= seq) continue;
      const own = errors.map((e) => ({ ...e, extensions: { ...(e.extensions ?? {}), requestId: m.op.requestId } }));
      m.push(Buffer.from(JSON.stringify({ ...result, errors: own })));
    }
  }
}
