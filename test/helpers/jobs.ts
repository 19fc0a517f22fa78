import type pg from 'pg';

/**
 * A job that ends done is deleted. For tests that check how a job ran (how many times it was claimed, when it was
 * due), this keeps a copy of every deleted job row in `ended_job` (a trigger of the test's database only).
 */
export async function keepEndedJobs(pool: pg.Pool): Promise<void> {
  await pool.query(`
    create table if not exists ended_job as select * from job with no data;
    create or replace function fx_test_keep_ended_job() returns trigger language plpgsql as $$
      begin insert into ended_job select old.*; return old; end $$;
    drop trigger if exists fx_test_keep_ended_job on job;
    create trigger fx_test_keep_ended_job after delete on job for each row execute function fx_test_keep_ended_job();`);
}
