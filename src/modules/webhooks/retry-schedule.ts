/**
 * Delivery retry schedule: attempt 1 at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
 * 24 h after the previous failure; after attempt 10 fails we give up. Delays get ±20 % jitter so that endpoints
 * that failed together do not all retry in the same second.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** RETRY_DELAYS_MS[n] = wait before attempt n + 1 (attempt numbers start at 1). */
export const RETRY_DELAYS_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;
export const JITTER = 0.2;

/**
 * When attempt `attemptNumber` (1-based) should run, counted from `from` (the previous failure, or the event for
 * attempt 1). Returns null once the schedule is exhausted. `random` is injectable for tests.
 */
export function nextAttemptAt(attemptNumber: number, from: Date, random: () => number = Math.random): Date | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1) {
    throw new RangeError(`attemptNumber must be a positive integer, got ${attemptNumber}`);
  }
  if (attemptNumber > MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attemptNumber - 1]!;
  const factor = 1 + JITTER * (2 * random() - 1);
  return new Date(from.getTime() + Math.round(base * factor));
}
