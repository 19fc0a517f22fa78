import { createHash } from 'node:crypto';

/**
 * The parameters of one plain `pg` statement assembled from fragments (the hot path's CTEs): `add` appends a value
 * and returns its `$n` placeholder, optionally cast, so fragments can be written without counting placeholders.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value === undefined ? null : value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  /** A JSON value as a `jsonb` parameter (null stays SQL null). */
  json(value: unknown): string {
    return this.add(value === null || value === undefined ? null : JSON.stringify(value), 'jsonb');
  }
}

/**
 * `column = value` as a check only, never an index condition: for lookups that find a row by its primary key and
 * only confirm its tenant. Written as a plain equality, the planner may pick a `(tenant_id, …)` index instead while
 * the table's statistics are young (a fresh table, a burst before autovacuum's next ANALYZE): estimated at one row,
 * that index reads every document of the tenant — one statement per document then costs as much as the whole
 * table. The result is the same (`is true`: a NULL counts as false, as in any WHERE).
 */
export const tenantCheck = (column: string, value: string): string => `(${column} = ${value}) is true`;

const preparedNames = new Map<string, string>();
/** Distinct statement texts prepared per process (a text built with data inside would otherwise grow without end). */
const MAX_PREPARED = 256;

/**
 * A `pg` query config that prepares `text` once per connection (a name derived from the text): the hot path's
 * statements are long CTEs whose parsing and planning cost PostgreSQL more than running them. Only for texts built
 * from code (values travel as parameters); past MAX_PREPARED distinct texts, statements run unprepared.
 */
export function prepared(text: string, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    name = `fx_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name === undefined ? { text, values } : { name, text, values };
}

/**
 * An error PostgreSQL answered with (a SQLSTATE): the statement, and so its own transaction, did not commit. Any
 * other error (a lost connection) leaves the outcome unknown.
 */
export const answeredByPostgres = (err: unknown): boolean =>
  typeof (err as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
