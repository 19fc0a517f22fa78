import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, importPKCS8 } from 'jose';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { facturaBody } from '../helpers/pipeline.js';

// A SIGMA frontend as a browser runs it: a page served from another origin calls GraphQL over HTTP and subscribes
// over graphql-ws with an end-user JWT. Headless Chromium from Debian's `chromium` package (.ci/run installs it).
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The frontend page: plain browser APIs (fetch, WebSocket speaking graphql-transport-ws), no bundle. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>SIGMA frontend</title><script>
window.query = async (api, jwt, query) => {
  const r = await fetch(api + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + jwt },
    body: JSON.stringify({ query }),
  });
  return { status: r.status, body: await r.json(), requestId: r.headers.get('x-request-id') };
};
window.events = []; window.wsState = 'new';
window.subscribe = (api, jwt) => new Promise((resolve, reject) => {
  const ws = new WebSocket(api.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer ' + jwt } }));
  ws.onerror = () => reject(new Error('websocket error'));
  ws.onclose = (e) => { window.wsState = 'closed ' + e.code + ' ' + e.reason; reject(new Error(window.wsState)); };
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.type === 'connection_ack') {
      const query = 'subscription { invoiceStatusChanged { invoiceId type status referenciaExterna } }';
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      window.wsState = 'subscribed'; resolve('subscribed');
    } else if (msg.type === 'next') window.events.push(msg.payload);
    else if (msg.type === 'error') window.events.push({ error: msg.payload });
  };
});
</script>`;

let t: TestApp;
let page: http.Server;
let pageOrigin: string;
let browser: Browser | undefined;
let tenantId: string;
let apiKey: string;

beforeAll(async () => {
  if (!CHROMIUM) return;
  page = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
  pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  t = await startTestApp(
    {
      FX_CORS_ORIGINS: pageOrigin,
      FX_JWT_PUBLIC_KEY: pub,
      FX_JWT_ISSUER: 'https://sigma.example',
      FX_JWT_AUDIENCE: 'facturaxpress',
    },
    { worker: true },
  );
  ({ tenantId, apiKey } = await provisionTenant(t));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await new Promise((r) => (page ? page.close(r) : r(undefined)));
});

async function jwt(roles: string[]) {
  return new SignJWT({ tenant_id: tenantId, roles })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('nurse-1')
    .setIssuer('https://sigma.example')
    .setAudience('facturaxpress')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importPKCS8(priv, 'RS256'));
}

describe.skipIf(!CHROMIUM)('a browser on another origin (headless Chromium)', () => {
  it('runs a GraphQL query and a graphql-ws subscription with a JWT', async () => {
    const tab = await browser!.newPage();
    await tab.goto(pageOrigin);
    const token = await jwt(['viewer']);
    const q = await tab.evaluate(
      ([api, tok]) => (globalThis as any).query(api, tok, '{ me { kind subject tenant { id } } }'),
      [t.url, token],
    );
    expect(q.status).toBe(200);
    expect(q.body.data.me).toEqual({ kind: 'user', subject: 'nurse-1', tenant: { id: tenantId } });
    expect(q.requestId).toBeTruthy(); // exposed to the page by Access-Control-Expose-Headers

    expect(await tab.evaluate(([api, tok]) => (globalThis as any).subscribe(api, tok), [t.url, token])).toBe(
      'subscribed',
    );
    // graphql-ws does not acknowledge a subscription: the page knows it sent `subscribe`, not that the server has
    // registered it, and a change committed before that is rightly not sent. So invoices are emitted one at a time
    // until the first event shows the subscription is live; the next invoice must then be followed: queued, then
    // waiting (this tenant has no MH credential).
    const emit = async () => {
      const body = facturaBody();
      const r = await fetch(`${t.url}/api/facturas`, {
        method: 'POST',
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(201);
      return body.referenciaExterna as string;
    };
    const eventsOf = async () => (await tab.evaluate(() => (globalThis as any).events)) as any[];
    const emitted: string[] = [];
    const live = Date.now() + 20_000;
    while ((await eventsOf()).length === 0 && Date.now() < live) {
      emitted.push(await emit());
      await new Promise((r) => setTimeout(r, 500));
    }
    const first = await eventsOf();
    const wsState = await tab.evaluate(() => (globalThis as any).wsState);
    expect(first.length, `no event in 20 s (socket: ${wsState})`).toBeGreaterThan(0);
    expect(emitted).toContain(first[0].data.invoiceStatusChanged.referenciaExterna);

    const ref = await emit();
    const followed = (evs: any[]) =>
      evs
        .map((e) => e.data?.invoiceStatusChanged)
        .filter((c) => c?.referenciaExterna === ref)
        .map((c) => `${c.type} ${c.status}`);
    const end = Date.now() + 20_000;
    while (followed(await eventsOf()).length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(followed(await eventsOf())).toEqual(['dte.queued QUEUED', 'dte.blocked QUEUED']);
    await tab.close();
  }, 60_000);

  it('a page from an origin that is not allowed cannot read the API', async () => {
    const other = await browser!.newPage();
    await other.goto(`http://localhost:${(page.address() as AddressInfo).port}`); // same server, another origin
    const token = await jwt(['viewer']);
    const failed = await other.evaluate(
      ([api, tok]) =>
        (globalThis as any).query(api, tok, '{ me { kind } }').then(
          () => 'read',
          (e: Error) => e.name,
        ),
      [t.url, token],
    );
    expect(failed).toBe('TypeError'); // the browser's CORS failure
    await other.close();
  }, 60_000);
});
