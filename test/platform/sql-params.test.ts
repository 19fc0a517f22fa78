import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, tenantCheck } from '../../src/db/sql-params.js';
import { createTestDatabase } from '../helpers/db.js';

describe('prepared', () => {
  it('names a statement by its text: the same text the same name, another text another name', () => {
    const a = prepared('select $1::int as n', [1]);
    expect(a.name).toMatch(/^fx_/);
    expect(prepared('select $1::int as n', [2])).toEqual({ name: a.name, text: a.text, values: [2] });
    expect(prepared('select $1::int as m', [1]).name).not.toBe(a.name);
  });
});

describe('tenantCheck on a table with young statistics', () => {
  let pool: pg.Pool;
  const tenant = '11111111-1111-4111-8111-111111111111';

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase('sqlparams'), max: 2 });
    // The shape of the worker's lookups: wide rows, a primary key on id and an index led by the tenant, analyzed while
    // empty (as the migrations do) and filled since, as in a burst before autovacuum's next ANALYZE.
    await pool.query(`create table doc (id uuid primary key, tenant_id uuid not null, ref text, body char(1500))`);
    await pool.query(`create index doc_ref_index on doc (tenant_id, lower(ref) text_pattern_ops)`);
    await pool.query(`alter table doc set (autovacuum_enabled = false)`);
    await pool.query(`analyze doc`);
    await pool.query(`insert into doc select gen_random_uuid(), $1::uuid, 'R-' || g from generate_series(1, 3000) g`, [
      tenant,
    ]);
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('finds one row by its primary key, reading a few buffers rather than the whole tenant', async () => {
    const { rows } = await pool.query<{ id: string }>(`select id from doc offset 1500 limit 1`);
    const id = rows[0]!.id;
    const sql = `select id from doc where id = $1::uuid and ${tenantCheck('tenant_id', '$2::uuid')}`;
    const plan = await pool.query(`explain (analyze, buffers, format json) ${sql}`, [id, tenant]);
    const root = plan.rows[0]['QUERY PLAN'][0].Plan;
    expect(root['Index Name']).toBe('doc_pkey');
    expect(root['Actual Rows']).toBe(1);
    expect(root['Shared Hit Blocks'] + (root['Shared Read Blocks'] ?? 0)).toBeLessThan(10);
    // the check still confirms the tenant
    const other = await pool.query(sql, [id, '22222222-2222-4222-8222-222222222222']);
    expect(other.rowCount).toBe(0);
    expect((await pool.query(sql, [id, tenant])).rowCount).toBe(1);
  });
});
