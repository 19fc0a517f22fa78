import { describe, expect, it } from 'vitest';
import { isUuid } from '../../src/core/guards.js';
import { uuidV7 } from '../../src/core/uuid-v7.js';

describe('uuidV7', () => {
  it('is a UUID of version 7 and variant 10 whose first 48 bits are the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 29, 12, 0, 0, 123);
    const id = uuidV7(at);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by creation time, and ids of one millisecond still differ', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => uuidV7(1_800_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 100; i < ids.length; i += 100) expect(ids[i - 1]!.slice(0, 13) < ids[i]!.slice(0, 13)).toBe(true);
    // the random part varies (74 bits): no two of a millisecond share it
    const randomParts = new Set(ids.map((id) => id.slice(15)));
    expect(randomParts.size).toBe(ids.length);
  });
});
