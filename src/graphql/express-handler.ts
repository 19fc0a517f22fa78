import { parse as urlParse } from 'node:url';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { Context } from '../context.js';

/** The query string of a request URL as Apollo expects it (`?a=1`, or '' when there is none). */
export function searchOf(url: string): string {
  // Most requests (every POST) carry none: the legacy URL parser is only asked when there is one.
  return url.includes('?') ? (urlParse(url).search ?? '') : '';
}

/**
 * Apollo Server on express, as @as-integrations/express5's expressMiddleware does it (the same request and answer),
 * without parsing the URL of a request that has no query string: that parse cost as much as the rest of a trivial
 * operation's HTTP handling.
 */
export function graphqlHandler(
  server: ApolloServer<Context>,
  context: (args: { req: Request; res: Response }) => Promise<Context>,
): RequestHandler {
  server.assertStarted('graphqlHandler()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500);
      res.send('`req.body` is not set: the json middleware must run before the GraphQL endpoint.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method.toUpperCase(),
      headers,
      search: searchOf(req.url),
      body: req.body,
    };
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete') {
      const body = response.body.string;
      if (req.method === 'POST' && res.hasHeader('content-type')) {
        // A POST's answer is never conditional (ETag and 304 serve GET and HEAD): written as Apollo made it, without
        // express's hash of the body for an ETag nobody can use, nor its rewriting of the headers.
        res.setHeader('content-length', Buffer.byteLength(body));
        res.end(body);
        return;
      }
      res.send(body);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      if (typeof (res as { flush?: () => void }).flush === 'function') (res as unknown as { flush(): void }).flush();
    }
    res.end();
  };
}
