import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { repoRoot } from '../helpers/spawn.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fx-supergraph-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run supergraph`'s entry, its three ports from the environment, embedded PostgreSQL under FX_DATA_DIR. */
function supergraph(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/supergraph/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', FX_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = new Promise<{ gateway: string; key: string }>((resolve, reject) => {
    const timer = setInterval(() => {
      const g = out.match(/^Gateway .*: (http\S+)$/m);
      const k = out.match(/x-api-key: (fx_test_\S+)$/m);
      if (g && k && /Try:/.test(out)) {
        clearInterval(timer);
        resolve({ gateway: g[1]!, key: k[1]! });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
  return { child, ready, output: () => out };
}

async function gql(
  url: string,
  query: string,
  headers: Record<string, string>,
  variables: Record<string, unknown> = {},
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

describe('npm run supergraph', () => {
  it('ports from the environment; a never-pushed SIGMA patient gets a receptor and a PROCESSED invoice', async () => {
    const [fx, gw, sg] = [await freePort(), await freePort(), await freePort()];
    const s = supergraph({ PORT: String(fx), FX_GATEWAY_PORT: String(gw), FX_SIGMA_PORT: String(sg) });
    try {
      const { gateway, key } = await s.ready;
      expect(s.output()).toContain(`FacturaXpress subgraph: http://127.0.0.1:${fx}/graphql`);
      expect(s.output()).toContain(`SIGMA demo subgraph:    http://127.0.0.1:${sg}/`);
      expect(gateway).toBe(`http://127.0.0.1:${gw}/`);
      const h = { 'x-api-key': key };
      const p = await gql(
        gateway,
        `{ patient(id: "P-1003") { name receptor { nombre numDocumento valid sources { source } } } }`,
        h,
      );
      expect(p.data.patient).toMatchObject({
        name: 'José Antonio Pérez',
        receptor: { nombre: 'José Antonio Pérez', numDocumento: '045678911', valid: true },
      });
      const emit = await gql(
        gateway,
        `mutation($i: EmitInvoiceInput!) { emitInvoice(input: $i) ` +
          `{ __typename ... on Invoice { id receptor { nombre } } } }`,
        h,
        {
          i: {
            referenciaExterna: 'SUPERGRAPH-P-1003',
            patientId: 'P-1003',
            items: [{ serviceId: 'LAB-GLUCOSA', precio: '8.50' }],
          },
        },
      );
      expect(emit.data.emitInvoice).toMatchObject({
        __typename: 'Invoice',
        receptor: { nombre: 'José Antonio Pérez' },
      });
      let status = '';
      for (let i = 0; i < 300 && status !== 'PROCESSED' && status !== 'REJECTED'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await gql(gateway, `{ invoiceByReference(referenciaExterna: "SUPERGRAPH-P-1003") { status } }`, h))
          .data.invoiceByReference.status;
      }
      expect(status).toBe('PROCESSED');
    } finally {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
    }
    expect(s.output()).not.toMatch(/\n\s+at /);
  }, 120_000);
});
