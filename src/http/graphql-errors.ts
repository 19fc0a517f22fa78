import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Context } from '../context.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { localizeError } from '../core/messages.js';
import type { Logger } from '../core/logger.js';

/** Expected errors keep their code, message and field issues; anything else becomes INTERNAL without details. */
export function formatGraphQLError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      const { message, issues } = localizeError(original.code, original.message, original.issues);
      return {
        message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, issues },
      };
    }
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted; // GraphQL validation/parse errors are the client's
    // graphql-js's own refusals while executing (a null for a non-null argument, too many bad variables) are the
    // client's too: they are GraphQLErrors that wrap nothing.
    if (original instanceof GraphQLError && !original.originalError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    log.error({ err: original }, 'unexpected error in a resolver');
    return {
      message: 'internal error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
}

/** Adds the request id to every error, and maps pure authentication/authorization failures to HTTP 401/403. */
export function errorStatusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length) return;
          const result = response.body.singleResult;
          result.errors = result.errors!.map((e) => ({
            ...e,
            extensions: { ...(e.extensions ?? {}), requestId: contextValue.requestId },
          }));
          const codes = new Set(result.errors.map((e) => e.extensions?.code));
          const noData = !result.data || Object.values(result.data).every((v) => v === null);
          if (!noData) return;
          if ([...codes].every((c) => c === ErrorCode.UNAUTHENTICATED)) response.http.status = 401;
          else if ([...codes].every((c) => c === ErrorCode.FORBIDDEN || c === ErrorCode.TENANT_MISMATCH))
            response.http.status = 403;
        },
      };
    },
  };
}
