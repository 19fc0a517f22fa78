import { Migration } from '@mikro-orm/migrations';

/**
 * The listing by status and tipoDte together (e.g. the rejected CCFs): its own index in listing order, so that a page
 * is read in order and its capped count reads at most that many index entries (index-only), instead of every row of
 * the status to check its type. Built without blocking writes to `invoice`.
 *
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional. If the process
 * dies midway, the next run drops the index an interrupted build left INVALID and builds it again.
 */
const INDEX = 'invoice_list_status_tipo_index';

export class Migration2026112919300118 extends Migration {

  override name = 'Migration2026112919300118';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'invoice'::regclass and not i.indisvalid and c.relname = '${INDEX}'`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    this.addSql(`create index concurrently if not exists "${INDEX}" on "invoice"
      ("tenant_id", "status", "tipo_dte", "fec_emi", "created_at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index concurrently if exists "${INDEX}";`);
  }

}
