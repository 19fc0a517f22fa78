import type { ApolloServerOptions } from '@apollo/server';
import manifestJson from '../client/generated/persisted-documents.json' with { type: 'json' };
import type { Context } from '../context.js';

/**
 * Persisted operations (Apollo's `extensions.persistedQuery.sha256Hash` format). The manifest is the codegen output
 * for schema/operations/*.graphql (`npm run codegen`): sha256 of each document → the document.
 *   allow   (default) operations by hash from the manifest, plus ordinary queries and APQ registration;
 *   enforce API-key callers (SIGMA servers) may run only manifest operations. End users' JWTs (frontends through
 *           the gateway) and the admin keep free-form queries.
 */
export type TrustedDocumentsMode = 'allow' | 'enforce';

/** sha256 hex → document, from the generated manifest (keys are `sha256:<hex>`). */
export const PERSISTED_OPERATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries(manifestJson as Record<string, string>).map(([k, doc]) => [k.replace(/^sha256:/, ''), doc]),
);

const APQ_PREFIX = 'apq:'; // Apollo Server prefixes its APQ cache keys

const MAX_REGISTERED = 5000;
type Cache = NonNullable<Exclude<ApolloServerOptions<Context>['persistedQueries'], false>>['cache'];

/** Apollo's APQ cache, answered first from the manifest; registrations by hash + query go to a bounded map. */
export function persistedOperationsCache(
  manifest: ReadonlyMap<string, string> = PERSISTED_OPERATIONS,
): NonNullable<Cache> {
  const registered = new Map<string, string>();
  return {
    async get(key: string) {
      return manifest.get(key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key) ?? registered.get(key);
    },
    async set(key: string, value: string) {
      if (registered.size >= MAX_REGISTERED) registered.delete(registered.keys().next().value!); // oldest first
      registered.set(key, value);
    },
    async delete(key: string) {
      registered.delete(key);
    },
  };
}
