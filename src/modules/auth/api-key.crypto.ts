import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../core/canonical-json.js';

export type KeyKind = 'test' | 'live' | 'admin';

/**
 * `fx_test_…` acts on ambiente 00, `fx_live_…` on 01, `fx_admin_…` manages the platform. 32 random bytes, base64url.
 */
export function generateApiKey(kind: KeyKind): { raw: string; prefix: string; hash: string } {
  const raw = `fx_${kind}_${randomBytes(32).toString('base64url')}`;
  return { raw, prefix: raw.slice(0, `fx_${kind}_`.length + 6), hash: hashApiKey(raw) };
}

/** sha256 of the key, hex (every request with an API key hashes it). */
export function hashApiKey(raw: string): string {
  return sha256Hex(raw);
}

export function looksLikeApiKey(value: string): boolean {
  return /^fx_(test|live|admin)_[A-Za-z0-9_-]{20,}$/.test(value);
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
