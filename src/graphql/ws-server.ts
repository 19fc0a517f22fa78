import { createHash, randomUUID } from 'node:crypto';
import {
  GraphQLError,
  createSourceEventStream,
  getOperationAST,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { App } from '../app.js';
import type { Actor } from '../core/actor.js';
import type { Context } from '../context.js';
import { AppError, ErrorCode, issuesMessage } from '../core/errors.js';
import { localizeError } from '../core/messages.js';
import { formatGraphQLError } from '../http/graphql-errors.js';
import { inputIssues } from '../http/input-guard.js';
import { PERSISTED_OPERATIONS, type TrustedDocumentsMode } from './persisted-operations.js';
import { operationPolicyError } from './operation-policy.js';
import { checkSource, type QueryLimits } from './query-limits.js';
import { FanOut, audienceOf, type Operation } from './ws-fanout.js';

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
      const { message, issues } = localizeError(ErrorCode.VALIDATION_FAILED, issuesMessage(bad), bad);
      return [new GraphQLError(message, { extensions: { code: ErrorCode.VALIDATION_FAILED, issues } })];
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
