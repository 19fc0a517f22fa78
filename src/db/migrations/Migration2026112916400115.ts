import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes of the text search by identifier and by name, and of the deadline scan (see the Invoice entity), built
 * without blocking writes to `invoice`.
 */
const INDEXES: [name: string, definition: string][] = [
  ['invoice_codigo_prefix_index', `("codigo_generacion" varchar_pattern_ops)`],
  ['invoice_numero_control_prefix_index', `("tenant_id", "numero_control" varchar_pattern_ops)`],
  ['invoice_reference_prefix_index', `("tenant_id", lower("referencia_externa") text_pattern_ops)`],
  ['invoice_name_search_index', `using gin (to_tsvector('fx_names'::regconfig, coalesce("receptor_nombre", '')))`],
  ['invoice_invalidation_deadline_index',
    `("invalidation_deadline") where status = 'PROCESSED' and invalidation_deadline is not null`],
];

/**
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional: each statement
 * commits on its own and the table stays writable while an index is built. If the process dies midway, the next run
 * redoes what is missing: an index of this migration left INVALID by an interrupted build is dropped and built again.
 */
export class Migration2026112916400115 extends Migration {

  override name = 'Migration2026112916400115';

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
    // Planner statistics for the indexed expressions (collected only by ANALYZE, on a sample).
    this.addSql(`analyze "invoice";`);
  }

  override down(): void | Promise<void> {
    for (const [name] of [...INDEXES].reverse()) this.addSql(`drop index concurrently if exists "${name}";`);
  }

}
