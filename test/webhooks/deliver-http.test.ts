import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../src/modules/webhooks/deliver-http.js';
import { generateWebhookSecret, signWebhook } from '../../src/modules/webhooks/webhook-signing.js';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
let flakyCalls = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      switch (req.url) {
        case '/ok':
          res.writeHead(204).end();
          break;
        case '/fail':
          res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
          break;
        case '/gone':
          res.writeHead(410).end();
          break;
        case '/redirect':
          res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
          break;
        case '/slow':
          setTimeout(() => res.writeHead(200).end(), 1500);
          break;
        case '/flaky': // fails twice, then recovers
          flakyCalls += 1;
          res.writeHead(flakyCalls <= 2 ? 503 : 200).end();
          break;
        default:
          res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function signed(secret: string) {
  const body = JSON.stringify({ type: 'dte.processed', data: { sello: '2026D04751ECD4324D039CEAFD9A3516AAA7JESF' } });
  return {
    body,
    headers: signWebhook({ id: `msg_${received.length}`, timestamp: Math.floor(Date.now() / 1000), body }, [secret]),
  };
}

describe('deliverWebhook against a real listener', () => {
  it('succeeds on 2xx, and the receiver can verify the Standard Webhooks signature', async () => {
    const secret = generateWebhookSecret();
    const { body, headers } = signed(secret);
    const result = await deliverWebhook({ url: `${base}/ok`, headers, body });
    expect(result).toMatchObject({ ok: true, statusCode: 204, gone: false });
    expect(result.error).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const got = received.at(-1)!;
    expect(got.body).toBe(body);
    expect(got.headers['content-type']).toBe('application/json');
    const asRecord = Object.fromEntries(Object.entries(got.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(secret).verify(got.body, asRecord)).toEqual(JSON.parse(body));
  });

  it('reports a 500 as a failure with its status code', async () => {
    const { body, headers } = signed(generateWebhookSecret());
    expect(await deliverWebhook({ url: `${base}/fail`, headers, body })).toMatchObject({
      ok: false,
      statusCode: 500,
      error: 'HTTP 500',
      gone: false,
    });
  });

  it('flags 410 Gone so the endpoint can be disabled', async () => {
    const { body, headers } = signed(generateWebhookSecret());
    expect(await deliverWebhook({ url: `${base}/gone`, headers, body })).toMatchObject({
      ok: false,
      statusCode: 410,
      gone: true,
    });
  });

  it('times out without throwing', async () => {
    const { body, headers } = signed(generateWebhookSecret());
    const result = await deliverWebhook({ url: `${base}/slow`, headers, body, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, statusCode: null, gone: false });
    expect(result.error).toMatch(/no response within 200 ms/);
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
    expect(result.durationMs).toBeLessThan(1400);
  });

  it('fails, fails, then recovers on the same endpoint', async () => {
    const { body, headers } = signed(generateWebhookSecret());
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await deliverWebhook({ url: `${base}/flaky`, headers, body }));
    expect(results.map((r) => [r.ok, r.statusCode])).toEqual([
      [false, 503],
      [false, 503],
      [true, 200],
    ]);
  });

  it('does not follow redirects', async () => {
    const { body, headers } = signed(generateWebhookSecret());
    expect(await deliverWebhook({ url: `${base}/redirect`, headers, body })).toMatchObject({
      ok: false,
      statusCode: 302,
    });
  });

  it('never throws on connection errors, bad URLs or schemes', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await deliverWebhook({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}' });
    expect(refused).toMatchObject({ ok: false, statusCode: null, gone: false });
    expect(refused.error).toMatch(/ECONNREFUSED/);
    expect(await deliverWebhook({ url: 'nope', headers: {}, body: '{}' })).toMatchObject({
      ok: false,
      error: 'invalid URL: nope',
    });
    expect(await deliverWebhook({ url: 'ftp://x/', headers: {}, body: '{}' })).toMatchObject({
      ok: false,
      error: 'unsupported scheme ftp:',
    });
  });

  it('re-checks the resolved address at connect time when private targets are not allowed', async () => {
    const before = received.length;
    const host = `${base.replace('127.0.0.1', 'localhost')}/ok`;
    const refused = await deliverWebhook({ url: host, headers: {}, body: '{}', ssrf: { allowPrivate: false } });
    expect(refused).toMatchObject({ ok: false, statusCode: null });
    expect(refused.error).toMatch(/refused non-public address/);
    const literal = await deliverWebhook({ url: `${base}/ok`, headers: {}, body: '{}', ssrf: { allowPrivate: false } });
    expect(literal.error).toBe('refused non-public address 127.0.0.1');
    expect(received.length).toBe(before);
    expect(
      await deliverWebhook({
        url: `${base}/ok`.replace('127.0.0.1', 'localhost'),
        headers: {},
        body: '{}',
        ssrf: { allowPrivate: true },
      }),
    ).toMatchObject({ ok: true });
  });
});
