/**
 * Signed, expiring document links: `pdfUrl` and `jsonUrl` carry a signed token (a JWT, HS256) bound to
 * one invoice, one tenant, one kind and an expiry. The HTTP server opens exactly that document with it, without an
 * API key; a token for one invoice or kind never opens another (the route compares the token's claims with the URL).
 */
import { createHash, hash, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';

export type DocumentKind = 'pdf' | 'json';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['pdf', 'json'];
export const DOCUMENT_ROUTE = '/documents';

export interface DocumentLinks {
  pdfUrl: string;
  jsonUrl: string;
}

export interface LinkSubject {
  id: string;
  tenant: { id: string } | string;
}

export interface DocumentClaims {
  invoiceId: string;
  tenantId: string;
  kind: DocumentKind;
  expiresAt: Date;
}

export class DocumentLinkError extends Error {
  constructor(
    public readonly code: 'LINK_EXPIRED' | 'LINK_INVALID' | 'LINK_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'DocumentLinkError';
  }
}

const AUDIENCE = 'fx-document';

/** What signs and verifies this process's links (document and report links): built once, held by the App. */
export interface LinkSigner {
  /** A key of its own for links, derived from the master key (HKDF), so a leaked link key reveals no other secret. */
  readonly key: Uint8Array;
  /** The service's public base URL, without a trailing slash. */
  readonly publicUrl: string;
  /** How long a link stays valid from its issue time. */
  readonly ttlSeconds: number;
}

/** The URL and lifetime are read from `config` at each use (a server on an ephemeral port learns its URL late). */
export function createLinkSigner(
  masterKey: Uint8Array,
  config: Pick<Config, 'publicUrl' | 'notifications'>,
): LinkSigner {
  const key = new Uint8Array(hkdfSync('sha256', masterKey, 'facturaxpress', 'document-links/v1', 32));
  // (the trimmed URL kept while the configured one is unchanged: every link reads it)
  let configured: string | undefined;
  let trimmed = '';
  return {
    key,
    get publicUrl() {
      if (config.publicUrl !== configured) {
        configured = config.publicUrl;
        trimmed = configured.replace(/\/$/, '');
      }
      return trimmed;
    },
    get ttlSeconds() {
      return config.notifications.documentLinkTtlSeconds;
    },
  };
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/** A key's two padded blocks (RFC 2104), each with room after it for what is hashed behind it. */
interface HmacPads {
  /** K ⊕ ipad, then room for a message of up to MESSAGE_ROOM bytes. */
  inner: Buffer;
  /** K ⊕ opad, then the inner digest. */
  outer: Buffer;
}
const BLOCK = 64;
const DIGEST = 32;
/** A link's signing input is ≈ 200 bytes; a longer message is hashed from a buffer of its own. */
const MESSAGE_ROOM = 2048;
const hmacPads = new WeakMap<Uint8Array, HmacPads>();

function padsOf(key: Uint8Array): HmacPads {
  let p = hmacPads.get(key);
  if (p) return p;
  const k = key.length > BLOCK ? createHash('sha256').update(key).digest() : key;
  const inner = Buffer.alloc(BLOCK + MESSAGE_ROOM, 0x36);
  const outer = Buffer.alloc(BLOCK + DIGEST, 0x5c);
  for (let i = 0; i < k.length; i++) {
    inner[i]! ^= k[i]!;
    outer[i]! ^= k[i]!;
  }
  p = { inner, outer };
  hmacPads.set(key, p);
  return p;
}

/**
 * HMAC-SHA256 (RFC 2104) of `message`'s UTF-8 bytes by two one-shot SHA-256 (`crypto.hash`): over K ⊕ ipad followed
 * by the message, then over K ⊕ opad followed by that digest. The padded blocks are made once per key and the message
 * is written behind its block; no Hash object is made, copied or fed (copying a keyed state for every link cost more
 * than the rest of an emission's answer). The outer digest comes in the encoding asked for (base64url for a link).
 * The same bytes as createHmac (a test compares them on many keys and messages).
 */
export function hmacSha256(key: Uint8Array, message: string): Buffer;
export function hmacSha256(key: Uint8Array, message: string, encoding: 'base64url'): string;
export function hmacSha256(
  key: Uint8Array,
  message: string,
  encoding: 'buffer' | 'base64url' = 'buffer',
): Buffer | string {
  const p = padsOf(key);
  // (a UTF-16 unit is at most 3 bytes of UTF-8: a message of up to a third of the room always fits)
  const inner =
    message.length * 3 <= MESSAGE_ROOM
      ? hash('sha256', p.inner.subarray(0, BLOCK + p.inner.write(message, BLOCK, 'utf8')), 'buffer')
      : hash('sha256', Buffer.concat([p.inner.subarray(0, BLOCK), Buffer.from(message, 'utf8')]), 'buffer');
  p.outer.set(inner, BLOCK);
  return hash('sha256', p.outer, encoding);
}

/**
 * A compact JWS (HS256) signed synchronously with node:crypto: links are signed for every listed invoice and
 * every webhook, and the HMAC through WebCrypto cost more than the documents' RSA signatures.
 */
export function signDocumentToken(
  signer: LinkSigner,
  subject: LinkSubject,
  kind: DocumentKind,
  issuedAt: Date = new Date(),
): string {
  const tenantId = typeof subject.tenant === 'string' ? subject.tenant : subject.tenant.id;
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const exp = iat + signer.ttlSeconds;
  const claims = { tid: tenantId, knd: kind, sub: subject.id, aud: AUDIENCE, iat, exp };
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${hmacSha256(signer.key, input, 'base64url')}`;
}

interface TokenPayload {
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  tid?: unknown;
  knd?: unknown;
}

/** The token's claims when its signature is ours, else null (malformed, another algorithm or another key). */
function verifiedPayload(key: Uint8Array, token: string): TokenPayload | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = hmacSha256(key, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    return payload && typeof payload === 'object' ? (payload as TokenPayload) : null;
  } catch {
    return null;
  }
}

/**
 * The two links of an invoice. `issuedAt` fixes the expiry (issuedAt + TTL): webhook retries of one message pass
 * the message's creation time, so every attempt carries byte-identical links.
 */
export function documentLinks(signer: LinkSigner, invoice: LinkSubject, issuedAt: Date = new Date()): DocumentLinks {
  return {
    pdfUrl: documentLink(signer, invoice, 'pdf', issuedAt),
    jsonUrl: documentLink(signer, invoice, 'json', issuedAt),
  };
}

/** One of the two links (a GraphQL selection of pdfUrl alone signs only that one). */
export function documentLink(
  signer: LinkSigner,
  invoice: LinkSubject,
  kind: DocumentKind,
  issuedAt: Date = new Date(),
): string {
  const token = signDocumentToken(signer, invoice, kind, issuedAt);
  return `${signer.publicUrl}${DOCUMENT_ROUTE}/${invoice.id}.${kind}?token=${token}`;
}

/** Verifies a token and that it was issued for exactly this invoice and kind. */
export function verifyDocumentToken(
  signer: LinkSigner,
  token: string,
  expected: { invoiceId: string; kind: DocumentKind },
  now: Date = new Date(),
): DocumentClaims {
  const payload = verifiedPayload(signer.key, token);
  if (!payload || payload.aud !== AUDIENCE || typeof payload.exp !== 'number')
    throw new DocumentLinkError('LINK_INVALID', 'this document link is not valid');
  if (payload.exp <= Math.floor(now.getTime() / 1000))
    throw new DocumentLinkError('LINK_EXPIRED', 'this document link has expired');
  if (
    typeof payload.sub !== 'string' ||
    payload.sub !== expected.invoiceId ||
    payload.knd !== expected.kind ||
    typeof payload.tid !== 'string'
  ) {
    throw new DocumentLinkError('LINK_MISMATCH', 'this link was issued for another document');
  }
  return {
    invoiceId: payload.sub,
    tenantId: payload.tid,
    kind: expected.kind,
    expiresAt: new Date(payload.exp * 1000),
  };
}
