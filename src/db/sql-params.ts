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
