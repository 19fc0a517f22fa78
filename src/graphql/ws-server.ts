import { createHash, randomUUID } from 'node:crypto';
import {
  GraphQLError,
  createSourceEventStream,
  execute,
  getOperationAST,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { App } from '../app.js';
import type { Actor } from '../core/actor.js';
import type { Context } from '../context.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { formatGraphQLError } from '../http/graphql-errors.js';
import { inputIssues } from '../http/input-guard.js';
import { PERSISTED_OPERATIONS, type TrustedDocumentsMode } from './persisted-operations.js';
import { operationPolicyError } from './operation-policy.js';
import { checkSource, type QueryLimits } from './query-limits.js';

/** Close code for a credential that is missing, bad, revoked or expired (graphql-ws's Forbidden). */
export const WS_FORBIDDEN = 4403;

type Extra = {
  socket: WebSocket;
  params?: Record<string, string | undefined>;
};
type Ctx = WsContext<Record<string, unknown>, Extra>;

export interface WsOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  trustedDocuments: TrustedDocumentsMode;
  /** How often open sockets re-check their credential (revocation, expiry). */
  recheckMs: number;
}

function paramsOf(c: Ctx): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(c.connectionParams ?? {}).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? v : undefined]),
  );
}

/** A WebSocket close reason may carry at most 123 bytes. */
function closeReason(message: string): string {
  const buf = Buffer.from(message, 'utf8');
  return buf.length <= 123
    ? message
    : `${buf
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}...`;
}

function forbid(socket: WebSocket, message: string): void {
  if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
    socket.close(WS_FORBIDDEN, closeReason(message));
}

async function actorOf(
  app: App,
  params: Record<string, string | undefined>,
): Promise<{ actor: Actor } | { why: string }> {
  try {
    const actor = await app.auth.authenticate(params);
    if (actor.kind === 'anonymous')
      return { why: 'a credential is required in connection_init: x-api-key or authorization' };
    return { actor };
  } catch (err) {
    if (err instanceof AppError) return { why: err.message };
    throw err;
  }
}

function sourceOf(payload: SubscribePayload): string | GraphQLError {
  if (payload.query) return payload.query;
  const hash = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  const doc = typeof hash === 'string' ? PERSISTED_OPERATIONS.get(hash) : undefined;
  return doc ?? new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
}

/**
 * Everything an operation's result may depend on besides the event: the caller's tenant, ambiente, scopes and roles
 * (not which key or user of that tenant it is: no subscription field depends on it).
 */
function audienceOf(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  if (actor.kind === 'admin') return `admin ${actor.scopes.join(' ')}`;
  const roles = actor.kind === 'user' ? actor.roles.join(' ') : '';
  return `${actor.kind} ${actor.tenantId} ${actor.ambiente} ${actor.scopes.join(' ')} ${roles}`;
}

/** Past this many bytes waiting unsent on its socket, a subscriber's next events wait as shared payloads instead. */
const HIGH_WATER_BYTES = 64 * 1024;
/** A subscriber whose socket is not draining may have this many events waiting; past it, it is cut off. */
const MAX_WAITING_EVENTS = 1000;
/** A fan-out executes at most this many events at once; further events wait at the source (which bounds them). */
const MAX_PENDING_EVENTS = 1000;

/** What onSubscribe learned about one operation, by its context: where its messages go and whom it shares with. */
interface Operation {
  socket: WebSocket;
  id: string;
  /** The same document, operation, variables and audience: the same result for every event. */
  key: string;
  actor: Actor;
  requestId: string;
}

type Deferred = { resolve(r: IteratorResult<ExecutionResult>): void; reject(e: unknown): void };

/** One subscriber of a fan-out: its frame prefix is made once; per event it costs a copy and a socket write. */
class Member {
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
 * Every subscription with the same share key, fed by one event stream: each event is executed once, its result
 * serialized once, and written to each subscriber as its `next` frame (the subscription id concatenated in front of
 * the shared payload), in the order the events arrived.
 */
class FanOut {
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

/**
 * graphql-ws on /graphql with the HTTP endpoint's policies: the credential is checked at connection_init, again on
 * every operation, and periodically for open sockets (a revoked or expired credential closes the socket with 4403
 * and the reason); documents are parsed with the token limit and measured before validation; trusted documents and
 * introspection follow the same rules as over HTTP.
 */
export function startWsServer(app: App, wss: WebSocketServer, opts: WsOptions) {
  const open = new Set<Ctx>();
  const operations = new WeakMap<object, Operation>();
  const fanOuts = new Map<string, FanOut>();
  const format = formatGraphQLError(app.log);
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));

