import { describe, expect, it } from 'vitest';
import { initOrm } from '../../src/db/orm.js';
import { createTestDatabase } from '../helpers/db.js';

describe('migrations', () => {
  it('apply on an empty database, leave nothing pending, and the schema matches the entities', async () => {
    const orm = await initOrm(await createTestDatabase('mig'));
    try {
      expect(await orm.migrator.getExecuted()).toHaveLength(0);
      const applied = await orm.migrator.up();
      expect(applied.length).toBeGreaterThan(0);
      expect(await orm.migrator.getPending()).toHaveLength(0);
      const tables = await orm.em
        .getConnection()
        .execute<{ tablename: string }[]>(`select tablename from pg_tables where schemaname = 'public'`);
      expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['tenant', 'establishment', 'api_key']));
      // Committed migrations are the schema: a diff against the entities means a migration is missing.
      const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim(), `entities changed without a migration (npm run migration:create):\n${diff}`).toBe('');
    } finally {
      await orm.close(true);
    }
  });
});
