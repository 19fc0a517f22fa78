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
});
