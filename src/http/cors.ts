import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/**
 * CORS with an allow-list (FX_CORS_ORIGINS), shared by the API (GraphQL + REST) and the supergraph gateway.
 *
 * Only listed origins get Access-Control-Allow-* headers and a successful preflight; a preflight from any other
 * origin is refused with a JSON error. Nothing else changes: Apollo's CSRF prevention still refuses "simple"
 * cross-site requests (text/plain or form POSTs, GETs without a preflight header), and credentials travel in headers
 * (x-api-key, Authorization), never cookies, so no Access-Control-Allow-Credentials is sent.
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-tenant-id',
  'x-request-id',
  'accept-language',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const PREFLIGHT_MAX_AGE_S = 600;

export function originAllowed(allowed: readonly string[], origin: string | undefined): origin is string {
  return !!origin && (allowed.includes('*') || allowed.includes(origin));
}

export function corsMiddleware(allowed: readonly string[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    // The usual case, no Vary yet: the header express's res.vary would write (its parse of the header is skipped).
    if (res.hasHeader('vary')) res.vary('Origin');
    else res.setHeader('Vary', 'Origin');
    const preflight = req.method === 'OPTIONS' && !!req.header('access-control-request-method');
    if (!originAllowed(allowed, origin)) {
      if (!preflight || !origin) return next();
      const requestId = res.locals.requestId as string | undefined;
      res.status(403).json({
        error: {
          code: 'CORS_ORIGIN_NOT_ALLOWED',
          message: `origin ${origin} is not in FX_CORS_ORIGINS`,
          issues: [],
          requestId,
        },
      });
      return;
    }
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-request-id');
    if (!preflight) return next();
    res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
    res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '));
    res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_S));
    res.status(204).end();
  };
}

export interface CorsGraphQLServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves an ApolloServer the way startStandaloneServer does (JSON body, one path for all), but with the CORS
 * allow-list instead of standalone's "any origin".
 */
export async function serveGraphQLWithCors<C extends BaseContext>(
  server: ApolloServer<C>,
  opts: {
    port?: number;
    host?: string;
    corsOrigins: readonly string[];
    context?: ContextFunction<[ExpressContextFunctionArgument], C>;
  },
): Promise<CorsGraphQLServer> {
  await server.start();
  const web = express();
  web.disable('x-powered-by');
  web.use(corsMiddleware(opts.corsOrigins));
  web.use(express.json({ limit: '1mb' }));
  web.use(expressMiddleware(server, { context: opts.context ?? (async () => ({}) as C) }));
  const httpServer = http.createServer(web);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    async stop() {
      await server.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}
