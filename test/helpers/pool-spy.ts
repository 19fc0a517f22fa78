import type { Pool } from 'pg';

/**
 * Calls `seen` with the text of every statement run through `pool.query` and its pending result, then lets the
 * statement run as it would have (a test's window on the plain statements of the hot paths).
 */
export function spyOnPoolQueries(pool: Pool, seen: (text: string, result: Promise<unknown>) => void): void {
  const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
  (pool as { query: unknown }).query = (cfg: unknown, ...rest: unknown[]) => {
    const result = query(cfg, ...rest);
    seen(typeof cfg === 'string' ? cfg : (cfg as { text: string }).text, result as Promise<unknown>);
    return result;
  };
}
