// The pieces every query of the invoice listing is built of (invoice-list-sql.ts): the filter as the queries take it,
// the cursor's keyset, one SQL condition with the values of its `?` placeholders, and the listing order.

export interface InvoiceListFilter {
  status?: readonly string[] | null;
  tipoDte?: readonly string[] | null;
  fromDate?: string | null;
  toDate?: string | null;
  receptorNumDocumento?: string | null;
  patientId?: string | null;
  text?: string | null;
  /** How `text` is matched (default `contains`). */
  textMode?: TextMode;
  /**
   * The tenant's receptor names that contain `text`, when already looked up (matchingNamesQuery): a contained
   * fragment of several words then reads those names' documents without looking them up again.
   */
  names?: readonly string[] | null;
}

export type TextMode = 'identifier' | 'words' | 'prefix' | 'contains';

/** Where a page starts: strictly after this row in the listing order. */
export interface Keyset {
  fecEmi: string;
  /** created_at as PostgreSQL has it (microseconds), ISO 8601 UTC. */
  createdAt: string;
  id: string;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

export const ORDER = 'fec_emi desc, created_at desc, id desc';
/** The keyset of each row, for its cursor: created_at with its microseconds. */
export const KEY_COLUMN = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_created_at`;

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One SQL condition and the values of its `?` placeholders, in order. */
export interface Cond {
  sql: string;
  values: unknown[];
}
export const cond = (sql: string, ...values: unknown[]): Cond => ({ sql, values });

export function joined(conds: Cond[]): SqlQuery {
  return { sql: conds.map((c) => c.sql).join(' and '), params: conds.flatMap((c) => c.values) };
}

export const distinct = (v: readonly string[] | null | undefined): (string | null)[] =>
  v?.length ? [...new Set(v)] : [null];

/** Rows strictly after `after` in the listing order (none: every row). */
export const keysetConds = (after: Keyset | null): Cond[] =>
  after
    ? [cond('(fec_emi, created_at, id) < (?, ?::timestamptz, ?::uuid)', after.fecEmi, after.createdAt, after.id)]
    : [];
