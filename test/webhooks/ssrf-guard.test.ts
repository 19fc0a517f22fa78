import { describe, expect, it } from 'vitest';
import { assertPublicTarget, isPublicAddress, SsrfGuardError } from '../../src/modules/webhooks/ssrf-guard.js';

const deny = { allowPrivate: false };

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '64:ff9b::10.0.0.1',
    'fe80::1%eth0',
    '::ffff:0:7f00:1',
    '::ffff:0:127.0.0.1',
    '2002:7f00:1::1',
    '2002:a00:1::',
    '2002:c0a8:101::1',
    '2001:0:4136:e378:8000:63bf:80ff:fffe',
    '2001:0:7f00:1::1',
    '64:ff9b:1::a00:1',
  ])('refuses %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('accepts %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('assertPublicTarget', () => {
  it('refuses loopback, private, link-local and mapped literals with PRIVATE_ADDRESS', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://10.0.0.5/x',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::ffff:0:7f00:1]:8080/x',
      'http://[2002:7f00:1::1]:8080/x',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/',
      'http://100.64.1.1/',
    ]) {
      await expect(assertPublicTarget(url, deny)).rejects.toMatchObject({
        name: 'SsrfGuardError',
        code: 'PRIVATE_ADDRESS',
      });
    }
  });

  it('resolves names and refuses one that points at loopback', async () => {
    const err = await assertPublicTarget('http://localhost:3000/hook', deny).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SsrfGuardError);
    expect((err as SsrfGuardError).code).toBe('PRIVATE_ADDRESS');
    expect(['127.0.0.1', '::1']).toContain((err as SsrfGuardError).address);
  });

  it('refuses schemes other than http(s) even when private targets are allowed', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://x/', 'javascript:alert(1)']) {
      await expect(assertPublicTarget(url, { allowPrivate: true })).rejects.toMatchObject({
        code: 'UNSUPPORTED_SCHEME',
      });
    }
    await expect(assertPublicTarget('not a url', { allowPrivate: true })).rejects.toMatchObject({
      code: 'INVALID_URL',
    });
  });

  it('allows private targets when configuration says so', async () => {
    await expect(assertPublicTarget('http://127.0.0.1:8080/hook', { allowPrivate: true })).resolves.toBeUndefined();
    await expect(assertPublicTarget('http://localhost/hook', { allowPrivate: true })).resolves.toBeUndefined();
  });

  it('accepts public literal addresses without DNS', async () => {
    await expect(assertPublicTarget('https://8.8.8.8/hook', deny)).resolves.toBeUndefined();
    await expect(assertPublicTarget('https://[2606:4700:4700::1111]/hook', deny)).resolves.toBeUndefined();
  });

  it('reports names that do not resolve as DNS_FAILED', async () => {
    await expect(assertPublicTarget('https://no-such-host.invalid/hook', deny)).rejects.toMatchObject({
      code: 'DNS_FAILED',
    });
  });
});
