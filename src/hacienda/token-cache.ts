import type { Ambiente } from './types.js';

/** Tokens per (ambiente, user). MH tokens last 24 h in production and 48 h in test. */
export const TOKEN_LIFETIME_MS: Record<Ambiente, number> = { '01': 24 * 3_600_000, '00': 48 * 3_600_000 };

interface Entry {
  token: string;
  expiresAt: number;
}

export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly marginMs: number,
    private readonly now: () => number,
  ) {}

  static key(user: string, ambiente: Ambiente): string {
    return `${ambiente}:${user}`;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt > this.now()) return e;
    if (e) this.entries.delete(key);
    return undefined;
  }

  /** Stores a fresh token; it is treated as expired `marginMs` before MH's lifetime ends. */
  put(key: string, token: string, ambiente: Ambiente): Entry {
    const entry = { token, expiresAt: this.now() + Math.max(0, TOKEN_LIFETIME_MS[ambiente] - this.marginMs) };
    this.entries.set(key, entry);
    return entry;
  }

  /** Drops the token only if it is still the one that failed (another call may have refreshed it already). */
  invalidate(key: string, token: string): void {
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }
}
