import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { App } from './app.js';
import type { Context } from './context.js';
import { AppError, ErrorCode, httpStatusOf } from './core/errors.js';
import { databaseReady } from './db/database.js';
import { errorStatusPlugin, formatGraphQLError } from './http/graphql-errors.js';
import { corsMiddleware } from './http/cors.js';
import { metricsRoute } from './http/metrics.js';
import { jsonClientErrors } from './http/client-errors.js';
import { inputGuard } from './http/input-guard.js';
import { notFound, requestId, sendError } from './http/request.js';
import { graphqlLimitsMiddleware, operationPolicyPlugin } from './graphql/operation-policy.js';
import { persistedOperationsCache, type TrustedDocumentsMode } from './graphql/persisted-operations.js';
import { type QueryLimits } from './graphql/query-limits.js';
import { startWsServer } from './graphql/ws-server.js';
import { graphqlHandler } from './graphql/express-handler.js';
import { requestLanguage } from './core/messages.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  schema: GraphQLSchema;
  port?: number;
  host?: string;
  /** Extra express routes (REST faces, document links) mounted before the GraphQL endpoint. */
  routes?: (router: express.Router) => void;
  /** Persisted operations: 'allow' (default) or 'enforce' (API keys may run only manifest operations). */
  trustedDocuments?: TrustedDocumentsMode;
  queryLimits?: QueryLimits;
}

function graphQLAuthError(app: App, err: unknown, requestId: string): GraphQLError {
  if (err instanceof AppError)
    return new GraphQLError(err.message, {
      extensions: { code: err.code, requestId, http: { status: httpStatusOf[err.code] } },
    });
  app.log.error({ err, requestId }, 'authentication failed unexpectedly');
  return new GraphQLError('internal error', {
    extensions: { code: ErrorCode.INTERNAL, requestId, http: { status: 500 } },
  });
}

function createHttpServer(app: App, handler: express.Express): http.Server {
  const tls = app.config.tls;
  const keepAlive = { keepAliveTimeout: app.config.httpKeepAliveMs };
  if (!tls) return http.createServer(keepAlive, handler);
  // mTLS: the client certificate must chain to FX_TLS_CA; the API key is still required on top.
  return https.createServer(
    {
      ...keepAlive,
      cert: readFileSync(tls.cert),
      key: readFileSync(tls.key),
      ca: readFileSync(tls.ca),
      requestCert: true,
      rejectUnauthorized: true,
    },
    handler,
  );
}

export async function startServer(app: App, opts: ServerOptions): Promise<RunningServer> {
  const web = express();
  web.disable('x-powered-by');
  web.use(requestId);
  web.use(corsMiddleware(app.config.corsOrigins));
  web.use(requestLanguage);
  web.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  web.get('/readyz', async (_req, res) => {
    const r = await databaseReady(app.db.orm);
    res
      .status(r.ok ? 200 : 503)
      .json({ status: r.ok ? 'ready' : 'not-ready', pendingMigrations: r.pending, error: r.error });
  });
  web.get('/metrics', metricsRoute(app));
  const httpServer = createHttpServer(app, web);
  jsonClientErrors(httpServer);

  // Uncompressed frames: compression is per connection, so it would cost every subscriber's copy of each status change.
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', perMessageDeflate: false });
  const limits = opts.queryLimits ?? app.config.graphql.limits;
  const trustedDocuments = opts.trustedDocuments ?? app.config.trustedDocuments;
  const ws = startWsServer(app, wss, {
    schema: opts.schema,
    limits,
    trustedDocuments,
    recheckMs: app.config.graphql.wsRecheckMs,
  });

  const apollo = new ApolloServer<Context>({
    schema: opts.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphQLError(app.log),
    persistedQueries: { cache: persistedOperationsCache() },
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      operationPolicyPlugin(app.config.env, trustedDocuments, limits),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No field carries a cache hint (every answer depends on the caller's credential): without this, Apollo wraps
      // every field resolver to compute a cache policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
      app.config.env === 'production'
        ? ApolloServerPluginLandingPageProductionDefault()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      errorStatusPlugin(),
    ],
  });
  await apollo.start();

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(inputGuard);
  opts.routes?.(api);
  api.use('/graphql', graphqlLimitsMiddleware(opts.schema, limits));
  api.use(
    '/graphql',
    graphqlHandler(apollo, async ({ req, res }) => {
      const actor = await app.auth.authenticate(req.headers).catch((e) => {
        throw graphQLAuthError(app, e, res.locals.requestId as string);
      });
      return app.contextFor(actor, res.locals.requestId as string);
    }),
  );
  web.use(api);
  web.use(notFound);
  web.use((err: unknown, req: Request, res: Response, _next: NextFunction) => sendError(res, err, app.log, req));

  const port = opts.port ?? app.config.port;
  const host = opts.host ?? app.config.host;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const actual = (httpServer.address() as AddressInfo).port;
  const scheme = app.config.tls ? 'https' : 'http';
  return {
    url: `${scheme}://${host}:${actual}`,
    port: actual,
    async close() {
      await apollo.stop(); // drains HTTP and closes the WebSocket server
      wss.close();
    },
  };
}
