import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createLinkSigner,
  DocumentLinkError,
  documentLinks,
  hmacSha256,
  signDocumentToken,
  verifyDocumentToken,
  type DocumentKind,
  type LinkSigner,
} from '../../src/modules/documents/links.js';
import { xorshift } from '../helpers/xorshift.js';

const next = xorshift(0x2545f491);
const bytes = (n: number) => Uint8Array.from({ length: n }, () => next() & 0xff);
/** A text of `length` UTF-16 units: ASCII, Latin-1, BMP, astral pairs and lone surrogates mixed. */
function text(length: number, ascii: boolean): string {
  let s = '';
  while (s.length < length) {
    const r = next();
    if (ascii) s += String.fromCharCode(0x21 + (r % 94));
    else if (r % 11 === 0)
      s += String.fromCharCode(0xd800 + (r % 0x800)); // a lone surrogate
    else if (r % 7 === 0) s += String.fromCodePoint(0x10000 + (r % 0xfffff));
    else if (r % 3 === 0) s += String.fromCharCode(0x80 + (r % 0xff80 > 0xd7ff - 0x80 ? 0x100 : r % 0xff80));
    else s += String.fromCharCode(r % 0x80);
  }
  return s;
}

const reference = (key: Uint8Array, message: string) => createHmac('sha256', key).update(message).digest();

/** The token as it was signed before: JSON claims and node's createHmac. */
function referenceToken(signer: LinkSigner, id: string, tenantId: string, kind: DocumentKind, issuedAt: Date) {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const claims = { tid: tenantId, knd: kind, sub: id, aud: 'fx-document', iat, exp: iat + signer.ttlSeconds };
  const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', signer.key).update(input).digest('base64url')}`;
}

describe('the links HMAC by one-shot SHA-256', () => {
  it('gives createHmac bytes for keys of 0–200 bytes and messages of every kind and length', () => {
    const keys = [0, 1, 16, 31, 32, 33, 63, 64, 65, 100, 128, 200].map(bytes);
    // around a third of the message room (682 units), the room itself (2048 bytes) and far past it
    const lengths = [0, 1, 2, 55, 56, 63, 64, 119, 120, 200, 340, 341, 342, 681, 682, 683, 700, 2047, 2048, 2049, 5000];
    let n = 0;
    for (const key of keys) {
      for (const length of lengths) {
        for (const ascii of [true, false]) {
          const m = text(length, ascii);
          const want = reference(key, m);
          expect(hmacSha256(key, m)).toEqual(want);
          expect(hmacSha256(key, m, 'base64url')).toBe(want.toString('base64url'));
          n++;
        }
      }
    }
    for (let i = 0; i < 2000; i++) {
      const key = keys[next() % keys.length]!;
      const m = text(next() % 900, next() % 2 === 0);
      expect(hmacSha256(key, m, 'base64url')).toBe(reference(key, m).toString('base64url'));
      n++;
    }
    expect(n).toBeGreaterThan(2500);
  });

  it('keeps each key apart when keys alternate, and a key of the same bytes in another array agrees', () => {
    const a = bytes(32);
    const b = bytes(32);
    const a2 = Uint8Array.from(a);
    for (let i = 0; i < 50; i++) {
      const m = text(next() % 300, true);
      expect(hmacSha256(a, m)).toEqual(reference(a, m));
      expect(hmacSha256(b, m)).toEqual(reference(b, m));
      expect(hmacSha256(a2, m)).toEqual(reference(a, m));
    }
  });

  it('signs document tokens byte for byte as before, and verifies them', () => {
    for (let i = 0; i < 500; i++) {
      const signer: LinkSigner = {
        key: bytes([32, 16, 64, 80][i % 4]!),
        publicUrl: 'https://fx.example',
        ttlSeconds: [600, 1, 86_400 * 7, 3600][i % 4]!,
      };
      const id = i % 5 === 0 ? text(1 + (next() % 60), false) : randomUUID();
      const tenantId = randomUUID();
      const kind: DocumentKind = i % 2 ? 'pdf' : 'json';
      const issuedAt = new Date(1_700_000_000_000 + next() * 997);
      const subject = i % 3 ? { id, tenant: tenantId } : { id, tenant: { id: tenantId } };
      const token = signDocumentToken(signer, subject, kind, issuedAt);
      expect(token).toBe(referenceToken(signer, id, tenantId, kind, issuedAt));
      const claims = verifyDocumentToken(signer, token, { invoiceId: id, kind }, issuedAt);
      expect(claims.tenantId).toBe(tenantId);
      // a token whose signature is off by one character is refused
      const last = token.at(-2) === 'A' ? 'B' : 'A';
      const forged = `${token.slice(0, -2)}${last}${token.at(-1)}`;
      expect(() => verifyDocumentToken(signer, forged, { invoiceId: id, kind }, issuedAt)).toThrow(DocumentLinkError);
    }
  });

  it("reads the public URL without its trailing slash, following the configuration's changes", () => {
    const config = { publicUrl: 'https://a.example/', notifications: { documentLinkTtlSeconds: 60 } };
    const signer = createLinkSigner(bytes(32), config as Parameters<typeof createLinkSigner>[1]);
    const at = new Date(1_700_000_000_000);
    const url = () => documentLinks(signer, { id: 'x', tenant: 't' }, at).pdfUrl.split('?')[0];
    expect(url()).toBe('https://a.example/documents/x.pdf');
    config.publicUrl = 'http://127.0.0.1:4321';
    expect(url()).toBe('http://127.0.0.1:4321/documents/x.pdf');
    config.publicUrl = 'http://b.example//';
    expect(url()).toBe('http://b.example//documents/x.pdf'); // (one slash trimmed, as before)
    config.notifications.documentLinkTtlSeconds = 120;
    const { pdfUrl } = documentLinks(signer, { id: 'x', tenant: 't' }, at);
    expect(pdfUrl.split('token=')[1]).toBe(referenceToken(signer, 'x', 't', 'pdf', at));
  });
});
