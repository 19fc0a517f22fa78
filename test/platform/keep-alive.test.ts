import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** One GET on `agent`'s connection: its status, its Keep-Alive header and whether the connection was reused. */
function get(
  url: string,
  agent: http.Agent,
): Promise<{ status: number; keepAlive: string | undefined; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/healthz`, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          keepAlive: res.headers['keep-alive'] as string | undefined,
          reused: req.reusedSocket,
        }),
      );
    });
    req.on('error', reject);
  });
}

// A client that calls every few seconds, or a proxy holding its connections open for a minute, keeps its connection:
// the server does not close it after Node's own 5 s.
describe('HTTP keep-alive', () => {
  let t: TestApp;
  let short: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    short = await startTestApp({ FX_HTTP_KEEP_ALIVE_MS: '1000' });
  });
  afterAll(async () => {
    await t?.close();
    await short?.close();
  });

  it('keeps an idle connection for 65 s by default and says so', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(t.url, agent);
      expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=65', reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await get(t.url, agent)).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it('closes an idle connection after FX_HTTP_KEEP_ALIVE_MS', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(short.url, agent)).toMatchObject({ status: 200, keepAlive: 'timeout=1', reused: false });
      await new Promise((r) => setTimeout(r, 1_800));
      expect(await get(short.url, agent)).toMatchObject({ status: 200, reused: false });
    } finally {
      agent.destroy();
    }
  });
});
