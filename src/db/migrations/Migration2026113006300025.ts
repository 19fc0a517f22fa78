import { Migration } from '@mikro-orm/migrations';

/**
 * The stored search text of the documents written before it existed (their `search_text` is null, and a walk
 * computes it for each row it reads) is filled in the background by the worker's `fill-search-text` job
 * (src/modules/invoices/fill-search-text.job.ts): this queues it once. Filling a million rows in the upgrade itself
 * would hold the service's start for minutes (each row written again, with every index of the table); the job does
 * it in short statements of a few hundred rows, newest first, between the pipeline's jobs.
 */
export class Migration2026113006300025 extends Migration {

  override name = 'Migration2026113006300025';

  override up(): void | Promise<void> {
    this.addSql(`insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at,
        updated_at)
      values (null, 'fill-search-text', '{"tenant": null, "after": null}', 'queued', 6, 'fill-search-text::', now(), 0,
        now(), now())
      on conflict (dedupe_key) where status in ('queued', 'running') do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from job where kind = 'fill-search-text' and status = 'queued';`);
  }

}
