import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { parse, type GraphQLFormattedError } from 'graphql';
import { serveGraphQLWithCors } from '../http/cors.js';
import type { RunningSubgraph } from './sigma-subgraph.js';

export interface SubgraphDef {
  name: string;
  url: string;
  sdl: string;
}

export interface Composition {
  supergraphSdl: string;
  hints: { code: string; message: string }[];
}

/** Composes with @apollo/composition (the rover/router algorithm); composition errors throw with every message. */
export function composeSupergraph(subgraphs: SubgraphDef[]): Composition {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return {
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((h) => ({ code: h.definition.code, message: h.message })),
  };
}

/** Headers that carry the caller's identity to the subgraphs (FacturaXpress scopes everything by them). */
const FORWARDED = ['x-api-key', 'authorization', 'x-tenant-id', 'x-request-id'] as const;
type Forwarded = Partial<Record<(typeof FORWARDED)[number], string>>;

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** The gateway's own stack traces in errors: development only. A subgraph's error never carries one. */
  stackTraces?: boolean;
  /** Browser origins allowed to call the gateway (FX_CORS_ORIGINS). */
  corsOrigins?: readonly string[];
}

/** Errors without stack traces, except the gateway's own in development (a subgraph error's trace is the gateway's). */
function formatGatewayError(stackTraces: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (!formatted.extensions || (stackTraces && !formatted.extensions.serviceName)) return formatted;
    const { stacktrace: _dropped, exception: _exception, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  };
}

/** @apollo/gateway in front of the composed supergraph, forwarding the caller's credential to every subgraph. */
export async function startGateway(supergraphSdl: string, opts: GatewayOptions = {}): Promise<RunningSubgraph> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ forwarded: Forwarded }>({
        url,
        willSendRequest({ request, context }) {
          for (const [k, v] of Object.entries(context.forwarded ?? {}) as [string, string | undefined][])
            if (v) request.http?.headers.set(k, v);
        },
      }),
  });
  const stackTraces = opts.stackTraces ?? false;
  const server = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: stackTraces,
    formatError: formatGatewayError(stackTraces),
    plugins: [ApolloServerPluginLandingPageLocalDefault({ embed: true })],
  });
  // The same CORS allow-list as the API (FX_CORS_ORIGINS), not standalone's "any origin".
  const { url, stop } = await serveGraphQLWithCors(server, {
    port: opts.port,
    host: opts.host,
    corsOrigins: opts.corsOrigins ?? [],
    context: async ({ req }) => ({
      forwarded: Object.fromEntries(
        FORWARDED.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h]]] : [])),
      ),
    }),
  });
  return { url, stop };
}
