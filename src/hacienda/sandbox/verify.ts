import { isUtf8 } from 'node:buffer';
import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { DTE_JWS_HEADER_B64, rs512Key, verifyDteJwsSync } from '../../signing/jws.js';

/**
 * verifyDteJwsSync's answer for a received document: the decoded, verified payload, or its JwsError. A JWS as MH's
 * firmador writes it (the protected header exactly `eyJhbGciOiJSUzUxMiJ9`, three base64url parts, a verifying
 * signature, a UTF-8 JSON object as payload) is verified here without decoding the header or going through the fatal
 * TextDecoder (the payload's UTF-8 is checked by isUtf8; the key as verifyDteJwsSync checks it); anything else, valid
 * or not, goes through verifyDteJwsSync itself, which accepts or refuses it with its own error.
 * A part is base64url as the firmador writes it when its decoded bytes encode back to exactly its text: only base64url
 * characters, no padding, no stray bits (a pattern test over the ≈ 3.5 kB of a document cost ≈ 4 times the decoding).
 */
export function verifyReceived(jws: string, key: KeyObject): Record<string, unknown> {
  return fastVerify(jws, key) ?? verifyDteJwsSync(jws, key);
}

function fastVerify(jws: string, key: KeyObject): Record<string, unknown> | null {
  const h = DTE_JWS_HEADER_B64.length;
  if (!jws.startsWith(DTE_JWS_HEADER_B64) || jws.charCodeAt(h) !== 0x2e) return null;
  const dot = jws.indexOf('.', h + 1);
  if (dot < 0 || jws.indexOf('.', dot + 1) >= 0) return null;
  const payload = jws.slice(h + 1, dot);
  const signature = jws.slice(dot + 1);
  const bytes = base64url(payload);
  if (!bytes) return null;
  const sig = base64url(signature);
  if (!sig || !rs512Key(key)) return null;
  let ok: boolean;
  try {
    ok = cryptoVerify('sha512', Buffer.from(jws.slice(0, dot), 'latin1'), key, sig);
  } catch {
    return null;
  }
  if (!ok || !isUtf8(bytes)) return null;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The bytes of a non-empty part written in canonical base64url (null for anything else). */
function base64url(part: string): Buffer | null {
  if (!part) return null;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : null;
}
