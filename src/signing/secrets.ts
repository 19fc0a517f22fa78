import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretError } from './errors.js';

/**
 * Secrets at rest (private keys, MH API passwords): AES-256-GCM, 96-bit random IV, 128-bit tag, encoded as the
 * self-describing string `v1:<iv>:<tag>:<ciphertext>` (base64url parts) so the scheme can evolve without ambiguity.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptSecret(plain: string | Buffer, masterKey: Buffer, aad?: string): string {
  assertMasterKey(masterKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
  const ct = Buffer.concat([cipher.update(data), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ct]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/** Decrypts to bytes; throws `SecretError` SECRET_TAMPERED when the tag (or the AAD, or the key) does not match. */
export function decryptSecretBuffer(encoded: string, masterKey: Buffer, aad?: string): Buffer {
  assertMasterKey(masterKey);
  const parts = typeof encoded === 'string' ? encoded.split(':') : [];
  if (parts.length !== 4)
    throw new SecretError('SECRET_MALFORMED', 'encrypted secret must look like v1:<iv>:<tag>:<ciphertext>');
  const [version, ivB64, tagB64, ctB64] = parts as [string, string, string, string];
  if (version !== VERSION)
    throw new SecretError('SECRET_UNSUPPORTED_VERSION', `unsupported secret version "${version}"`);
  const iv = Buffer.from(ivB64, 'base64url');
  const tag = Buffer.from(tagB64, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || !/^[A-Za-z0-9_-]*$/.test(ctB64)) {
    throw new SecretError('SECRET_MALFORMED', 'encrypted secret has a bad IV, tag or ciphertext');
  }
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64url')), decipher.final()]);
  } catch {
    throw new SecretError('SECRET_TAMPERED', 'encrypted secret failed authentication (tampered, or wrong master key)');
  }
}

/** Decrypts to a UTF-8 string (see decryptSecretBuffer). */
export function decryptSecret(encoded: string, masterKey: Buffer, aad?: string): string {
  return decryptSecretBuffer(encoded, masterKey, aad).toString('utf8');
}

/** Accepts 32 bytes as base64 / base64url (43–44 chars) or hex (64 chars). */
export function parseMasterKey(value: string): Buffer {
  const v = (value ?? '').trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(v)) key = Buffer.from(v, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(v)) key = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key?.length !== 32) {
    throw new SecretError(
      'MASTER_KEY_INVALID',
      'master key must be 32 bytes encoded as 64 hex characters or 44 base64 characters',
    );
  }
  return key;
}

/**
 * Reads the master key file (base64 or hex of 32 bytes), or creates it with 32 random bytes, mode 0600, creating
 * parent folders (mode 0700) as needed. Creation uses the exclusive flag so two processes never overwrite each other.
 */
export function loadOrCreateMasterKey(file: string): Buffer {
  try {
    return parseMasterKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseMasterKey(readFileSync(file, 'utf8'));
    throw err;
  }
  chmodSync(file, 0o600); // the umask may have narrowed or the FS widened the mode on creation
  return key;
}

function assertMasterKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) {
    throw new SecretError('MASTER_KEY_INVALID', 'master key must be a 32-byte Buffer (AES-256)');
  }
}
