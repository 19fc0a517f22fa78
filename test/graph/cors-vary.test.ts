import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { corsMiddleware } from '../../src/http/cors.js';

/** The raw Vary header lines (name and value) of one answer of an app made of `handlers`. */
async function varyLines(handlers: RequestHandler[], headers: Record<string, string>): Promise<string[]> {
  const app = express();
  for (const h of handlers) app.use(h);
  app.use((_req, res) => {
    res.vary('Accept-Encoding');
    res.end('ok');
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string[]>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.rawHeaders));
        })
        .on('error', reject);
    });
    const out: string[] = [];
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'vary') out.push(`${raw[i]}: ${raw[i + 1]}`);
    return out;
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe("the CORS middleware's Vary: Origin", () => {
  /** A middleware before CORS that sets `Vary` (named as given) as an earlier handler would. */
  const varying =
    (value: string | string[], name = 'Vary'): RequestHandler =>
    (_req, res, next) => {
      res.setHeader(name, value);
      next();
    };
  const presets: [string, RequestHandler][] = [
    ['nothing', (_req, _res, next) => next()],
    ['Vary: Accept', varying('Accept')],
    ['vary: origin', varying('origin', 'vary')],
    ['Vary: *', varying('*')],
    ['an empty Vary', varying('')],
    ['two Vary values', varying(['Accept', 'Cookie'])],
  ];
  for (const [name, preset] of presets) {
    for (const origin of [undefined, 'https://a.example', 'https://b.example']) {
      it(`is express's res.vary('Origin') after ${name}, origin ${origin ?? 'none'}`, async () => {
        const headers: Record<string, string> = origin ? { origin } : {};
        const now = await varyLines([preset, corsMiddleware(['https://a.example'])], headers);
        const was = await varyLines(
          [
            preset,
            (_req, res, next) => {
              res.vary('Origin');
              next();
            },
          ],
          headers,
        );
        expect(now).toEqual(was);
        expect(now.length).toBe(1);
      });
    }
  }
});
