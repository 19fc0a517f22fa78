import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, type TestApp } from '../helpers/app.js';
import { emit, type PipelineTenant, startWithPipelineTenant, waitForStatus } from '../helpers/pipeline.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> =>
  (await t.app.db.pool.query(q, params)).rows as T[];

const CHILDREN = ['invoice_document', 'invoice_email', 'invoice_event'];

async function foreignKeys(): Promise<string[]> {
  const rows = await sql<{ key: string }>(
    `select conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) as key from pg_constraint
      where contype = 'f' and convalidated and conrelid::regclass::text = any($1) order by 1`,
    [CHILDREN],
  );
  return rows.map((r) => r.key);
}

const BY_INVOICE = [
  'invoice_document FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice(tenant_id, id) ON DELETE CASCADE',
  'invoice_email FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice(tenant_id, id) ON DELETE CASCADE',
  'invoice_event FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice(tenant_id, id)',
];

/** Runs `f` on a connection of its own (its own transaction), then gives it back. */
async function onOwnConnection<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await t.app.db.pool.connect();
  try {
    return await f(c);
  } finally {
    c.release();
  }
}

describe("a document's events, e-mails and PDFs reference their invoice with its tenant", () => {
  it('one key per row, (tenant_id, invoice_id) → invoice: the tenant must be the invoice’s', async () => {
    expect(await foreignKeys()).toEqual(BY_INVOICE);
    const inv = await emit(tt);
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    const other = await provisionTenant(t);
    const insertEvent = (tenantId: string) =>
      sql(`insert into invoice_event (tenant_id, invoice_id, type, created_at) values ($1, $2, 'test.event', now())`, [
        tenantId,
        inv.id,
      ]);
    // Another tenant's event on this invoice is refused (it exists as a tenant: the old keys let it through).
    await expect(insertEvent(other.tenantId)).rejects.toMatchObject({ code: '23503' });
    await expect(insertEvent(tt.tenantId)).resolves.toBeDefined();
  });

  it("a child row being written does not lock the tenant's row", async () => {
    const inv = await emit(tt);
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    await onOwnConnection(async (writer) => {
      await writer.query('begin');
      await writer.query(
        `insert into invoice_event (tenant_id, invoice_id, type, created_at) values ($1, $2, 'test.event', now())`,
        [tt.tenantId, inv.id],
      );
      // With a key to `tenant`, the insert holds FOR KEY SHARE on the tenant's row until it commits.
      const locked = await onOwnConnection(async (c) => {
        await c.query('begin');
        try {
          await c.query('select id from tenant where id = $1 for update nowait', [tt.tenantId]);
          return false;
        } catch (err) {
          if ((err as { code?: string }).code === '55P03') return true;
          throw err;
        } finally {
          await c.query('rollback');
        }
      });
      await writer.query('rollback');
      expect(locked).toBe(false);
    });
  });

  it('the migration goes down to the keys by tenant and by invoice, and up again', async () => {
    await t.app.db.orm.migrator.down({ to: 'Migration2026113000100022' });
    expect(await foreignKeys()).toEqual([
      'invoice_document FOREIGN KEY (invoice_id) REFERENCES invoice(id) ON DELETE CASCADE',
      'invoice_document FOREIGN KEY (tenant_id) REFERENCES tenant(id)',
      'invoice_email FOREIGN KEY (invoice_id) REFERENCES invoice(id) ON DELETE CASCADE',
      'invoice_email FOREIGN KEY (tenant_id) REFERENCES tenant(id)',
      'invoice_event FOREIGN KEY (invoice_id) REFERENCES invoice(id)',
      'invoice_event FOREIGN KEY (tenant_id) REFERENCES tenant(id)',
    ]);
    expect(await sql(`select 1 from pg_class where relname = 'invoice_tenant_id_unique'`)).toEqual([]);
    // An emission is written on either schema; the pipeline's later records use functions of later migrations (the
    // time-ordered ids), which `up` brings back: the document emitted before it ends PROCESSED too.
    const before = await emit(tt);
    await t.app.db.orm.migrator.up();
    expect(await foreignKeys()).toEqual(BY_INVOICE);
    const after = await emit(tt);
    await waitForStatus(t, [before.id, after.id], ['PROCESSED']);
    const events = await sql<{ n: number }>(
      'select count(*)::int as n from invoice_event where invoice_id in ($1, $2)',
      [before.id, after.id],
    );
    expect(events[0]!.n).toBeGreaterThanOrEqual(6);
  });
});
