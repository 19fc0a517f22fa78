import { createHash, createPrivateKey, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { CertificateError } from './errors.js';
import { at, parseXml, XmlParseError, type XmlElement } from './xml.js';

/** An MH-issued signing certificate after import. Keys are live KeyObjects plus their PEM forms. */
export interface MhCertificate extends PemKeyPair {
  /** MH's `_id` of the certificate, when present. */
  id: string | null;
  nit: string;
  /** Subject `description` (MH puts the NRC there), when present. */
  nrc: string | null;
  /** Subject organizationName, when present. */
  subjectName: string | null;
  activo: boolean;
  notBefore: Date;
  notAfter: Date;
}

export interface CertificateImportOptions {
  /** Clock for the validity check; defaults to the current time. */
  now?: Date;
  /** Import an expired / not-yet-valid certificate anyway (e.g. to display it); default false. */
  allowOutsideValidity?: boolean;
}

/** Lowercase hex SHA-512 of the UTF-8 password: what MH stores in `privateKey/clave`. */
export function mhPasswordHash(password: string): string {
  return createHash('sha512').update(password, 'utf8').digest('hex');
}

/**
 * Parses MH's `.crt` XML (root `<CertificadoMH>`), checks the password against `privateKey/clave` exactly as MH's
 * firmador does (SHA-512 hex), imports the unencrypted PKCS#8 private key and the X.509 SPKI public key,
 * and checks that they are a pair and that the certificate is within its validity window.
 */
export function parseMhCertificate(xml: string, password: string, opts: CertificateImportOptions = {}): MhCertificate {
  const root = parseRoot(xml);
  const nit = requiredText(root, 'nit');
  if (!/^(\d{14}|\d{9})$/.test(nit)) throw malformed('nit', `nit must be 14 or 9 digits, got "${nit}"`);

  const clave = requiredText(root, 'privateKey/clave').toLowerCase();
  if (!/^[0-9a-f]{128}$/.test(clave))
    throw malformed('privateKey/clave', 'privateKey/clave must be 128 hex characters (SHA-512)');
  if (!timingSafeEqual(Buffer.from(mhPasswordHash(password), 'hex'), Buffer.from(clave, 'hex'))) {
    throw new CertificateError(
      'CERT_PASSWORD_MISMATCH',
      'The certificate password does not match privateKey/clave',
      'privateKey/clave',
    );
  }

  const privateKey = importDer('privateKey/encodied', requiredText(root, 'privateKey/encodied'), 'private');
  const publicKey = importDer('publicKey/encodied', requiredText(root, 'publicKey/encodied'), 'public');
  assertRsaPair(privateKey, publicKey);

  const notBefore = epochDate(root, 'certificado/basicEstructure/validity/notBefore');
  const notAfter = epochDate(root, 'certificado/basicEstructure/validity/notAfter');
  if (!opts.allowOutsideValidity) assertValidity(notBefore, notAfter, opts.now ?? new Date());

  return {
    id: optionalText(root, '_id'),
    nit,
    nrc: optionalText(root, 'certificado/basicEstructure/subject/description'),
    subjectName: optionalText(root, 'certificado/basicEstructure/subject/organizationName'),
    activo: optionalText(root, 'activo') !== 'false',
    ...pemKeyPair(privateKey, publicKey),
    notBefore,
    notAfter,
  };
}

export interface PemKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM (unencrypted — encrypt it with secrets.ts before storing). */
  privateKeyPem: string;
  /** SPKI PEM. */
  publicKeyPem: string;
}

/**
 * Imports an RSA private key PEM (PKCS#8 or PKCS#1; encrypted PKCS#8 needs `passphrase`) and, optionally, its public
 * key PEM (SPKI or PKCS#1). Without a public PEM the public key is derived from the private one.
 */
