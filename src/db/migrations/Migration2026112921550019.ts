import { Migration } from '@mikro-orm/migrations';

/**
 * The deadline scan's documents in contingency, by their deadline (see the Invoice entity): each deadline kind is a
 * range of its own small partial index, instead of every document in contingency read from the table twice. Built
 * without blocking writes to `invoice`.
 *
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional. If the process
 * dies midway, the next run drops an index an interrupted build left INVALID and builds it again.
 */
const INDEXES: [name: string, definition: string][] = [
  ['invoice_contingency_deadline_index', `("contingency_deadline") where status = 'CONTINGENCY' and contingency_deadline is not null`],
  ['invoice_transmit_deadline_index', `("transmit_deadline") where status = 'CONTINGENCY' and transmit_deadline is not null`],
];

export class Migration2026112921550019 extends Migration {

  override name = 'Migration2026112921550019';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const names = INDEXES.map(([n]) => `'${n}'`).join(', ');
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'invoice'::regclass and not i.indisvalid and c.relname in (${names})`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    for (const [name, definition] of INDEXES) {
      this.addSql(`create index concurrently if not exists "${name}" on "invoice" ${definition};`);
    }
  }

  override down(): void | Promise<void> {
    for (const [name] of [...INDEXES].reverse()) this.addSql(`drop index concurrently if exists "${name}";`);
  }

}
