/**
 * Signed, expiring document links (issue 6 §5): `pdfUrl` and `jsonUrl` carry a jose-signed token (HS256) bound to
 * one invoice, one tenant, one kind and an expiry. The HTTP server opens exactly that document with it, without an
 * API key; a token for one invoice or kind never opens another (the route compares the token's claims with the URL).
 */
import { hkdfSync } from 'node:crypto';
import path from 'node:path';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Config } from '../../config.js';
import type { App } from '../../core/app.js';
import { loadOrCreateMasterKey, parseMasterKey } from '../../signing/index.js';

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
  constructor(public readonly code: 'LINK_EXPIRED' | 'LINK_INVALID' | 'LINK_MISMATCH', message: string) {
    super(message);
    this.name = 'DocumentLinkError';
  }
}

const AUDIENCE = 'fx-document';
const keyCache = new WeakMap<object, Uint8Array>();

/** A key of its own for links, derived from the master key (HKDF), so a leaked link key reveals no other secret. */
export function linkKey(source: App | Config): Uint8Array {
  const cached = keyCache.get(source);
  if (cached) return cached;
  const master = isApp(source)
    ? source.mh.masterKey
    : source.masterKey ? parseMasterKey(source.masterKey) : loadOrCreateMasterKey(path.join(source.dataDir, 'master.key'));
  const key = new Uint8Array(hkdfSync('sha256', master, 'facturaxpress', 'document-links/v1', 32));
  keyCache.set(source, key);
  return key;
}

function isApp(source: App | Config): source is App {
  return 'config' in source && 'mh' in source;
}

export function configOf(source: App | Config): Config {
  return isApp(source) ? source.config : source;
}

export async function signDocumentToken(source: App | Config, subject: LinkSubject, kind: DocumentKind, issuedAt: Date = new Date()): Promise<string> {
  const tenantId = typeof subject.tenant === 'string' ? subject.tenant : subject.tenant.id;
  const iat = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({ tid: tenantId, knd: kind })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject.id)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + configOf(source).notifications.documentLinkTtlSeconds)
    .sign(linkKey(source));
}

/**
 * The two links of an invoice. `issuedAt` fixes the expiry (issuedAt + TTL): webhook retries of one message pass
 * the message's creation time, so every attempt carries byte-identical links.
 */
export async function documentLinks(source: App | Config, invoice: LinkSubject, issuedAt: Date = new Date()): Promise<DocumentLinks> {
  const base = `${configOf(source).publicUrl.replace(/\/$/, '')}${DOCUMENT_ROUTE}/${invoice.id}`;
  const [pdf, json] = await Promise.all([signDocumentToken(source, invoice, 'pdf', issuedAt), signDocumentToken(source, invoice, 'json', issuedAt)]);
  return { pdfUrl: `${base}.pdf?token=${pdf}`, jsonUrl: `${base}.json?token=${json}` };
}

/** Verifies a token and that it was issued for exactly this invoice and kind. */
export async function verifyDocumentToken(source: App | Config, token: string, expected: { invoiceId: string; kind: DocumentKind }, now: Date = new Date()): Promise<DocumentClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, linkKey(source), { audience: AUDIENCE, algorithms: ['HS256'], currentDate: now }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new DocumentLinkError('LINK_EXPIRED', 'this document link has expired');
    throw new DocumentLinkError('LINK_INVALID', 'this document link is not valid');
  }
  if (payload.sub !== expected.invoiceId || payload.knd !== expected.kind || typeof payload.tid !== 'string') {
    throw new DocumentLinkError('LINK_MISMATCH', 'this link was issued for another document');
  }
  return { invoiceId: payload.sub, tenantId: payload.tid, kind: expected.kind, expiresAt: new Date((payload.exp ?? 0) * 1000) };
}
