import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlParams } from '../../src/db/sql-params.js';
import { jobInsertSelect } from '../../src/queue/enqueue.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { createTestDatabase } from '../helpers/db.js';

const noteJob = defineJob<{ noteId: string }>({
  kind: 'test-note',
  priority: 5,
  callsMh: false,
  dedupeKey: (p) => `note:${p.noteId}`,
  run: async () => ({ kind: 'done' }),
});

describe('jobInsertSelect', () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase('jobinsert'), max: 2 });
    // The job table's columns and its live dedupe index, as the migrations make them.
    await pool.query(`create table job (id bigserial primary key, tenant_id uuid, kind varchar(64) not null,
      payload jsonb not null, status varchar(16) not null, priority smallint not null, dedupe_key varchar(200),
      run_at timestamptz not null, attempts int not null, created_at timestamptz not null,
      updated_at timestamptz not null)`);
    await pool.query(`create unique index job_dedupe_live_unique on job (dedupe_key)
      where status in ('queued', 'running')`);
  });
  afterAll(async () => {
    await pool?.end();
  });

  const insert = async (id: string, freshKey: boolean) => {
    const p = new SqlParams();
    const sql = jobInsertSelect(p, noteJob, 'n', {
      tenantId: 'null::uuid',
      payload: `jsonb_build_object('noteId', n.id)`,
      dedupeKey: `'note:' || n.id`,
      freshKey,
    });
    const values = [...p.values, id];
    return pool.query(`with n as (select $${values.length}::text as id), j as (${sql}) select kind from j`, values);
  };

  it('skips a job whose dedupe key a live job holds, unless the key is fresh', async () => {
    expect((await insert('a', false)).rowCount).toBe(1);
    expect((await insert('a', false)).rowCount).toBe(0);
    // A fresh key (an id the same statement generated) is inserted plainly: were it ever taken, the statement fails
    // rather than silently skipping the job.
    await expect(insert('a', true)).rejects.toMatchObject({ code: '23505' });
    expect((await insert('b', true)).rows).toEqual([{ kind: 'test-note' }]);
    const { rows } = await pool.query(`select dedupe_key, status from job order by id`);
    expect(rows).toEqual([
      { dedupe_key: 'note:a', status: 'queued' },
      { dedupe_key: 'note:b', status: 'queued' },
    ]);
  });
});
