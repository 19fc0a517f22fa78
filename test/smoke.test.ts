import { describe, expect, it, inject } from 'vitest';
import pg from 'pg';
describe('test database', () => {
  it('reaches PostgreSQL', async () => {
    const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await c.connect();
    const r = await c.query('select 1 as one');
    await c.end();
    expect(r.rows[0].one).toBe(1);
  });
});
