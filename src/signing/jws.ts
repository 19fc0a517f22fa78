import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { JwsError } from './errors.js';

/**
 * MH's official firmador (jose4j) sets `alg` and nothing else, so the protected header is exactly `{"alg":"RS512"}`
 * (base64url `eyJhbGciOiJSUzUxMiJ9`) and MH verifies with the emitter's public key.
 */
export const DTE_JWS_HEADER = Object.freeze({ alg: 'RS512' as const });
export const DTE_JWS_HEADER_B64 = 'eyJhbGciOiJSUzUxMiJ9';

const decoder = new TextDecoder('utf-8', { fatal: true });

// RS512 (RFC 7518 §3.3) is RSASSA-PKCS1-v1_5 with SHA-512 over ASCII(b64url(header) '.' b64url(payload)): node:crypto
// computes it directly (the callback form on libuv's thread pool, as WebCrypto would), without WebCrypto's per-call
// wrapping. PKCS#1 v1.5 is deterministic: the signature is byte for byte the one jose or jose4j produce.

/** RS512 keys are RSA of 2048 bits or more (RFC 7518 §3.3). */
export const rs512Key = (key: KeyObject): boolean =>
  key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;

/** Signs a DTE (or an MH event) as compact JWS RS512; payload = UTF-8 `JSON.stringify(doc)`. */
export function signDte(doc: object, privateKey: KeyObject): Promise<string> {
  if (privateKey.type !== 'private' || !rs512Key(privateKey)) {
    return Promise.reject(new TypeError('RS512 needs an RSA private key of 2048 bits or more'));
  }
  const input = `${DTE_JWS_HEADER_B64}.${Buffer.from(JSON.stringify(doc), 'utf8').toString('base64url')}`;
  return new Promise((resolve, reject) =>
    cryptoSign('sha512', Buffer.from(input, 'latin1'), privateKey, (err, sig) =>
      err ? reject(err) : resolve(`${input}.${sig.toString('base64url')}`),
    ),
  );
}

/**
 * Verifies a DTE JWS with the emitter's public key and returns the decoded JSON object.
 * Rejects any header other than exactly `{"alg":"RS512"}` — MH's format has no other member.
 */
export async function verifyDteJws(jws: string, publicKey: KeyObject): Promise<Record<string, unknown>> {
  return verifyDteJwsSync(jws, publicKey);
}

/** verifyDteJws without the promise (RSA verification is a fraction of a millisecond): throws JwsError. */
export function verifyDteJwsSync(jws: string, publicKey: KeyObject): Record<string, unknown> {
  const parts = splitCompact(jws);
  assertExactHeader(parts[0]);
  if (!rs512Key(publicKey)) {
    throw new JwsError('JWS_MALFORMED', 'JWS could not be verified: RS512 needs an RSA key of 2048 bits or more');
  }
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'latin1');
  const signature = Buffer.from(parts[2], 'base64url');
  let ok: boolean;
  try {
    ok = cryptoVerify('sha512', signed, publicKey, signature);
  } catch (err) {
    throw new JwsError('JWS_MALFORMED', `JWS could not be verified: ${(err as Error).message}`);
  }
  if (!ok) throw new JwsError('JWS_BAD_SIGNATURE', 'JWS signature does not verify with the given public key');
  return parseJsonObject(Buffer.from(parts[1], 'base64url'));
}

/**
 * Decodes the payload WITHOUT verifying it. Only for routing (e.g. reading `emisor.nit` to find which key to verify
 * with); never trust the result before `verifyDteJws`.
 */
export function decodeDteJwsUnverified(jws: string): Record<string, unknown> {
  const parts = splitCompact(jws);
  return parseJsonObject(Buffer.from(parts[1], 'base64url'));
}

function splitCompact(jws: string): [string, string, string] {
  if (typeof jws !== 'string') throw new JwsError('JWS_MALFORMED', 'JWS must be a string');
  const parts = jws.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[1] || !parts[2]) {
    throw new JwsError('JWS_MALFORMED', 'JWS must be compact serialization: three base64url parts separated by "."');
  }
  return parts as [string, string, string];
}

function assertExactHeader(headerB64: string): void {
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(Buffer.from(headerB64, 'base64url')));
  } catch {
    throw new JwsError('JWS_BAD_HEADER', 'JWS protected header is not valid JSON');
  }
  const ok =
    header !== null &&
    typeof header === 'object' &&
    !Array.isArray(header) &&
    Object.keys(header).length === 1 &&
    (header as { alg?: unknown }).alg === 'RS512';
  if (!ok)
    throw new JwsError('JWS_BAD_HEADER', `JWS protected header must be exactly {"alg":"RS512"} (MH signature rules)`);
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new JwsError('JWS_BAD_PAYLOAD', 'JWS payload is not UTF-8 JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JwsError('JWS_BAD_PAYLOAD', 'JWS payload must be a JSON object');
  }
  return value as Record<string, unknown>;
}
