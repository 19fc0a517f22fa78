// The typed FacturaXpress client for SIGMA's Node servers: `import { createFacturaXpressClient, EmitInvoiceDocument }
// from 'facturaxpress/client'`. Operations are sent by hash (persisted, Apollo's extensions.persistedQuery format),
// so they also work where the server enforces trusted documents (FX_TRUSTED_DOCUMENTS=enforce).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';

export * from './generated/graphql.js';
export { verifyWebhook, WebhookVerificationError, type WebhookEvent, type VerifyWebhookOptions } from './webhooks.js';

export interface FacturaXpressClientOptions {
  /** The GraphQL endpoint, e.g. https://fx.example/graphql */
  url: string;
  /** A tenant API key (fx_test_… / fx_live_…), sent as x-api-key. */
  apiKey?: string;
  /** Or a bearer token (SIGMA user JWT). */
  bearer?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** graphql-ws endpoint for subscriptions; default: `url` with http(s) → ws(s). */
  wsUrl?: string;
  /** A WebSocket implementation where there is no global one (Node ≥ 22 and browsers have it). */
  webSocketImpl?: unknown;
}

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; requestId?: string; [k: string]: unknown };
}

/** The server answered with GraphQL errors (authentication, scope, limits, bugs). Expected failures are data. */
export class FacturaXpressError extends Error {
  constructor(
    public readonly errors: GraphQLErrorShape[],
    public readonly status: number,
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    this.name = 'FacturaXpressError';
  }
  get requestId(): string | undefined {
    return this.errors.find((e) => e.extensions?.requestId)?.extensions?.requestId;
  }
}

type Persisted<R, V> = TypedDocumentNode<R, V> & { __meta__?: { hash?: string } };

function operationName(doc: DocumentNode): string | undefined {
  return (doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode | undefined)?.name
    ?.value;
}

export function createFacturaXpressClient(opts: FacturaXpressClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(opts.apiKey ? { 'x-api-key': opts.apiKey } : {}),
    ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
    ...opts.headers,
  };

  async function post(
    body: unknown,
  ): Promise<{ status: number; json: { data?: unknown; errors?: GraphQLErrorShape[] } }> {
    const res = await doFetch(opts.url, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as { data?: unknown; errors?: GraphQLErrorShape[] } };
  }

  let ws: WsClient | null = null;
  const wsClient = () =>
    (ws ??= createClient({
      url: opts.wsUrl ?? opts.url.replace(/^http/, 'ws'),
      webSocketImpl: opts.webSocketImpl ?? globalThis.WebSocket,
      // The credential goes in connection_init (browsers cannot set WebSocket headers).
      connectionParams: {
        ...(opts.apiKey ? { 'x-api-key': opts.apiKey } : {}),
        ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
      },
      lazy: true,
    }));

  return {
    /**
     * Runs a generated subscription (e.g. InvoiceStatusChangedDocument) over graphql-ws; iterate the results with
     * `for await`, `break` (or `return()`) ends it. Errors of the operation are thrown as FacturaXpressError.
     */
    subscribe<R, V>(
      doc: Persisted<R, V>,
      ...[variables]: V extends Record<string, never> ? [V?] : [V]
    ): AsyncIterableIterator<R> {
      const hash = doc.__meta__?.hash?.replace(/^sha256:/, '');
      const iterator = wsClient().iterate<R>({
        query: print(doc as DocumentNode),
        operationName: operationName(doc as DocumentNode),
        variables: (variables ?? {}) as Record<string, unknown>,
        ...(hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } : {}),
      });
      const next = async (): Promise<IteratorResult<R>> => {
        const r = await iterator.next();
        if (r.done) return { done: true, value: undefined };
        if (r.value.errors?.length || r.value.data == null) {
          throw new FacturaXpressError(
            (r.value.errors as GraphQLErrorShape[] | undefined) ?? [{ message: 'empty result' }],
            200,
          );
        }
        return { done: false, value: r.value.data as R };
      };
      const out: AsyncIterableIterator<R> = {
        next,
        return: async () => {
          await iterator.return?.();
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]: () => out,
      };
      return out;
    },
    /** Closes the subscription socket (if one was opened). */
    async close(): Promise<void> {
      await ws?.dispose();
      ws = null;
    },
    /** Runs one generated operation by its hash; if the server does not know the hash, once more with the text. */
    async request<R, V>(
      doc: Persisted<R, V>,
      ...[variables]: V extends Record<string, never> ? [V?] : [V]
    ): Promise<R> {
      const hash = doc.__meta__?.hash?.replace(/^sha256:/, '');
      const base = { operationName: operationName(doc as DocumentNode), variables };
      let r = hash
        ? await post({ ...base, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })
        : await post({ ...base, query: print(doc as DocumentNode) });
      if (hash && r.json.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
        // print() is not the manifest's exact text: no hash
        r = await post({ ...base, query: print(doc as DocumentNode) });
      }
      if (r.json.errors?.length || r.json.data == null)
        throw new FacturaXpressError(r.json.errors ?? [{ message: `HTTP ${r.status}` }], r.status);
      return r.json.data as R;
    },
  };
}

export type FacturaXpressClient = ReturnType<typeof createFacturaXpressClient>;
