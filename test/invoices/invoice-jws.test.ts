import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { archivoDte } from '../../src/modules/documents/archivo-dte.js';
import type { DteJson } from '../../src/modules/documents/index.js';
import { composeDteEmail } from '../../src/modules/email/dte-email.js';
import {
  compactJws,
  compactJwsAndJson,
  detachedJws,
  jsonbOrder,
  signedDocument,
  storedJws,
  storedJwsOfSigned,
} from '../../src/modules/invoices/invoice-jws.js';
import { signDte } from '../../src/signing/index.js';
import * as samples from '../documents/samples.js';
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

/** Every sample type, and each twisted in the ways a document's JSON text can differ: texts, numbers, key orders. */
function documents(): Record<string, unknown>[] {
  const bases = [
    samples.factura(),
    samples.creditoFiscal(),
    samples.sujetoExcluido(),
    samples.exportacion(),
    samples.retencion(),
    samples.donacion(),
    samples.liquidacionContable(),
    samples.notaCredito(),
    samples.longFactura(60),
  ];
  const texts = [
    'Ñandú "Peña" \\ </script> & <b>',
    'línea\nsegunda\tcon\u0001control\u007f',
    '\u2028\u2029 😀 𝔘 \ud800 suelto \udfff',
    'ASCII only',
  ];
  const numbers = [0.1 + 0.2, 1e21, 123456789.123, -0.5, 5e-7, 2 ** 53 + 2, 0];
  const out: Record<string, unknown>[] = [];
  bases.forEach((base, b) => {
    out.push(base);
    texts.forEach((text, i) => {
      const doc = structuredClone(base) as Record<string, Record<string, unknown> | null>;
      const party = doc['receptor'] ?? doc['sujetoExcluido'] ?? doc['donante'];
      if (party) party['nombre'] = text;
      doc['apendice'] = [
        { campo: `c${i}`, etiqueta: text, valor: numbers[(b + i) % numbers.length] },
        { ñ: 1, zz: 2, a: [{ bb: text, a: null, ccc: [true, false] }] },
      ] as never;
      const resumen = doc['resumen'];
      if (resumen) resumen['totalPagar'] = numbers[(b * 3 + i) % numbers.length];
      out.push(doc);
    });
  });
  return out;
}

/** A document as the row gives it back: JSON's values, jsonb's key order. */
const asRow = (doc: object) => jsonbOrder(JSON.parse(JSON.stringify(doc))) as Record<string, unknown>;
const fakeJws = (doc: object) =>
  `eyJhbGciOiJSUzUxMiJ9.${Buffer.from(JSON.stringify(doc)).toString('base64url')}.c2lnbmF0dXJl`;

describe('the e-mail’s document and JWS', () => {
  it('compactJwsAndJson: compactJws and JSON.stringify of the document, in jsonb’s order or not', () => {
    let detached = 0;
    for (const doc of documents()) {
      for (const document of [asRow(doc), doc, JSON.parse(JSON.stringify(doc)) as object]) {
        const jws = fakeJws(document);
        for (const stored of [storedJws(jws, document), jws, detachedJws(jws), null]) {
          if (stored === detachedJws(jws) && stored === storedJws(jws, document)) detached += 1;
          const inv = { jws: stored, document };
          expect(compactJwsAndJson(inv)).toEqual({ jws: compactJws(inv), json: JSON.stringify(document) });
        }
      }
    }
    expect(detached).toBeGreaterThan(40);
  });

  it('a JWS of the row’s document gives it back: the same JSON, JWS, Archivo DTE and e-mail', async () => {
    const { privateKey: key } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const all = documents();
    for (const [n, doc] of all.entries()) {
      const row = asRow(doc);
      // a few signed for real, the rest with a stand-in signature (the payload is what is compared)
      const jws = n % 8 === 0 ? await signDte(row, key) : fakeJws(row);
      const stored = storedJwsOfSigned(jws, row);
      expect(stored).toBe(detachedJws(jws));
      const fromRow = { jws: stored, document: row, selloRecibido: `SELLO-${n}` };
      const signed = signedDocument(jws);
      const fromJws = { jws, document: signed.document, selloRecibido: `SELLO-${n}` };
      expect(signed.json).toBe(JSON.stringify(row));
      expect(Object.is(signed.document, row)).toBe(false);
      expect(JSON.stringify(signed.document)).toBe(JSON.stringify(row));
      expect(compactJws(fromJws)).toBe(jws);
      expect(compactJws(fromRow)).toBe(jws);
      const archivoRow = archivoDte(fromRow)!;
      const archivoJws = archivoDte(fromJws, jws)!;
      const json = JSON.stringify(archivoRow, null, 2);
      expect(JSON.stringify(archivoJws, null, 2)).toBe(json);
      const email = (archivo: object) =>
        composeDteEmail({ document: archivo as DteJson, pdf: null, json, emisorNombre: 'Clínica' });
      expect(email(archivoJws)).toEqual(email(archivoRow));
    }
  });
});
