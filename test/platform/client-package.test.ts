import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/spawn.js';

// A SIGMA server installs the packed client (`npm run client:pack`) and typechecks against it: declarations ship
// (no TS7016), the documented examples compile, and a wrong variable is a type error (the types are real, not any).
const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-client-consumer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONSUMER = `
import {
  createFacturaXpressClient, EmitInvoiceDocument, MeDocument, InvoiceStatusChangedDocument,
  CreateWebhookEndpointDocument, WebhookDeliveriesDocument, verifyWebhook, WebhookVerificationError, FacturaXpressError,
} from 'facturaxpress/client';

export async function main(): Promise<string> {
  const fx = createFacturaXpressClient({ url: 'http://127.0.0.1:4001/graphql', apiKey: process.env.FX_API_KEY });
  const { me } = await fx.request(MeDocument);
  const scopes: string[] = me.scopes;
  const { emitInvoice } = await fx.request(EmitInvoiceDocument, {
    input: {
      referenciaExterna: 'CONSULTA-10234',
      receptor: { nombre: 'Juan Pérez', tipoDocumento: '13', numDocumento: '12345678-4', correo: 'juan@example.com' },
      items: [{ descripcion: 'Consulta general', cantidad: '1', precio: '35.00' }],
    },
  });
  const numero: string | null = emitInvoice.__typename === 'Invoice' ? emitInvoice.numeroControl : null;
  // @ts-expect-error referenciaExterna is a String
  await fx.request(EmitInvoiceDocument, { input: { referenciaExterna: 42, items: [] } });
  const created = await fx.request(CreateWebhookEndpointDocument, { input: { url: 'https://sigma.example/hooks' } });
  const secret =
    created.createWebhookEndpoint.__typename === 'CreatedWebhookEndpoint' ? created.createWebhookEndpoint.secret : '';
  const { webhookDeliveries } = await fx.request(WebhookDeliveriesDocument, { first: 10 });
  const codes: (number | null | undefined)[] = webhookDeliveries.map((d) => d.lastStatusCode);
  const filter = { referenciaExterna: 'CONSULTA-10234' };
  for await (const { invoiceStatusChanged } of fx.subscribe(InvoiceStatusChangedDocument, { filter })) {
    if (invoiceStatusChanged.status === 'PROCESSED') break;
  }
  await fx.close();
  try {
    const event = verifyWebhook<{ sello: string | null }>(secret, { 'webhook-id': 'msg_1' }, '{}');
    return event.data.sello ?? event.type;
  } catch (err) {
    if (err instanceof WebhookVerificationError) return err.code;
    if (err instanceof FacturaXpressError) return err.requestId ?? '';
    return [numero, scopes.length, codes.length].join();
  }
}
`;

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the packed typed client in a TypeScript consumer', () => {
  it('installs from the tarball with its declarations and typechecks the documented usage', () => {
    const pack = run(process.execPath, ['scripts/pack-client.js', '--out', path.join(dir, 'out')], repoRoot);
    expect(pack.code, pack.out).toBe(0);
    const tarball = pack.out.trim().split('\n').pop()!;
    expect(tarball).toMatch(/facturaxpress-.*\.tgz$/);

    // what `npm install <tarball>` lays out (done by hand: tests reach no registry)
    const app = path.join(dir, 'sigma-server');
    const pkgDir = path.join(app, 'node_modules', 'facturaxpress');
    mkdirSync(pkgDir, { recursive: true });
    const untar = run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], app);
    expect(untar.code, untar.out).toBe(0);
    for (const dep of ['graphql', 'graphql-ws', '@graphql-typed-document-node/core', '@types/node']) {
      mkdirSync(path.dirname(path.join(app, 'node_modules', dep)), { recursive: true });
      symlinkSync(path.join(repoRoot, 'node_modules', dep), path.join(app, 'node_modules', dep));
    }
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'sigma-server', type: 'module', dependencies: { facturaxpress: `file:${tarball}` } }),
    );
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          noEmit: true,
          types: ['node'],
          noImplicitAny: true,
        },
        include: ['index.ts'],
      }),
    );
    writeFileSync(path.join(app, 'index.ts'), CONSUMER);
    const tsc = run(
      process.execPath,
      [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      app,
    );
    expect(tsc.out).not.toMatch(/TS7016/);
    expect(tsc.code, tsc.out).toBe(0);

    // and it loads: ESM entry, the generated documents carry their persisted hash
    writeFileSync(
      path.join(app, 'load.mjs'),
      `import * as c from 'facturaxpress/client';
console.log(JSON.stringify({
  verify: typeof c.verifyWebhook,
  client: typeof c.createFacturaXpressClient,
  hash: c.MeDocument.__meta__?.hash ?? null,
}));`,
    );
    const load = run(process.execPath, ['load.mjs'], app);
    expect(load.code, load.out).toBe(0);
    expect(JSON.parse(load.out)).toMatchObject({
      verify: 'function',
      client: 'function',
      hash: expect.stringMatching(/[0-9a-f]{64}/),
    });
  }, 300_000);
});