  /**
   * graphql's subscribe, shared: the first subscription of a share key opens a fan-out on its event stream; later
   * ones (each still validated and authorized by its own subscribe resolver) join it and close their own stream.
   */
  async function subscribeShared(args: ExecutionArgs) {
    const op = operations.get(args.contextValue as object);
    if (!op) throw new Error('a subscription without its operation');
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const source = stream[Symbol.asyncIterator]();
    let fan = fanOuts.get(op.key);
    if (fan) void source.return?.();
    else {
      const created: FanOut = new FanOut(args, op.actor, source, app, formatErrors, () => {
        if (fanOuts.get(op.key) === created) fanOuts.delete(op.key);
      });
      fanOuts.set(op.key, (fan = created));
    }
    return fan.join(op);
  }

  async function subscribe(
    c: Ctx,
    id: string,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const who = await actorOf(app, c.extra.params ?? {});
    if ('why' in who) {
      forbid(c.extra.socket, who.why);
      return [new GraphQLError(who.why, { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
    }
    const source = sourceOf(payload);
    if (source instanceof GraphQLError) return [source];
    const variables = (payload.variables ?? undefined) as Record<string, unknown> | undefined;
    const bad = inputIssues(variables, 'variables');
    if (bad.length) {
      const message = bad.map((i) => `${i.path}: ${i.message}`).join('; ');
      return [new GraphQLError(message, { extensions: { code: ErrorCode.VALIDATION_FAILED, issues: bad } })];
    }
    const checked = checkSource(opts.schema, source, opts.limits, variables);
    if (checked.errors) return checked.errors;
    const errors = validate(opts.schema, checked.document, specifiedRules);
    if (errors.length) return errors;
    const operation = getOperationAST(checked.document, payload.operationName);
    const hash = createHash('sha256').update(source).digest('hex');
    const refused =
      operation &&
      operationPolicyError({
        actor: who.actor,
        env: app.config.env,
        trustedDocuments: opts.trustedDocuments,
        queryHash: hash,
        document: checked.document,
      });
    if (refused) return [refused];
    const contextValue: Context = app.contextFor(who.actor); // a fresh request id and tenant-scoped em per operation
    const vars = JSON.stringify(variables ?? null);
    const key = `${hash}\n${payload.operationName ?? ''}\n${vars}\n${audienceOf(who.actor)}`;
    operations.set(contextValue, {
      socket: c.extra.socket,
      id,
      key,
      actor: who.actor,
      requestId: contextValue.requestId,
    });
    return {
      schema: opts.schema,
      document: checked.document,
      variableValues: variables,
      operationName: payload.operationName,
      contextValue,
    };
  }

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema: opts.schema,
      subscribe: subscribeShared,
      onConnect: async (c) => {
        const params = paramsOf(c);
        const who = await actorOf(app, params);
        if ('why' in who) {
          forbid(c.extra.socket, who.why);
          return false;
        }
        c.extra.params = params;
        open.add(c);
        return true;
      },
      onSubscribe: (c, id, payload) => subscribe(c, id, payload),
      onClose: (c) => void open.delete(c),
      onNext: (_c, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        const errors = formatErrors(result.errors).map((f) => ({
          ...f,
          extensions: { ...(f.extensions ?? {}), requestId },
        }));
        return { ...result, errors };
      },
      onError: (_c, _id, _payload, errors) =>
        errors.map((e) => ({ ...e.toJSON(), extensions: { ...(e.extensions ?? {}), requestId: randomUUID() } })),
    },
    wss,
  );

  // Revocation and expiry reach sockets that only listen: every open socket re-checks its credential periodically.
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const c of [...open]) {
        const who = await actorOf(app, c.extra.params ?? {}).catch(() => null); // database hiccup: check next time
        if (who && 'why' in who) forbid(c.extra.socket, who.why);
      }
    } finally {
      sweeping = false;
    }
  };
  const timer = setInterval(() => void sweep(), opts.recheckMs);
  timer.unref();

  return {
    async dispose() {
      clearInterval(timer);
      await cleanup.dispose();
    },
  };
}
