import { describe, expect, it } from 'vitest';
import { httpExchange, type FetchLike } from '../../src/hacienda/http.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('httpExchange', () => {
  it('ends its timeout with the exchange: a signal answered in time is never aborted afterwards', async () => {
    let signal: AbortSignal | undefined;
    const fetchFn: FetchLike = async (_url, init) => {
      signal = init.signal ?? undefined;
      return { status: 200, text: async () => '{"ok":true}' };
    };
    const r = await httpExchange(fetchFn, 'http://mh.test/fesv/recepciondte', { method: 'POST', body: '{}' }, 30);
    expect(r).toEqual({ ok: true, status: 200, body: { ok: true }, text: '{"ok":true}' });
    await sleep(80);
    expect(signal?.aborted).toBe(false);
  });

  it('aborts an exchange that outlasts its timeout, as a TimeoutError (MH may have the request)', async () => {
    let reason: unknown;
    const fetchFn: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => {
          reason = init.signal?.reason;
          reject(init.signal?.reason);
        }),
      );
    const r = await httpExchange(fetchFn, 'http://mh.test/fesv/recepciondte', { method: 'POST', body: '{}' }, 30);
    expect(r).toEqual({ ok: false, maybeDelivered: true, reason: 'no complete answer within 30 ms' });
    expect((reason as Error).name).toBe('TimeoutError');
  });
});
