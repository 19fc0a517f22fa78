import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { facturaBody, tenantWithCredential, type PipelineTenant } from '../helpers/pipeline.js';
import { repoRoot, runTs } from '../helpers/spawn.js';

// An integrator's first day, following only the README: the documented tenant file works, catalogs read in code order,
// observaciones has one shape.
let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => {
  t = await startTestApp();
  tt = await tenantWithCredential(t);
});
afterAll(async () => t?.close());

const get = async (p: string) =>
  (await (await fetch(`${t.url}${p}`, { headers: { 'x-api-key': tt.apiKey } })).json()) as any;

describe("an integrator's first day", () => {
  it('tenant:create --file takes the JSON format the README documents (examples/tenant.json)', async () => {
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain('examples/tenant.json');
    const env = { DATABASE_URL: await createTestDatabase('cli_file') };
    const r = await runTs('src/cli.ts', ['tenant:create', '--file', 'examples/tenant.json'], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/created tenant [0-9a-f-]{36} \(NIT 06141503901018/);
    const list = await runTs('src/cli.ts', ['tenant:list'], env);
    expect(list.stdout).toContain('HOSPITAL DE EJEMPLO');
    const bad = await runTs('src/cli.ts', ['tenant:create', '--file', 'README.md'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--file README\.md: .*examples\/tenant\.json/);
  }, 120_000);

  it('catalogs come back sorted by code', async () => {
    const list = (await get('/api/catalogos')) as { catalogo: string }[];
    expect(list.map((c) => c.catalogo)).toEqual([...list.map((c) => c.catalogo)].sort());
    for (const name of ['unidades-medida', 'tributos', 'actividades-economicas', 'paises', 'departamentos']) {
      const codes = (await get(`/api/catalogos/${name}`)).items as { codigo: string; seccion?: string }[];
      for (let i = 1; i < codes.length; i++) {
        const [a, b] = [codes[i - 1]!, codes[i]!];
        if (a.seccion !== b.seccion) continue;
        const numeric = /^\d+$/.test(a.codigo) && /^\d+$/.test(b.codigo);
        expect(
          numeric ? Number(a.codigo) < Number(b.codigo) : a.codigo < b.codigo,
          `${name}: ${a.codigo} before ${b.codigo}`,
        ).toBe(true);
      }
    }
    const um = (await get('/api/catalogos/CAT-014')).items as { codigo: string }[];
    expect(um.slice(0, 2).map((i) => i.codigo)).toEqual(['1', '2']);
  });

  it('observaciones is a list on the emission response and when read back', async () => {
    const r = await fetch(`${t.url}/api/facturas`, {
      method: 'POST',
      headers: { 'x-api-key': tt.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(facturaBody()),
    });
    const emitted = (await r.json()) as { id: string; observaciones: unknown };
    expect(emitted.observaciones).toEqual([]);
    expect((await get(`/api/facturas/${emitted.id}`)).observaciones).toEqual([]);
    const g = await t.gql(
      `query($id: ID!) { invoice(id: $id) { observaciones } }`,
      { id: emitted.id },
      { 'x-api-key': tt.apiKey },
    );
    expect(g.body.data.invoice.observaciones).toEqual([]);
  });
});
