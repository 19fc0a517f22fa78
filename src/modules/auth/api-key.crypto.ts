import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export type KeyKind = 'test' | 'live' | 'admin';

/**
 * `fx_test_…` acts on ambiente 00, `fx_live_…` on 01, `fx_admin_…` manages the platform. 32 random bytes, base64url.
 */
export function generateApiKey(kind: KeyKind): { raw: string; prefix: string; hash: string } {
  const raw = `fx_${kind}_${randomBytes(32).toString('base64url')}`;
  return { raw, prefix: raw.slice(0, `fx_${kind}_`.length + 6), hash: hashApiKey(raw) };
}

/** sha256 of the key, hex, in one call: every request with an API key hashes it, and a Hash object costs more. */
export function hashApiKey(raw: string): string {
  return hash('sha256', raw, 'hex');
}

export function looksLikeApiKey(value: string): boolean {
  return /^fx_(test|live|admin)_[A-Za-z0-9_-]{20,}$/.test(value);
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
