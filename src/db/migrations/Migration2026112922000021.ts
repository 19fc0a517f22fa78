import { Migration } from '@mikro-orm/migrations';

/**
 * Fewer index entries per pipeline step. Every status change of an invoice or a job writes a new row version, and
 * (status being indexed) an entry in each of the table's indexes; a partial index whose condition the new version
 * does not meet gets no entry. So the indexes that only serve rare rows are made partial:
 * - invoice: `invoice_status_index` (status alone) served only the deadline scan's documents in contingency, which
 *   now reads the two partial indexes of their deadlines (built by the previous migration);
 *   `invoice_contingency_event_index` now lists only the documents of a contingency event (nearly all rows have none).
 * - job: `job_ready_index` (status, priority, run_at) listed every job, done or not, and the claim read the dead
 *   entries of claimed jobs among the queued ones: the queued jobs (claim order), the running ones (by lease end,
 *   for the takeover of expired leases) and the finished ones (by last change, for the pruning) each have their own
 *   partial index, and `job_tenant_id_index` keeps only queued jobs (waking a tenant's blocked transmissions).
 *
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional: the tables stay
 * writable while the indexes are built, and the old ones are dropped only once the new ones exist. If the process
 * dies midway, the next run drops an index of this migration left INVALID by an interrupted build and builds it again.
 */
const CREATED: [table: string, name: string, definition: string][] = [
  ['invoice', 'invoice_contingency_member_index', `("contingency_event") where contingency_event is not null`],
  ['job', 'job_queued_index', `("priority", "run_at") where status = 'queued'`],
  ['job', 'job_lease_index', `("locked_until") where status = 'running'`],
  ['job', 'job_finished_index', `("updated_at") where status in ('done', 'failed')`],
  ['job', 'job_tenant_queued_index', `("tenant_id") where status = 'queued'`],
];

const DROPPED: [table: string, name: string, definition: string][] = [
  ['invoice', 'invoice_status_index', '("status")'],
  ['invoice', 'invoice_contingency_event_index', '("contingency_event")'],
  ['job', 'job_ready_index', '("status", "priority", "run_at")'],
  ['job', 'job_tenant_id_index', '("tenant_id")'],
];

export class Migration2026112922000021 extends Migration {

  override name = 'Migration2026112922000021';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    await this.rebuild(CREATED, DROPPED);
  }

  override async down(): Promise<void> {
    await this.rebuild(DROPPED, CREATED);
  }

  private async rebuild(
    create: [string, string, string][],
    drop: [string, string, string][],
  ): Promise<void> {
    const names = create.map(([, n]) => `'${n}'`).join(', ');
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid in ('invoice'::regclass, 'job'::regclass) and not i.indisvalid and c.relname in (${names})`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    for (const [table, name, definition] of create) {
      this.addSql(`create index concurrently if not exists "${name}" on "${table}" ${definition};`);
    }
    for (const [, name] of drop) this.addSql(`drop index concurrently if exists "${name}";`);
    // Planner statistics for the new partial indexes' conditions.
    this.addSql(`analyze "invoice";`);
    this.addSql(`analyze "job";`);
  }

}
