import pg from 'pg';

/** Runs `fn` on a connection of its own to the server's admin database, closed afterwards whatever happens. */
export async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drops every database this run made on a server that outlives it, whoever is still connected to one. */
export function dropRunDatabases(adminUrl: string, tag: string): Promise<string[]> {
  return withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like '%\\_' || $1::text || '\\_%'`,
      [tag],
    );
    for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
    return rows.map((r) => r.datname);
  });
}
