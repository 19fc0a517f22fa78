import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt } from '../../src/modules/webhooks/retry-schedule.js';

const from = new Date('2026-03-05T10:00:00.000Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const SCHEDULE = [0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H];

describe('nextAttemptAt', () => {
  it('follows at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h without jitter', () => {
    const delays = SCHEDULE.map((_, i) => nextAttemptAt(i + 1, from, () => 0.5)!.getTime() - from.getTime());
    expect(delays).toEqual(SCHEDULE);
    expect(MAX_ATTEMPTS).toBe(10);
  });

  it('gives up after the tenth attempt', () => {
    expect(nextAttemptAt(11, from)).toBeNull();
    expect(nextAttemptAt(50, from)).toBeNull();
  });

  it('jitters each delay within ±20 %', () => {
    for (let attempt = 2; attempt <= 10; attempt += 1) {
      const base = SCHEDULE[attempt - 1]!;
      const low = nextAttemptAt(attempt, from, () => 0)!.getTime() - from.getTime();
      const high = nextAttemptAt(attempt, from, () => 0.999999)!.getTime() - from.getTime();
      expect(low).toBe(Math.round(base * 0.8));
      expect(high).toBeGreaterThan(base * 1.19);
      expect(high).toBeLessThanOrEqual(base * 1.2);
      const random = nextAttemptAt(attempt, from)!.getTime() - from.getTime();
      expect(random).toBeGreaterThanOrEqual(base * 0.8);
      expect(random).toBeLessThanOrEqual(base * 1.2);
    }
  });

  it('rejects attempt numbers below 1', () => {
    expect(() => nextAttemptAt(0, from)).toThrow(RangeError);
    expect(() => nextAttemptAt(1.5, from)).toThrow(RangeError);
  });
});
