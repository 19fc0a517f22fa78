import { Migration } from '@mikro-orm/migrations';

/** The listing's indexes (see the Invoice entity), built without blocking writes to `invoice`; and the delivery log's. */
const INDEXES: [name: string, definition: string][] = [
  ['invoice_list_index', `("tenant_id", "fec_emi", "created_at", "id")`],
  ['invoice_list_status_index', `("tenant_id", "status", "fec_emi", "created_at", "id")`],
  ['invoice_list_tipo_dte_index', `("tenant_id", "tipo_dte", "fec_emi", "created_at", "id")`],
  ['invoice_list_receptor_index', `("tenant_id", "receptor_num_documento", "fec_emi", "created_at", "id") where receptor_num_documento is not null`],
  ['invoice_list_patient_index', `("tenant_id", "patient_id", "fec_emi", "created_at", "id") where patient_id is not null`],
  ['invoice_search_index', `using gin (fx_invoice_search("receptor_nombre", "numero_control", "codigo_generacion", "referencia_externa") gin_trgm_ops)`],
];
/** Superseded: every listing index starts with the tenant, and the patient's one replaces the bare patient_id. */
const SUPERSEDED = ['invoice_tenant_id_index', 'invoice_patient_id_index'];

/**
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional: each statement
 * commits on its own and the table stays writable while an index is built. If the process dies midway, the next run
 * redoes what is missing: an index left INVALID by an interrupted build is dropped and built again.
 */
export class Migration2026112914000108 extends Migration {

  override name = 'Migration2026112914000108';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid in ('invoice'::regclass, 'webhook_delivery'::regclass) and not i.indisvalid`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    for (const [name, definition] of INDEXES) this.addSql(`create index concurrently if not exists "${name}" on "invoice" ${definition};`);
    for (const name of SUPERSEDED) this.addSql(`drop index concurrently if exists "${name}";`);
    this.addSql(`create index concurrently if not exists "webhook_delivery_tenant_status_created_index" on "webhook_delivery" ("tenant_id", "status", "created_at");`);
    // Planner statistics for the search expression (collected only by ANALYZE, on a sample).
    this.addSql(`analyze "invoice";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index concurrently if exists "webhook_delivery_tenant_status_created_index";`);
    this.addSql(`create index concurrently if not exists "invoice_tenant_id_index" on "invoice" ("tenant_id");`);
    this.addSql(`create index concurrently if not exists "invoice_patient_id_index" on "invoice" ("patient_id");`);
    for (const [name] of [...INDEXES].reverse()) this.addSql(`drop index concurrently if exists "${name}";`);
  }

}
