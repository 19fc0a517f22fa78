import { Migration } from '@mikro-orm/migrations';

/**
 * A young database's `invoice` is planned as a table of its real size, not as an empty one.
 *
 * Why: the foreign-key check of every event, e-mail and stored PDF (`select 1 from invoice where tenant_id = $1 and
 * id = $2 for key share`) is planned once per connection and kept until `invoice`'s statistics change. Earlier
 * migrations analyze `invoice` while it is empty (reltuples 0), so a connection that plans the check while the table
 * holds a few pages keeps a sequential scan, and reads the whole table at every check as it grows, until autovacuum
 * next analyzes it: a pipeline started on a new database read ≈ 30–60 buffers per check (up to 130) instead of the
 * unique index's 4, and its answer and SENT statements planned their joins to `invoice` the same way. Statistics
 * cleared (as for a table never analyzed), the planner takes a table of fewer than 10 pages for one of 10, for which
 * the unique index wins, until autovacuum vacuums or analyzes it with real rows. A first vacuum or analyze with a few
 * rows (by default after 50 dead or changed rows, ≈ 20 documents) would bring the small plan back and keep it until
 * the next one: the table's vacuum and analyze thresholds are raised to 1,000 rows (≈ 330–500 documents, far past the
 * size at which the index wins; on a large table the scale factors, 20 % and 10 % of its rows, dominate them as
 * before).
 *
 * Only where PostgreSQL can clear statistics (18 and later), and the statistics only of a young table (under 10
 * pages; a populated database's are left as they are). Neither step blocks writers: clearing changes a catalog row, the
 * storage parameter takes the lock that autovacuum takes.
 */
const TABLES = ['invoice'];

const THRESHOLD = 1000;

export class Migration20261130080000031 extends Migration {

  override name = 'Migration20261130080000031';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const clearable = await this.execute(
      `select 1 from pg_proc where proname = 'pg_clear_relation_stats' and pronamespace = 'pg_catalog'::regnamespace`,
    );
    // Without clearing, a raised threshold would only keep the empty table's plans longer.
    if (clearable.length === 0) return;
    for (const table of TABLES) {
      this.addSql(`begin; set local lock_timeout = '5s';
        alter table "${table}" set (autovacuum_vacuum_threshold = ${THRESHOLD}, autovacuum_analyze_threshold = ${THRESHOLD});
        commit;`);
      const young = await this.execute(
        `select 1 where pg_relation_size('"${table}"') < 10 * current_setting('block_size')::bigint`,
      );
      if (young.length > 0) this.addSql(`select pg_clear_relation_stats(current_schema(), '${table}');`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of TABLES) {
      this.addSql(`begin; set local lock_timeout = '5s';
        alter table "${table}" reset (autovacuum_vacuum_threshold, autovacuum_analyze_threshold); commit;`);
    }
  }

}
