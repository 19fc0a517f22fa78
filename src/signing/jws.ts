import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, errors as joseErrors } from 'jose';
import { JwsError } from './errors.js';

/**
 * MH's official firmador (jose4j) sets `alg` and nothing else, so the protected header is exactly `{"alg":"RS512"}`
 * (base64url `eyJhbGciOiJSUzUxMiJ9`) and MH verifies with the emitter's public key.
 */
export const DTE_JWS_HEADER = Object.freeze({ alg: 'RS512' as const });
export const DTE_JWS_HEADER_B64 = 'eyJhbGciOiJSUzUxMiJ9';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Signs a DTE (or an MH event) as compact JWS RS512; payload = UTF-8 `JSON.stringify(doc)`. */
export async function signDte(doc: object, privateKey: KeyObject): Promise<string> {
  const payload = encoder.encode(JSON.stringify(doc));
  return new CompactSign(payload).setProtectedHeader({ alg: 'RS512' }).sign(privateKey);
}

/**
 * Verifies a DTE JWS with the emitter's public key and returns the decoded JSON object.
 * Rejects any header other than exactly `{"alg":"RS512"}` — MH's format has no other member.
 */
export async function verifyDteJws(jws: string, publicKey: KeyObject): Promise<Record<string, unknown>> {
  const parts = splitCompact(jws);
  assertExactHeader(parts[0]);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, publicKey, { algorithms: ['RS512'] }));
  } catch (err) {
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new JwsError('JWS_BAD_SIGNATURE', 'JWS signature does not verify with the given public key');
    }
    throw new JwsError('JWS_MALFORMED', `JWS could not be verified: ${(err as Error).message}`);
  }
  return parseJsonObject(payload);
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
