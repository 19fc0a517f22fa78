import type { MhCertificate } from './certificate.js';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mhPasswordHash, pemKeyPair } from './certificate.js';
import { escapeXml } from './xml.js';

export interface TestCertificateInput {
  nit: string;
  nrc?: string;
  nombre?: string;
  password: string;
  /** Validity from now; default 365 days. */
  validDays?: number;
  /** Start of validity; default one minute ago (absorbs clock skew between processes). */
  notBefore?: Date;
}

/** The keys and validity of a parsed certificate, plus the MH-shaped `.crt` XML (root `<CertificadoMH>`). */
export type TestCertificate = Pick<
  MhCertificate,
  'nit' | 'privateKey' | 'publicKey' | 'privateKeyPem' | 'publicKeyPem' | 'notBefore' | 'notAfter'
> & { xml: string };

/**
 * Produces a self-issued certificate in MH's `.crt` XML shape with a fresh RSA-2048 key — for the demo tenant and
 * tests. It is NOT issued by MH: the real MH test/production environments will not accept its signatures.
 */
export function generateTestCertificate(input: TestCertificateInput): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const notBefore = input.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (input.validDays ?? 365) * 86_400_000);
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const xml = renderCertificateXml({ ...input, spki, pkcs8, notBefore, notAfter });
  return {
    xml,
    nit: input.nit,
    ...pemKeyPair(privateKey, publicKey),
    notBefore,
    notAfter,
  };
}

interface RenderInput extends TestCertificateInput {
  spki: Buffer;
  pkcs8: Buffer;
  notBefore: Date;
  notAfter: Date;
}

function renderCertificateXml(c: RenderInput): string {
  const e = (s: string) => escapeXml(s);
  const spki = mimeBase64(c.spki);
  const epoch = (d: Date) => (d.getTime() / 1000).toFixed(9);
  return (
    `<CertificadoMH><_id>${randomBytes(12).toString('hex')}</_id><nit>${e(c.nit)}</nit>` +
    `<publicKey><keyType>PUBLIC</keyType><algorithm>RSA</algorithm><encodied>${spki}</encodied>` +
    `<format>X.509</format><clave>${mhPasswordHash(c.password)}</clave></publicKey>` +
    `<privateKey><keyType>PRIVATE</keyType><algorithm>RSA</algorithm><encodied>${mimeBase64(c.pkcs8)}</encodied>` +
    `<format>PKCS#8</format><clave>${mhPasswordHash(c.password)}</clave></privateKey>` +
    `<activo>true</activo><verificado/><fechaVerificacion/>` +
    `<certificado><basicEstructure><version>2</version><serial>1.2.840.113549.1.1.11</serial>` +
    `<signatureAlgorithm><algorithm>Sha256WithRSAEncryption</algorithm><parameters/></signatureAlgorithm>` +
    `<issuer><countryName>SV</countryName><commonName>FACTURAXPRESS TEST ISSUER (NOT MH)</commonName></issuer>` +
    `<validity><notBefore>${epoch(c.notBefore)}</notBefore><notAfter>${epoch(c.notAfter)}</notAfter></validity>` +
    `<subject><countryName>El Salvador</countryName>` +
    `<organizationName>${e(c.nombre ?? 'TEST EMISOR')}</organizationName>` +
    `<organizationIdentifier>VATSV${e(c.nit)}</organizationIdentifier>` +
    `<description>${e(c.nrc ?? '')}</description></subject>` +
    `<subjectPublicKeyInfo><algorithmIdenitifier><algorithm>RSA</algorithm><parameters/></algorithmIdenitifier>` +
    `<subjectPublicKey>${spki}</subjectPublicKey></subjectPublicKeyInfo></basicEstructure></certificado>` +
    `<fechaDebaja/><clavePub/><clavePri/></CertificadoMH>`
  );
}

/** Base64 with MIME line breaks every 76 characters, as in MH's files. */
function mimeBase64(der: Buffer): string {
  return (der.toString('base64').match(/.{1,76}/g) ?? []).join('\n');
}
