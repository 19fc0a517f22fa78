import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compactJws, jsonbOrder, storedJws, storedJwsOfSigned } from '../../src/modules/invoices/invoice-jws.js';
import { signDte } from '../../src/signing/index.js';
import { creditoFiscal, factura, notaCredito } from '../documents/samples.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('what the row stores of a JWS just signed', () => {
  it('is what storedJws stores, for documents in the row’s key order and in any other', async () => {
    for (const sample of [factura(), creditoFiscal(), notaCredito()]) {
      for (const doc of [jsonbOrder(sample) as object, sample]) {
        const jws = await signDte(doc, privateKey);
        expect(storedJwsOfSigned(jws, doc)).toBe(storedJws(jws, doc));
        expect(compactJws({ jws: storedJwsOfSigned(jws, doc), document: doc })).toBe(jws);
      }
    }
  });

  it('keeps the payload out only when the row gives the same document back', async () => {
    const inRowOrder = jsonbOrder(factura()) as object;
    const detached = storedJwsOfSigned(await signDte(inRowOrder, privateKey), inRowOrder);
    expect(detached).toMatch(/^eyJhbGciOiJSUzUxMiJ9\.\.[A-Za-z0-9_-]{300,}$/);
    const other = { resumen: { b: 1, a: 2 }, identificacion: { version: 1 } };
    const whole = await signDte(other, privateKey);
    expect(storedJwsOfSigned(whole, other)).toBe(whole);
    expect(storedJwsOfSigned('a.b', inRowOrder)).toBe('a.b');
  });

  it('tells the row’s key order apart from any other, key by key (ASCII and not)', () => {
    const jwsOf = (doc: object) =>
      `eyJhbGciOiJSUzUxMiJ9.${Buffer.from(JSON.stringify(doc)).toString('base64url')}.c2ln`;
    const cases: [object, boolean][] = [
      [{ a: 1, bb: 2, ccc: { d: [{ e: 1, ff: 2 }] } }, true],
      [{ bb: 1, a: 2 }, false],
      [{ ab: 1, aa: 2 }, false],
      [{ aa: 1, ab: 2 }, true],
      [{ a: 1, b: [{ ff: 1, e: 2 }] }, false],
      // 'ñ' is one character but two bytes: after 'zz' (two bytes, 0x7a < 0xc3), before 'abc'
      [{ zz: 1, ñ: 2, abc: 3 }, true],
      [{ ñ: 1, zz: 2 }, false],
      [{ ab: 1, ñ: 2 }, true],
      [{ ñ: 1, ab: 2 }, false],
      [{ ña: 1, ñb: 2 }, true],
      [{ ñb: 1, ña: 2 }, false],
    ];
    for (const [doc, inOrder] of cases) {
      const jws = jwsOf(doc);
      const stored = storedJwsOfSigned(jws, doc);
      expect(stored).toBe(storedJws(jws, doc));
      expect(stored === 'eyJhbGciOiJSUzUxMiJ9..c2ln').toBe(inOrder);
      expect(JSON.stringify(jsonbOrder(doc)) === JSON.stringify(doc)).toBe(inOrder);
    }
  });
});
