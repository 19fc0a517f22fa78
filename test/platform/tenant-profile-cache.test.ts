import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

// Emissions read the tenant (emisor, establishments, calendar) from a per-process cache. Two API processes on one
// database, as `npm start` runs them: a change committed anywhere (the other process's admin API, or plain SQL)
// reaches the next emission of both through LISTEN/NOTIFY.
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({}, { databaseUrl: a.app.db.url });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const examplePath = new URL('../../examples/dte/01-factura.json', import.meta.url);
const example = JSON.parse(readFileSync(examplePath, 'utf8')) as Record<string, unknown>;
let seq = 0;

async function emit(t: TestApp, apiKey: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${t.url}/api/facturas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ ...example, referenciaExterna: `PROFILE-${process.pid}-${seq++}`, ...extra }),
  });
  const body = (await res.json()) as any;
  if (res.status !== 201) return { status: res.status, body, document: null };
  const doc = await fetch(`${t.url}/api/facturas/${body.id}/json`, { headers: { 'x-api-key': apiKey } });
  return { status: res.status, body, document: (await doc.json()) as any };
}

/** The next emissions of `t`, until `ok` holds (NOTIFY is delivered when the change commits, ≈ a millisecond later). */
type Emitted = Awaited<ReturnType<typeof emit>>;
async function eventually(t: TestApp, apiKey: string, extra: Record<string, unknown>, ok: (r: Emitted) => boolean) {
  let r = await emit(t, apiKey, extra);
  for (let i = 0; i < 20 && !ok(r); i++) {
    await new Promise((res) => setTimeout(res, 50));
    r = await emit(t, apiKey, extra);
  }
  return r;
}

const sql = async (url: string, text: string, params: unknown[]) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text, params);
  } finally {
    await c.end();
  }
};

describe('tenant profile cache (emission)', () => {
  it('a tenant updated through one process is the emisor of the next emission in both', async () => {
    const { tenantId, apiKey } = await provisionTenant(a);
    const first = await emit(b, apiKey);
    expect(first.status).toBe(201);
    const before = first.document.emisor.nombre as string;
    expect((await emit(a, apiKey)).document.emisor.nombre).toBe(before);
    const update = `mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: $i) { __typename } }`;
    const upd = await a.gql(
      update,
      { id: tenantId, i: { nombre: 'Clínica Renombrada S.A. de C.V.' } },
      { 'x-api-key': a.adminKey },
    );
    expect(upd.body.data.updateTenant.__typename).toBe('Tenant');
    // The updating process drops its entry at once; the other one through NOTIFY.
    expect((await emit(a, apiKey)).document.emisor.nombre).toBe('Clínica Renombrada S.A. de C.V.');
    const other = await eventually(b, apiKey, {}, (r) => r.document?.emisor.nombre !== before);
    expect(other.document.emisor.nombre).toBe('Clínica Renombrada S.A. de C.V.');
  });

  it('establishments added or removed in the database reach the cache', async () => {
    const { tenantId, apiKey } = await provisionTenant(a);
    expect((await emit(b, apiKey)).status).toBe(201);
    const unknown = await emit(b, apiKey, { codEstableMH: 'S077' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0].code).toBe('UNKNOWN_ESTABLISHMENT');
    await sql(
      a.app.db.url,
      `insert into establishment
         (id, tenant_id, cod_estable_mh, tipo_establecimiento, puntos_venta, is_default, created_at)
       values (gen_random_uuid(), $1, 'S077', '01', $2, false, now())`,
      [tenantId, JSON.stringify([{ codPuntoVentaMH: 'P009', codPuntoVenta: null, nombre: null }])],
    );
    const added = await eventually(b, apiKey, { codEstableMH: 'S077' }, (r) => r.status === 201);
    expect(added.status).toBe(201);
    expect(added.document.identificacion.numeroControl).toMatch(/^DTE-01-S077P009-/);
    await sql(a.app.db.url, `delete from establishment where tenant_id = $1 and cod_estable_mh = 'S077'`, [tenantId]);
    const removed = await eventually(b, apiKey, { codEstableMH: 'S077' }, (r) => r.status !== 201);
    expect(removed.body.error.issues[0].code).toBe('UNKNOWN_ESTABLISHMENT');
  });
});