export function importPemKeyPair(
  privatePem: string,
  publicPem?: string,
  opts: { passphrase?: string } = {},
): PemKeyPair {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privatePem, format: 'pem', passphrase: opts.passphrase });
  } catch (err) {
    throw malformed('privateKeyPem', `private key PEM could not be read: ${(err as Error).message}`);
  }
  let publicKey: KeyObject;
  try {
    publicKey = publicPem ? createPublicKey({ key: publicPem, format: 'pem' }) : createPublicKey(privateKey);
  } catch (err) {
    throw malformed('publicKeyPem', `public key PEM could not be read: ${(err as Error).message}`);
  }
  assertRsaPair(privateKey, publicKey);
  return pemKeyPair(privateKey, publicKey);
}

/** A key pair with its PEM forms: PKCS#8 for the private key, SPKI for the public one. */
export function pemKeyPair(privateKey: KeyObject, publicKey: KeyObject): PemKeyPair {
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
  };
}

function parseRoot(xml: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') throw malformed(undefined, 'certificate is empty');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlParseError) throw malformed(undefined, `certificate is not well-formed XML: ${err.message}`);
    throw err;
  }
  if (root.name !== 'CertificadoMH')
    throw malformed(root.name, `root element must be <CertificadoMH>, got <${root.name}>`);
  return root;
}

function optionalText(root: XmlElement, path: string): string | null {
  const text = at(root, path)?.text.trim();
  return text ? text : null;
}

function requiredText(root: XmlElement, path: string): string {
  const text = optionalText(root, path);
  if (text === null) throw malformed(path, `${path} is missing or empty`);
  return text;
}

function importDer(field: string, base64: string, kind: 'private' | 'public'): KeyObject {
  const compact = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw malformed(field, `${field} is not base64`);
  const der = Buffer.from(compact, 'base64');
  try {
    return kind === 'private'
      ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
      : createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (err) {
    const form = kind === 'private' ? 'an unencrypted PKCS#8 private key' : 'an X.509 SubjectPublicKeyInfo';
    throw malformed(field, `${field} is not ${form}: ${(err as Error).message}`);
  }
}

function assertRsaPair(privateKey: KeyObject, publicKey: KeyObject): void {
  if (privateKey.asymmetricKeyType !== 'rsa' || publicKey.asymmetricKeyType !== 'rsa') {
    throw new CertificateError('CERT_UNSUPPORTED_KEY', 'MH signs with RSA keys (RS512); this key is not RSA');
  }
  const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const given = publicKey.export({ format: 'der', type: 'spki' });
  if (!derived.equals(given)) {
    throw new CertificateError(
      'CERT_KEY_MISMATCH',
      'The public key does not belong to the private key',
      'publicKey/encodied',
    );
  }
}

/** MH writes validity as epoch seconds, sometimes with a fraction: `1766077700.807000000`. */
function epochDate(root: XmlElement, path: string): Date {
  const raw = requiredText(root, path);
  const m = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(raw);
  if (!m) throw malformed(path, `${path} must be epoch seconds, got "${raw}"`);
  const ms = Number(m[1]) * 1000 + Number((m[2] ?? '0').padEnd(3, '0').slice(0, 3));
  return new Date(ms);
}

function assertValidity(notBefore: Date, notAfter: Date, now: Date): void {
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw malformed('certificado/basicEstructure/validity', 'notAfter must be later than notBefore');
  }
  if (now.getTime() > notAfter.getTime()) {
    throw new CertificateError(
      'CERT_EXPIRED',
      `The certificate expired on ${notAfter.toISOString()}`,
      'validity/notAfter',
    );
  }
  if (now.getTime() < notBefore.getTime()) {
    throw new CertificateError(
      'CERT_NOT_YET_VALID',
      `The certificate is valid from ${notBefore.toISOString()}`,
      'validity/notBefore',
    );
  }
}

function malformed(field: string | undefined, message: string): CertificateError {
  return new CertificateError('CERT_MALFORMED', message, field);
}
