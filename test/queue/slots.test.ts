import { describe, expect, it } from 'vitest';
import { Slots } from '../../src/queue/slots.js';

/** A task that runs until its `done` is called, recording when it started. */
function gate(log: string[], name: string) {
  let done!: (v: string) => void;
  const finished = new Promise<string>((r) => (done = r));
  return {
    run: () => {
      log.push(name);
      return finished;
    },
    done: () => done(name),
  };
}

describe('Slots', () => {
  it('runs at most `concurrency` tasks at once, starting the first ones in the same turn', async () => {
    const slots = new Slots(2);
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    const pa = slots.add(a.run);
    const pb = slots.add(b.run);
    const pc = slots.add(c.run);
    expect(log).toEqual(['a', 'b']);
    expect([slots.pending, slots.size]).toEqual([2, 1]);
    b.done();
    expect(await pb).toBe('b');
    expect(log).toEqual(['a', 'b', 'c']);
    a.done();
    c.done();
    expect(await Promise.all([pa, pc])).toEqual(['a', 'c']);
    expect([slots.pending, slots.size]).toEqual([0, 0]);
  });

  it('starts waiting tasks by priority, highest first, in arrival order within one priority', async () => {
    const slots = new Slots(1);
    const log: string[] = [];
    const first = gate(log, 'first');
    const all: Promise<unknown>[] = [slots.add(first.run)];
    const order: [string, number][] = [
      ['low1', -5],
      ['mid1', 0],
      ['high1', 3],
      ['mid2', 0],
      ['low2', -5],
      ['high2', 3],
      ['mid3', 0],
    ];
    for (const [name, priority] of order) all.push(slots.add(async () => void log.push(name), { priority }));
    first.done();
    await Promise.all(all);
    expect(log).toEqual(['first', 'high1', 'high2', 'mid1', 'mid2', 'mid3', 'low1', 'low2']);
  });

  it('frees the slot of a task that fails, synchronously or not, and rejects with its error', async () => {
    const slots = new Slots(1);
    const sync = slots.add(() => {
      throw new Error('sync');
    });
    const async = slots.add(() => Promise.reject(new Error('async')));
    const after = slots.add(() => 'ok');
    await expect(sync).rejects.toThrow('sync');
    await expect(async).rejects.toThrow('async');
    await expect(after).resolves.toBe('ok');
    expect([slots.pending, slots.size]).toEqual([0, 0]);
  });

  it('holds a slot for a nested task until the inner one settles (a tenant slot around a worker slot)', async () => {
    const outer = new Slots(1);
    const inner = new Slots(5);
    const log: string[] = [];
    const a = gate(log, 'a');
    const pa = outer.add(() => inner.add(a.run));
    const pb = outer.add(() => inner.add(async () => void log.push('b')));
    await Promise.resolve();
    expect(log).toEqual(['a']);
    a.done();
    await Promise.all([pa, pb]);
    expect(log).toEqual(['a', 'b']);
  });

  it('refuses a concurrency below one', () => {
    expect(() => new Slots(0)).toThrow(RangeError);
  });
});
