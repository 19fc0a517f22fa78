import { Migration } from '@mikro-orm/migrations';

/**
 * A document's events, e-mails and stored PDFs reference their invoice by (tenant_id, invoice_id) — a unique
 * (tenant_id, id) of `invoice`, a constraint of its own — instead of two foreign keys, one to `tenant` and one to
 * `invoice`.
 *
 * Why: every row inserted under a foreign key locks the referenced row (FOR KEY SHARE). With one key to `tenant`,
 * every event, e-mail and PDF of every document locked the tenant's one row: concurrent transactions share that
 * lock through a multixact that grows with them, and each check read it again (in the pipeline, 7 of a document's
 * 13 foreign-key checks, and a lock record in the WAL for each). Now the only row locked is the document's own
 * invoice, which the same statements have usually just updated. A child row's tenant is still checked: it must be
 * its invoice's tenant (stricter than before, when any existing tenant passed), and the invoice's own key to
 * `tenant` stands for the tenant's existence. ON DELETE CASCADE is kept where it was.
 *
 * Not transactional, and nothing holds a lock for long: the unique index is built CONCURRENTLY (and then made the
 * constraint, a catalog change); each new key is added NOT VALID (a catalog change) and then validated (which reads
 * the table without blocking its writes); the old keys are dropped afterwards. The catalog changes take `invoice`'s lock before the child's (the order in which the
 * pipeline's statements take them) and give up after a few seconds instead of queueing every writer behind them.
 * Every step checks what is already there, so an interrupted run is resumed by running the migration again.
 */
const CHILDREN: { table: string; onDelete: string }[] = [
  { table: 'invoice_event', onDelete: '' },
  { table: 'invoice_email', onDelete: ' on delete cascade' },
  { table: 'invoice_document', onDelete: ' on delete cascade' },
];

const INDEX = 'invoice_tenant_id_unique';

/** The catalog change `sql` on `table`, in a short transaction that locks `invoice` first. */
function locked(table: string, sql: string): string {
  return `begin; set local lock_timeout = '5s';
    lock table "invoice" in share row exclusive mode; lock table "${table}" in share row exclusive mode;
    ${sql}; commit;`;
}

export class Migration2026113002400023 extends Migration {

  override name = 'Migration2026113002400023';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'invoice'::regclass and not i.indisvalid and c.relname = '${INDEX}'`,
    ) as { relname: string }[];
    if (invalid.length > 0) this.addSql(`drop index concurrently if exists "${INDEX}";`);
    this.addSql(`create unique index concurrently if not exists "${INDEX}" on "invoice" ("tenant_id", "id");`);
    const existing = await this.constraints();
    if (!existing.has(INDEX)) {
      this.addSql(`begin; set local lock_timeout = '5s';
        alter table "invoice" add constraint "${INDEX}" unique using index "${INDEX}"; commit;`);
    }
    for (const { table, onDelete } of CHILDREN) {
      const key = `${table}_invoice_foreign`;
      if (!existing.has(key)) {
        this.addSql(locked(table, `alter table "${table}" add constraint "${key}" foreign key ("tenant_id", "invoice_id")
          references "invoice" ("tenant_id", "id")${onDelete} not valid`));
      }
      this.addSql(`alter table "${table}" validate constraint "${key}";`);
      this.addSql(locked(table, `alter table "${table}" drop constraint if exists "${table}_tenant_id_foreign",
        drop constraint if exists "${table}_invoice_id_foreign"`));
    }
  }

  override async down(): Promise<void> {
    const existing = await this.constraints();
    for (const { table, onDelete } of [...CHILDREN].reverse()) {
      const byTenant = `${table}_tenant_id_foreign`;
      const byInvoice = `${table}_invoice_id_foreign`;
      if (!existing.has(byTenant)) {
        this.addSql(locked(table, `alter table "${table}" add constraint "${byTenant}" foreign key ("tenant_id")
          references "tenant" ("id") not valid`));
      }
      if (!existing.has(byInvoice)) {
        this.addSql(locked(table, `alter table "${table}" add constraint "${byInvoice}" foreign key ("invoice_id")
          references "invoice" ("id")${onDelete} not valid`));
      }
      this.addSql(`alter table "${table}" validate constraint "${byTenant}";`);
      this.addSql(`alter table "${table}" validate constraint "${byInvoice}";`);
      this.addSql(locked(table, `alter table "${table}" drop constraint if exists "${table}_invoice_foreign"`));
    }
    this.addSql(`begin; set local lock_timeout = '5s';
      alter table "invoice" drop constraint if exists "${INDEX}"; commit;`);
    this.addSql(`drop index concurrently if exists "${INDEX}";`);
  }

  /** The constraints of `invoice` and of the three tables, by name. */
  private async constraints(): Promise<Set<string>> {
    const rows = await this.execute(
      `select conname from pg_constraint where conrelid in ('invoice'::regclass,
        ${CHILDREN.map(({ table }) => `'${table}'::regclass`).join(', ')})`,
    ) as { conname: string }[];
    return new Set(rows.map((r) => r.conname));
  }

}
