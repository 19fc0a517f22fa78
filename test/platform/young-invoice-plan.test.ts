import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, type MikroORM } from '../../src/db/orm.js';
import { createTestDatabase } from '../helpers/db.js';

let orm: MikroORM;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase('young');
  orm = await initOrm(url);
  await orm.migrator.up();
});
afterAll(async () => orm?.close(true));

/** The foreign-key check PostgreSQL runs for each event, e-mail and PDF row, exactly as it words it. */
const CHECK = `select 1 from only "public"."invoice" x where "tenant_id" operator(pg_catalog.=) $1
  and "id" operator(pg_catalog.=) $2 for key share of x`;

/** The plan a connection keeps for the check (a generic plan, as once it has run a few times), on its own client. */
async function keptPlan(): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('set plan_cache_mode = force_generic_plan');
    await c.query(`prepare fx_check(uuid, uuid) as ${CHECK}`);
    const { rows } = await c.query<{ 'QUERY PLAN': string }>(
      `explain execute fx_check('${crypto.randomUUID()}', '${crypto.randomUUID()}')`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await c.end();
  }
}

const pgMajor = async () =>
  Number(
    (await orm.em.getConnection().execute<{ v: string }[]>(`select current_setting('server_version_num') as v`))[0]!.v,
  ) / 10000;

describe('a young database plans the foreign-key check of invoice children through the unique index', () => {
  it("plans the check on a new database's invoice through (tenant_id, id), not by reading the table", async () => {
    // A new database's connections plan the check with the table as the migrations left it: empty (it stays planned
    // that way while the table grows, until autovacuum analyzes it again).
    const plan = await keptPlan();
    expect(plan).toContain('invoice_tenant_id_unique');
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('clears the statistics (PostgreSQL 18 and later); autovacuum vacuums and analyzes past 1,000 rows', async () => {
    const [row] = await orm.em
      .getConnection()
      .execute<{ reltuples: number; reloptions: string[] | null }[]>(
        `select reltuples, reloptions from pg_class where oid = 'invoice'::regclass`,
      );
    if ((await pgMajor()) < 18) return; // statistics cannot be cleared there: the migration changes nothing
    expect(row!.reloptions).toEqual(['autovacuum_vacuum_threshold=1000', 'autovacuum_analyze_threshold=1000']);
    expect(row!.reltuples).toBe(-1);
  });

  it('goes down and up again', async () => {
    await orm.migrator.down();
    const [down] = await orm.em
      .getConnection()
      .execute<{ reloptions: string[] | null }[]>(`select reloptions from pg_class where oid = 'invoice'::regclass`);
    expect(down!.reloptions ?? []).not.toContain('autovacuum_analyze_threshold=1000');
    await orm.migrator.up();
    expect(await orm.migrator.getPending()).toHaveLength(0);
  });
});
