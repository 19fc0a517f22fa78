import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateTestCertificate,
  importPemKeyPair,
  mhPasswordHash,
  parseMhCertificate,
  signDte,
  verifyDteJws,
} from '../../src/signing/index.js';
import { parseXml } from '../../src/signing/xml.js';

const password = 'Clave.Firma#2026';
const cert = generateTestCertificate({
  nit: '06142803901121',
  nrc: '1234567',
  nombre: 'CLÍNICA & ASOCIADOS',
  password,
  validDays: 30,
});

describe('parseMhCertificate', () => {
  it('imports an MH-shaped .crt and the keys sign/verify as a pair', async () => {
    const c = parseMhCertificate(cert.xml, password);
    expect(c.nit).toBe('06142803901121');
    expect(c.nrc).toBe('1234567');
    expect(c.subjectName).toBe('CLÍNICA & ASOCIADOS');
    expect(c.publicKeyPem).toBe(cert.publicKeyPem);
    expect(c.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(Math.abs(c.notBefore.getTime() - cert.notBefore.getTime())).toBeLessThan(1000);
    expect(Math.round((c.notAfter.getTime() - c.notBefore.getTime()) / 86_400_000)).toBe(30);
    const jws = await signDte({ a: 1 }, c.privateKey);
    expect(await verifyDteJws(jws, cert.publicKey)).toEqual({ a: 1 });
  });

  it('reads MH fractional epoch validity and line-wrapped base64 as in real files', () => {
    expect(cert.xml).toMatch(/<encodied>[A-Za-z0-9+/]{76}\n/);
    const xml = cert.xml.replace(/<notBefore>[^<]*</, '<notBefore>1766077700.807000000<');
    const c = parseMhCertificate(xml, password, { now: new Date(1766077800_000), allowOutsideValidity: false });
    expect(c.notBefore.toISOString()).toBe('2025-12-18T17:08:20.807Z');
  });

  it('refuses a wrong password with CERT_PASSWORD_MISMATCH', () => {
    expect(() => parseMhCertificate(cert.xml, 'otra')).toThrow(
      expect.objectContaining({ name: 'CertificateError', code: 'CERT_PASSWORD_MISMATCH' }),
    );
    expect(mhPasswordHash(password)).toMatch(/^[0-9a-f]{128}$/);
  });

  it('refuses malformed certificates with CERT_MALFORMED naming the field', () => {
    const cases: Array<[string, string | undefined]> = [
      ['', undefined],
      ['<CertificadoMH><nit>1</nit>', undefined],
      [cert.xml.replace('CertificadoMH>', 'Otro>').replace('</CertificadoMH>', '</Otro>'), 'Otro'],
      [
        cert.xml.replace(
          /<privateKey><keyType>PRIVATE<\/keyType><algorithm>RSA<\/algorithm><encodied>[^<]*/,
          '<privateKey><keyType>PRIVATE</keyType><algorithm>RSA</algorithm><encodied>AAAA',
        ),
        'privateKey/encodied',
      ],
      [cert.xml.replace(/<nit>\d+<\/nit>/, '<nit>12AB</nit>'), 'nit'],
      [cert.xml.replace(/<notAfter>[^<]*</, '<notAfter>mañana<'), 'certificado/basicEstructure/validity/notAfter'],
    ];
    for (const [xml, field] of cases) {
      let err: any;
      try {
        parseMhCertificate(xml, password);
      } catch (e) {
        err = e;
      }
      expect(err, xml.slice(0, 40)).toMatchObject({ code: 'CERT_MALFORMED' });
      if (field) expect(err.field).toBe(field);
    }
  });

  it('refuses a public key that does not match the private key (CERT_KEY_MISMATCH)', () => {
    const other = generateTestCertificate({ nit: '06142803901121', password, validDays: 30 });
    const otherPub = /<publicKey>.*?<\/publicKey>/s.exec(other.xml)![0];
    const xml = cert.xml.replace(/<publicKey>.*?<\/publicKey>/s, otherPub);
    expect(() => parseMhCertificate(xml, password)).toThrow(expect.objectContaining({ code: 'CERT_KEY_MISMATCH' }));
  });

  it('refuses an expired certificate unless asked to keep it', () => {
    const later = new Date(cert.notAfter.getTime() + 1000);
    expect(() => parseMhCertificate(cert.xml, password, { now: later })).toThrow(
      expect.objectContaining({ code: 'CERT_EXPIRED' }),
    );
    expect(parseMhCertificate(cert.xml, password, { now: later, allowOutsideValidity: true }).nit).toBe(
      '06142803901121',
    );
  });
});

describe('importPemKeyPair', () => {
  it('imports PKCS#8 and PKCS#1 PEM, derives the public key, refuses mismatches and garbage', () => {
    const pair = importPemKeyPair(cert.privateKeyPem, cert.publicKeyPem);
    expect(pair.publicKeyPem).toBe(cert.publicKeyPem);
    const pkcs1 = cert.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string;
    expect(importPemKeyPair(pkcs1).publicKeyPem).toBe(cert.publicKeyPem);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      format: 'pem',
      type: 'spki',
    }) as string;
    expect(() => importPemKeyPair(cert.privateKeyPem, other)).toThrow(
      expect.objectContaining({ code: 'CERT_KEY_MISMATCH' }),
    );
    expect(() => importPemKeyPair('nope')).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }) as string;
    expect(() => importPemKeyPair(ec)).toThrow(expect.objectContaining({ code: 'CERT_UNSUPPORTED_KEY' }));
  });
});

describe('xml reader', () => {
  it('handles declarations, comments, CDATA, attributes, entities and self-closing tags', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a x='1' ` +
        `y="&amp;"><b/><c>&lt;t&#233;&#x41;</c><d><![CDATA[<raw>]]></d></a>`,
    );
    expect(root.attributes).toEqual({ x: '1', y: '&' });
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c', 'd']);
    expect(root.children[1]!.text).toBe('<téA');
    expect(root.children[2]!.text).toBe('<raw>');
    expect(() => parseXml('<a><b></a>')).toThrow(/does not match/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/bare/);
  });
});
