import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-mtls-'));
const f = (n: string) => path.join(dir, n);
const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for 127.0.0.1 and two client certificates: one from the CA, one self-signed. */
function makePki() {
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=fx-test-ca',
  );
  for (const [name, subj] of [
    ['server', '/CN=127.0.0.1'],
    ['client', '/CN=sigma-server'],
  ]) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', subj!);
    writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    const ext = name === 'server' ? ['-extfile', f('san.ext')] : [];
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.crt'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f(`${name}.crt`),
      '-days',
      '2',
      ...ext,
    );
  }
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('rogue.key'),
    '-out',
    f('rogue.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=rogue',
  );
}

function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  client?: 'client' | 'rogue',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        ca: readFileSync(f('ca.crt')),
        ...(client ? { cert: readFileSync(f(`${client}.crt`)), key: readFileSync(f(`${client}.key`)) } : {}),
      },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let t: TestApp;
beforeAll(async () => {
  makePki();
  t = await startTestApp({ FX_TLS_CERT: f('server.crt'), FX_TLS_KEY: f('server.key'), FX_TLS_CA: f('ca.crt') });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('optional mTLS', () => {
  it('serves HTTPS and requires a client certificate from FX_TLS_CA in addition to the key', async () => {
    expect(t.url).toMatch(/^https:/);
    const { apiKey } = await provisionTenantOverTls();
    const q = JSON.stringify({ query: '{ me { kind } }' });
    const ok = await post(`${t.url}/graphql`, q, { 'x-api-key': apiKey }, 'client');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).data.me.kind).toBe('apiKey');
    await expect(post(`${t.url}/graphql`, q, { 'x-api-key': apiKey })).rejects.toThrow();
    await expect(post(`${t.url}/graphql`, q, { 'x-api-key': apiKey }, 'rogue')).rejects.toThrow();
    const noKey = await post(`${t.url}/graphql`, q, {}, 'client');
    expect(noKey.status).toBe(401);
  });
});

/** provisionTenant uses fetch (no client cert): go through https with the client certificate instead. */
async function provisionTenantOverTls() {
  const tt = {
    ...t,
    gql: async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const r = await post(`${t.url}/graphql`, JSON.stringify({ query, variables }), headers, 'client');
      return { status: r.status, body: JSON.parse(r.body) };
    },
  } as TestApp;
  return provisionTenant(tt);
}
