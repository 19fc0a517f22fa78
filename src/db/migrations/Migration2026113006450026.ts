import { Migration } from '@mikro-orm/migrations';

/**
 * The queued jobs of each tenant and kind in claim order. While a tenant's MH-bound jobs fill its slots, the claim
 * leaves them in the table; walking the queued jobs in claim order alone, it read that tenant's whole backlog at every
 * claim to reach another tenant's documents. Through this index it finds each (tenant, kind) with queued jobs in one
 * descent and reads only the first due jobs of those it may claim. It replaces the index of queued jobs by tenant
 * alone (waking a tenant's blocked transmissions looks them up by tenant and kind: it serves that too), so a job's
 * row versions get no more index entries than before.
 *
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional: the table stays
 * writable while the index is built, and the old one is dropped only once the new one exists. If the process dies
 * midway, the next run drops an index of this migration left INVALID by an interrupted build and builds it again.
 */
const CREATED: [name: string, definition: string][] = [
  ['job_tenant_claim_index', `("tenant_id", "kind", "priority", "run_at") where status = 'queued'`],
];

const DROPPED: [name: string, definition: string][] = [
  ['job_tenant_queued_index', `("tenant_id") where status = 'queued'`],
];

export class Migration2026113006450026 extends Migration {

  override name = 'Migration2026113006450026';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    await this.rebuild(CREATED, DROPPED);
  }

  override async down(): Promise<void> {
    await this.rebuild(DROPPED, CREATED);
  }

  private async rebuild(create: [string, string][], drop: [string, string][]): Promise<void> {
    const names = create.map(([n]) => `'${n}'`).join(', ');
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'job'::regclass and not i.indisvalid and c.relname in (${names})`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    for (const [name, definition] of create) {
      this.addSql(`create index concurrently if not exists "${name}" on "job" ${definition};`);
    }
    for (const [name] of drop) this.addSql(`drop index concurrently if exists "${name}";`);
    this.addSql(`analyze "job";`);
  }

}
