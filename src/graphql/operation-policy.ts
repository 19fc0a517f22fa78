import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { Actor } from '../core/actor.js';
import type { Context } from '../context.js';
import { ErrorCode } from '../core/errors.js';
import { PERSISTED_OPERATIONS, type TrustedDocumentsMode } from './persisted-operations.js';
import { checkSource, documentLimitErrors, type QueryLimits } from './query-limits.js';

export interface PolicyInput {
  actor: Actor;
  env: Config['env'];
  trustedDocuments: TrustedDocumentsMode;
  /** sha256 hex of the document's source. */
  queryHash: string;
  document: DocumentNode;
  manifest?: ReadonlyMap<string, string>;
}

function usesIntrospection(doc: DocumentNode): boolean {
  let found = false;
  visit(doc, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * One policy for HTTP and WebSocket operations:
 *  - enforce: API-key callers (SIGMA servers) may run only the persisted operations of the manifest; end users'
 *    JWTs (frontends through the gateway) and the admin keep free-form queries;
 *  - in production the schema is not shown to anonymous callers (introspection needs a credential).
 */
export function operationPolicyError(p: PolicyInput): GraphQLError | null {
  const manifest = p.manifest ?? PERSISTED_OPERATIONS;
  if (p.trustedDocuments === 'enforce' && p.actor.kind === 'apiKey' && !manifest.has(p.queryHash)) {
    const message =
      'FX_TRUSTED_DOCUMENTS=enforce: API keys may run only the persisted operations of schema/operations' +
      ' (send extensions.persistedQuery.sha256Hash)';
    return new GraphQLError(message, {
      extensions: { code: ErrorCode.FORBIDDEN, reason: 'PERSISTED_OPERATION_REQUIRED', http: { status: 403 } },
    });
  }
  if (p.env === 'production' && p.actor.kind === 'anonymous' && usesIntrospection(p.document)) {
    return new GraphQLError('introspection needs a credential in production (x-api-key or Authorization: Bearer)', {
      extensions: {
        code: ErrorCode.UNAUTHENTICATED,
        reason: 'INTROSPECTION_REQUIRES_CREDENTIAL',
        http: { status: 401 },
      },
    });
  }
  return null;
}

/**
 * Apollo plugin: the operation policy, and the limits measured again with the request's variables (a document run
 * by hash alone was measured when it was registered, but its variables may differ).
 */
export function operationPolicyPlugin(
  env: Config['env'],
  mode: TrustedDocumentsMode,
  limits: QueryLimits,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, queryHash, document, schema, request }) {
          const [tooBig] = documentLimitErrors(schema, document, limits, request.variables ?? undefined);
          if (tooBig) throw tooBig;
          const refused = operationPolicyError({
            actor: contextValue.actor,
            env,
            trustedDocuments: mode,
            queryHash,
            document,
          });
          if (refused) throw refused;
        },
      };
    },
  };
}

function variablesOf(raw: unknown): Record<string, unknown> | undefined {
  let v = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const isObj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;

/** What is wrong with a POST envelope ({ query, variables, operationName, extensions }), or null. */
function envelopeProblem(body: unknown): string | null {
  if (!isObj(body)) {
    return 'the body must be a JSON object { query, variables, operationName, extensions } (batching is not supported)';
  }
  const b = body as Record<string, unknown>;
  if (!absent(b.query) && typeof b.query !== 'string') return '"query" must be a string';
  if (!absent(b.operationName) && typeof b.operationName !== 'string') return '"operationName" must be a string';
  if (!absent(b.variables) && !isObj(b.variables)) return '"variables" must be an object';
  if (!absent(b.extensions) && !isObj(b.extensions)) return '"extensions" must be an object';
  const persisted = (b.extensions as Record<string, unknown> | undefined)?.persistedQuery;
  if (absent(b.query) && !isObj(persisted)) return 'a "query" (or extensions.persistedQuery) is required';
  return null;
}

function sendErrors(res: Response, status: number, errors: { message: string; extensions: Record<string, unknown> }[]) {
  const requestId = res.locals.requestId as string;
  const body = errors.map((e) => ({ message: e.message, extensions: { ...e.extensions, requestId } }));
  res.status(status).json({ errors: body });
}

/**
 * Express middleware in front of the GraphQL endpoint: a malformed envelope is refused in the GraphQL error shape,
 * and the document is parsed with the token limit and measured (depth, cost, aliases, root fields, _entities)
 * before authentication, validation or execution.
 */
export function graphqlLimitsMiddleware(schema: GraphQLSchema, limits: QueryLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && (req.headers['content-type'] ?? '').includes('json')) {
      const problem = envelopeProblem(req.body);
      if (problem) return sendErrors(res, 400, [{ message: problem, extensions: { code: 'BAD_REQUEST' } }]);
    }
    const body = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
    const query = body && typeof body === 'object' ? body.query : undefined;
    if (typeof query !== 'string' || query === '') return next();
    const checked = checkSource(schema, query, limits, variablesOf(body!.variables));
    if (!checked.errors) return next();
    const errors = checked.errors.map((e) => ({
      message: e.message,
      extensions: { code: e.extensions.code, reason: e.extensions.reason },
    }));
    sendErrors(res, 400, errors);
  };
}
