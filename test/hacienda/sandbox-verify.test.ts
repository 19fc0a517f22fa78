// The sandbox's verification of a received document answers exactly as verifyDteJwsSync: the same payload for a JWS it
// accepts, the same JwsError (code and message) for one it refuses, whichever path answered.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDteJwsSync } from '../../src/signing/jws.js';
import { verifyReceived } from '../../src/hacienda/sandbox/verify.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
/** A JWS over exactly these header and payload texts (bytes), signed RS512 with `key`. */
function jwsOf(header: string | Buffer, payload: string | Buffer, key = privateKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const sig = createSign('sha512').update(Buffer.from(input, 'latin1')).sign(key);
  return `${input}.${sig.toString('base64url')}`;
}

/** A JWS signed RS512 over exactly these texts (whatever their characters). */
function jwsOfTexts(header: string, payload: string, key = privateKey): string {
  const sig = createSign('sha512')
    .update(Buffer.from(`${header}.${payload}`, 'latin1'))
    .sign(key);
  return `${header}.${payload}.${sig.toString('base64url')}`;
}
/** The same text with its last character's unused low bits set (it decodes to the same bytes). */
const strayBits = (t: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const unused = [0, 0, 4, 2][t.length % 4]!; // (0 for whole groups of 4 characters: nothing to set)
  return `${t.slice(0, -1)}${alphabet[alphabet.indexOf(t.at(-1)!) | ((1 << unused) - 1)]}`;
};

const answer = (f: () => unknown) => {
  try {
    return { ok: f() };
  } catch (err) {
    return { name: (err as Error).name, code: (err as { code?: string }).code, message: (err as Error).message };
  }
};

const doc = { identificacion: { version: 1, tipoDte: '01' }, resumen: { totalLetras: 'CIEN 00/100 DÓLARES' } };
const H = '{"alg":"RS512"}';
const good = jwsOf(H, JSON.stringify(doc));
const [h, p, s] = good.split('.') as [string, string, string];

const cases: [string, string, KeyObject][] = [
  ['a document as the firmador signs it', good, publicKey],
  ['another key', good, other.publicKey],
  ['a key under 2048 bits', jwsOf(H, JSON.stringify(doc), small.privateKey), small.publicKey],
  ['a key that is not RSA', good, ec.publicKey],
  ['a changed payload', `${h}.${b64(JSON.stringify({ ...doc, x: 1 }))}.${s}`, publicKey],
  ['a changed signature', `${h}.${p}.${s.slice(0, -4)}AAAA`, publicKey],
  ['no signature', `${h}.${p}.`, publicKey],
  ['no payload', `${h}..${s}`, publicKey],
  ['four parts', `${good}.${s}`, publicKey],
  ['two parts', `${h}.${p}`, publicKey],
  ['a character outside base64url', `${h}.${p}=.${s}`, publicKey],
  ['another header', jwsOf('{"alg":"RS512","kid":"x"}', JSON.stringify(doc)), publicKey],
  ['the header with a space', jwsOf('{ "alg":"RS512"}', JSON.stringify(doc)), publicKey],
  ['a header that is not JSON', jwsOf('{alg', JSON.stringify(doc)), publicKey],
  ['a payload that is an array', jwsOf(H, '[1]'), publicKey],
  ['a payload that is null', jwsOf(H, 'null'), publicKey],
  ['a payload that is not JSON', jwsOf(H, '{"a":'), publicKey],
  ['a payload with a byte-order mark', jwsOf(H, `\uFEFF${JSON.stringify(doc)}`), publicKey],
  ['a payload that is not UTF-8', jwsOf(H, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), publicKey],
  ['an empty text', '', publicKey],
  [
    'a payload in base64 (+ and /), signed as written',
    jwsOfTexts(h, b64('{"a":"~~~???>>>"}').replace(/-/g, '+').replace(/_/g, '/')),
    publicKey,
  ],
  ['a payload with stray bits, signed as written', jwsOfTexts(h, strayBits(b64('{"a":1}'))), publicKey],
  [
    'a payload with stray bits, the signature of the canonical text',
    `${h}.${strayBits(b64('{"a":1}'))}.${jwsOf(H, '{"a":1}').split('.')[2]}`,
    publicKey,
  ],
  ['a signature with stray bits', `${h}.${p}.${strayBits(s)}`, publicKey],
  ['a padded payload, signed as written', jwsOfTexts(h, `${b64('{"a":1}')}=`), publicKey],
];

describe('the sandbox verifies a received JWS as verifyDteJwsSync does', () => {
  it.each(cases)('%s', (_name, jws, key) => {
    expect(answer(() => verifyReceived(jws, key))).toEqual(answer(() => verifyDteJwsSync(jws, key)));
  });

  it('has cases whose parts are not canonical base64url', () => {
    expect(b64('{"a":"~~~???>>>"}')).toMatch(/[-_]/);
    expect(b64('{"a":1}').length % 4).not.toBe(0);
    expect(s.length % 4).not.toBe(0);
  });

  it("accepts the firmador's document and refuses a forged one", () => {
    expect(verifyReceived(good, publicKey)).toEqual(doc);
    expect(answer(() => verifyReceived(good, other.publicKey))).toMatchObject({ code: 'JWS_BAD_SIGNATURE' });
  });
});
