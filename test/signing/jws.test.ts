import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSigner,
  JwsError,
  signDte,
  verifyDteJws,
  decodeDteJwsUnverified,
  DTE_JWS_HEADER_B64,
} from '../../src/signing/index.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const doc = {
  identificacion: { version: 2, tipoDte: '01', codigoGeneracion: 'A1B2C3D4-0000-4000-8000-000000000001' },
  resumen: { totalLetras: 'CIEN 00/100 DÓLARES' },
};

describe('signDte / verifyDteJws', () => {
  it(
    'produces a compact JWS whose protected header is exactly ' +
      '{"alg":"RS512"} and that verifies with the public key',
    async () => {
      const jws = await signDte(doc, privateKey);
      const [h, p, s] = jws.split('.');
      expect(h).toBe(DTE_JWS_HEADER_B64);
      expect(Buffer.from(h!, 'base64url').toString()).toBe('{"alg":"RS512"}');
      expect(Buffer.from(p!, 'base64url').toString('utf8')).toBe(JSON.stringify(doc));
      expect(Buffer.from(s!, 'base64url')).toHaveLength(256);
      expect(await verifyDteJws(jws, publicKey)).toEqual(doc);
      expect(decodeDteJwsUnverified(jws)).toEqual(doc);
    },
  );

  it('signs byte for byte as jose (RSASSA-PKCS1-v1_5 SHA-512), and verifies what jose signed', async () => {
    const { CompactSign } = await import('jose');
    const fromJose = await new CompactSign(Buffer.from(JSON.stringify(doc)))
      .setProtectedHeader({ alg: 'RS512' })
      .sign(privateKey);
    expect(await signDte(doc, privateKey)).toBe(fromJose);
    expect(await verifyDteJws(fromJose, publicKey)).toEqual(doc);
  });

  it('refuses keys RS512 does not allow (not RSA, under 2048 bits)', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await expect(signDte(doc, ec.privateKey)).rejects.toThrow(/RSA private key/);
    await expect(signDte(doc, small.privateKey)).rejects.toThrow(/2048/);
    const jws = await signDte(doc, privateKey);
    await expect(verifyDteJws(jws, small.publicKey)).rejects.toMatchObject({ code: 'JWS_MALFORMED' });
  });

  it('refuses a signature from another key', async () => {
    const jws = await signDte(doc, other.privateKey);
    await expect(verifyDteJws(jws, publicKey)).rejects.toMatchObject({ name: 'JwsError', code: 'JWS_BAD_SIGNATURE' });
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = (await signDte(doc, privateKey)).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...doc, x: 1 })).toString('base64url')}.${s}`;
    await expect(verifyDteJws(forged, publicKey)).rejects.toMatchObject({ code: 'JWS_BAD_SIGNATURE' });
  });

  it('refuses any extra header member even when correctly signed', async () => {
    const { CompactSign } = await import('jose');
    const jws = await new CompactSign(Buffer.from(JSON.stringify(doc)))
      .setProtectedHeader({ alg: 'RS512', typ: 'JWT' })
      .sign(privateKey);
    await expect(verifyDteJws(jws, publicKey)).rejects.toMatchObject({ code: 'JWS_BAD_HEADER' });
  });

  it('refuses non-compact input', async () => {
    await expect(verifyDteJws('abc.def', publicKey)).rejects.toBeInstanceOf(JwsError);
    expect(() => decodeDteJwsUnverified('not a jws')).toThrow(JwsError);
  });
});

describe('createSigner', () => {
  it.each(['main', 'workers'] as const)(
    'mode %s produces the same RS512 JWS as signDte (PKCS#1 v1.5 is deterministic)',
    async (mode) => {
      const signer = createSigner({ mode, workers: 2 });
      try {
        const results = await Promise.all([1, 2, 3, 4].map((n) => signer.sign({ ...doc, n }, pem)));
        for (const [i, jws] of results.entries()) {
          expect(jws).toBe(await signDte({ ...doc, n: i + 1 }, privateKey));
          expect(await verifyDteJws(jws, publicKey)).toEqual({ ...doc, n: i + 1 });
        }
      } finally {
        await signer.close();
      }
    },
  );

  it('workers mode reports a bad key as an error instead of hanging', async () => {
    const signer = createSigner({ mode: 'workers', workers: 1 });
    try {
      await expect(signer.sign(doc, 'not a pem')).rejects.toThrow(/signing failed/);
    } finally {
      await signer.close();
    }
  });
});
