import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { ChannelSubscription, Listener } from '../../src/db/listener.js';
import { NotifiedCache } from '../../src/db/notified-cache.js';

/** A LISTEN connection of the test's own: it comes up when the test says so, and its barriers answer at once. */
function testListener() {
  let handlers: { up(): void; down(): void; notify(payload: string): void } | null = null;
  const listener = {
    subscribe(_channel: string, h: typeof handlers): ChannelSubscription {
      handlers = h;
      return { ready: new Promise<void>(() => undefined), close: () => undefined };
    },
    barrier: () => Promise.resolve(true),
  } as unknown as Listener;
  return {
    listener,
    up: () => handlers!.up(),
    notify: (payload: string) => handlers!.notify(payload),
  };
}

/** A load that counts its calls and answers when the test releases it. */
function countedLoad() {
  const calls: string[] = [];
  const waiting: (() => void)[] = [];
  const load = (key: string) => {
    calls.push(key);
    return new Promise<string>((resolve) => waiting.push(() => resolve(`${key}#${calls.length}`)));
  };
  const release = () => {
    for (const w of waiting.splice(0)) w();
  };
  return { calls, load, release };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('NotifiedCache: loads shared by the callers of one turn', () => {
  const log = createLogger('silent');

  it('a burst on a cold cache (not listening yet) reads each key once, and caches nothing', async () => {
    const l = testListener();
    const cache = new NotifiedCache<string>(l.listener, 'fx_test', log);
    const c = countedLoad();
    const burst = Array.from({ length: 64 }, (_, i) => cache.get(i % 2 ? 'a' : 'b', c.load));
    await turn();
    expect(c.calls.sort()).toEqual(['a', 'b']);
    c.release();
    const values = await Promise.all(burst);
    expect(new Set(values).size).toBe(2);
    // not listening: the next read goes to the database again
    const again = cache.get('a', c.load);
    await turn();
    c.release();
    await again;
    expect(c.calls).toHaveLength(3);
  });

  it.each([false, true])(
    'a caller that comes once the load has begun gets a load of its own (listening: %s)',
    async (listening) => {
      const l = testListener();
      const cache = new NotifiedCache<string>(l.listener, 'fx_test', log);
      const c = countedLoad();
      if (listening) {
        await Promise.all([cache.get('warm', c.load), turn().then(c.release)]);
        l.up();
      }
      const before = c.calls.length;
      const first = cache.get('k', c.load);
      await turn();
      expect(c.calls).toHaveLength(before + 1);
      const second = cache.get('k', c.load); // the first load may have read the database before this request came
      await turn();
      expect(c.calls).toHaveLength(before + 2);
      c.release();
      expect(await first).toBe(`k#${before + 2}`);
      expect(await second).toBe(`k#${before + 2}`);
    },
  );

  it('while listening: misses of one turn share one load, whose value is then served from memory', async () => {
    const l = testListener();
    const cache = new NotifiedCache<string>(l.listener, 'fx_test', log);
    const c = countedLoad();
    const cold = cache.get('k', c.load); // (starts listening)
    await turn();
    c.release();
    await cold;
    l.up();
    const misses = Array.from({ length: 10 }, () => cache.get('k', c.load));
    await turn();
    expect(c.calls).toHaveLength(2);
    c.release();
    expect(new Set(await Promise.all(misses))).toEqual(new Set(['k#2']));
    expect(await cache.get('k', c.load)).toBe('k#2');
    expect(c.calls).toHaveLength(2);
  });

  it('a notification between the load and its answer keeps the value out of the cache', async () => {
    const l = testListener();
    const cache = new NotifiedCache<string>(l.listener, 'fx_test', log);
    const c = countedLoad();
    await Promise.all([cache.get('k', c.load), turn().then(c.release)]);
    l.up();
    const miss = cache.get('k', c.load);
    await turn();
    l.notify('k');
    c.release();
    expect(await miss).toBe('k#2');
    const next = cache.get('k', c.load);
    await turn();
    expect(c.calls).toHaveLength(3);
    c.release();
    expect(await next).toBe('k#3');
  });
});
