import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decryptSecret,
  decryptSecretBuffer,
  encryptSecret,
  loadOrCreateMasterKey,
  parseMasterKey,
} from '../../src/signing/index.js';

const key = randomBytes(32);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fx-secrets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('encryptSecret / decryptSecret', () => {
  it('round-trips strings and buffers with a fresh IV each time', () => {
    const a = encryptSecret('clave-MH-ñ-123!', key);
    const b = encryptSecret('clave-MH-ñ-123!', key);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(decryptSecret(a, key)).toBe('clave-MH-ñ-123!');
    const bytes = randomBytes(1200);
    expect(decryptSecretBuffer(encryptSecret(bytes, key), key).equals(bytes)).toBe(true);
  });

  it('detects tampering of ciphertext, tag and IV, a wrong key and a wrong AAD', () => {
    const enc = encryptSecret('secret', key, 'tenant-1');
    const [v, iv, tag, ct] = enc.split(':') as [string, string, string, string];
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] = b[0]! ^ 1;
      return b.toString('base64url');
    };
    for (const bad of [
      [v, iv, tag, flip(ct)],
      [v, iv, flip(tag), ct],
      [v, flip(iv), tag, ct],
    ]) {
      expect(() => decryptSecret(bad.join(':'), key, 'tenant-1')).toThrow(
        expect.objectContaining({ code: 'SECRET_TAMPERED' }),
      );
    }
    expect(() => decryptSecret(enc, randomBytes(32), 'tenant-1')).toThrow(
      expect.objectContaining({ code: 'SECRET_TAMPERED' }),
    );
    expect(() => decryptSecret(enc, key, 'tenant-2')).toThrow(expect.objectContaining({ code: 'SECRET_TAMPERED' }));
    expect(decryptSecret(enc, key, 'tenant-1')).toBe('secret');
  });

  it('refuses malformed strings and unknown versions', () => {
    expect(() => decryptSecret('garbage', key)).toThrow(expect.objectContaining({ code: 'SECRET_MALFORMED' }));
    const enc = encryptSecret('x', key).replace(/^v1/, 'v9');
    expect(() => decryptSecret(enc, key)).toThrow(expect.objectContaining({ code: 'SECRET_UNSUPPORTED_VERSION' }));
    expect(() => encryptSecret('x', randomBytes(16))).toThrow(expect.objectContaining({ code: 'MASTER_KEY_INVALID' }));
  });
});

describe('master key', () => {
  it('parses hex and base64 of 32 bytes and refuses anything else', () => {
    expect(parseMasterKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseMasterKey(` ${key.toString('base64url')}\n`).equals(key)).toBe(true);
    for (const bad of ['', 'abc', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
      expect(() => parseMasterKey(bad)).toThrow(/32 bytes/);
    }
  });

  it('creates the file once with mode 0600 (dirs as needed) and reads it back', () => {
    const file = path.join(tmp, 'a', 'b', 'master.key');
    const created = loadOrCreateMasterKey(file);
    expect(created).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(readFileSync(file, 'utf8')).equals(created)).toBe(true);
    expect(loadOrCreateMasterKey(file).equals(created)).toBe(true);
  });
});
