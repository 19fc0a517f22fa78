import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DATABASE_FOREIGN_KEYS, initOrm, withoutDatabaseForeignKeys } from '../../src/db/orm.js';
import { createTestDatabase } from '../helpers/db.js';

describe('migrations', () => {
  it('apply on an empty database, leave nothing pending, and the schema matches the entities', async () => {
    const url = await createTestDatabase('mig');
    const orm = await initOrm(url);
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
      // (but for the foreign keys only migrations declare, which must exist as they wrote them)
      const diff = withoutDatabaseForeignKeys(await orm.schema.getUpdateSchemaSQL({ wrap: false }));
      expect(diff.trim(), `entities changed without a migration (npm run migration:create):\n${diff}`).toBe('');
      // A stored PDF is not compressed again; the stored document is compressed with lz4 where the server has it.
      const storage = await orm.em.getConnection().execute<{ attname: string; storage: string; lz4: boolean }[]>(
        `select attname, attstorage as storage, attcompression = 'l' as lz4 from pg_attribute
          where (attrelid, attname) in (('invoice_document'::regclass, 'content'), ('invoice'::regclass, 'document'))
          order by attname`,
      );
      const [{ lz4 }] = await orm.em
        .getConnection()
        .execute<{ lz4: boolean }[]>(
          `select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`,
        );
      expect(storage).toEqual([
        { attname: 'content', storage: 'e', lz4: false },
        { attname: 'document', storage: 'x', lz4 },
      ]);
      // codigoGeneracion: one unique B-tree in the pattern operator class (equality, uniqueness and prefixes), no
      // constraint's index and prefix index beside it.
      const codigo = await orm.em.getConnection().execute<{ name: string; def: string; constraints: number }[]>(
        `select c.relname as name, pg_get_indexdef(c.oid) as def,
                (select count(*) from pg_constraint k where k.conindid = c.oid)::int as constraints
           from pg_index i join pg_class c on c.oid = i.indexrelid
          where i.indrelid = 'invoice'::regclass and c.relam = (select oid from pg_am where amname = 'btree')
            and pg_get_indexdef(c.oid) ~ '\\(codigo_generacion'
          order by 1`,
      );
      expect(codigo).toEqual([
        {
          name: 'invoice_codigo_generacion_unique',
          def:
            'CREATE UNIQUE INDEX invoice_codigo_generacion_unique ON public.invoice USING btree ' +
            '(codigo_generacion varchar_pattern_ops)',
          constraints: 0,
        },
      ]);
      const keys = await orm.em.getConnection().execute<{ conname: string; def: string }[]>(
        `select conname, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'f' and convalidated
          and conname in (${DATABASE_FOREIGN_KEYS.map((n) => `'${n}'`).join(', ')}) order by conname`,
      );
      expect(keys).toEqual([
        {
          conname: 'invoice_document_invoice_foreign',
          def: 'FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice(tenant_id, id) ON DELETE CASCADE',
        },
        {
          conname: 'invoice_email_invoice_foreign',
          def: 'FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice(tenant_id, id) ON DELETE CASCADE',
        },
        {
          conname: 'invoice_event_invoice_foreign',
          def: 'FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice(tenant_id, id)',
        },
      ]);
      // A document's PDF (≈ 5 KB) stays in its row: nothing written to the TOAST table. (Its invoice is left out:
      // the foreign key is not what is looked at here.)
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('begin');
        await c.query('set local session_replication_role = replica');
        await c.query(
          `insert into invoice_document (id, tenant_id, invoice_id, status, variant, content_type, content, bytes,
             created_at)
           values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'PROCESSED', 'letter', 'application/pdf',
             $1, 5200, now())`,
          [randomBytes(5200)],
        );
        const { rows } = await c.query<{ toast: string }>(
          `select pg_relation_size(reltoastrelid) as toast from pg_class where oid = 'invoice_document'::regclass`,
        );
        expect(Number(rows[0]!.toast)).toBe(0);
        await c.query('rollback');
      } finally {
        await c.end();
      }
    } finally {
      await orm.close(true);
    }
  });
});
