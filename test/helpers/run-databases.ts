import pg from 'pg';

/** Drops every database this run made on a server that outlives it, whoever is still connected to one. */
export async function dropRunDatabases(adminUrl: string, tag: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like '%\\_' || $1::text || '\\_%'`,
      [tag],
    );
    for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
    return rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}
