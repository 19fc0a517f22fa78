import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropRunDatabases, withAdmin } from '../helpers/run-databases.js';

// A test run on a server that outlives it (TEST_DATABASE_URL) drops the databases it made, and only those.
describe('the databases of a test run', () => {
  const admin = inject('pgAdminUrl');
  const made: string[] = [];
  const clients: pg.Client[] = [];

  async function make(name: string) {
    await withAdmin(admin, (c) => c.query(`create database "${name}"`));
    made.push(name);
  }
  const names = () =>
    withAdmin(admin, async (c) => {
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database`);
      return rows.map((r) => r.datname);
    });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {});
    await withAdmin(admin, async (c) => {
      for (const name of made) await c.query(`drop database if exists "${name}" with (force)`);
    });
  });

  it("drops the run's databases, even one still in use, and leaves another run's", async () => {
    await make('dropme_rt0000001_aa');
    await make('dropme_rt0000001_bb');
    await make('keepme_rt0000002_aa');
    await make('keepme_xrt0000001_aa');
    const u = new URL(admin);
    u.pathname = '/dropme_rt0000001_aa';
    const open = new pg.Client({ connectionString: u.toString() });
    open.on('error', () => {}); // its backend is ended by the drop
    await open.connect();
    clients.push(open);

    const dropped = await dropRunDatabases(admin, 'rt0000001');

    expect(dropped.sort()).toEqual(['dropme_rt0000001_aa', 'dropme_rt0000001_bb']);
    const left = await names();
    expect(left).not.toContain('dropme_rt0000001_aa');
    expect(left).not.toContain('dropme_rt0000001_bb');
    expect(left).toContain('keepme_rt0000002_aa');
    expect(left).toContain('keepme_xrt0000001_aa');
  });
});
