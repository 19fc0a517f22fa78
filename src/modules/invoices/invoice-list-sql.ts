// The SQL of the invoice listing, kept apart so the EXPLAIN test and the benchmark run exactly what the API runs.
// Placeholders are `?` with scalar parameters only (MikroORM inlines them as quoted literals, so PostgreSQL plans
// each page with its real values: the text pattern is then a constant the trigram index can use).
//
// Order: newest first by (fecEmi, createdAt, id), all descending. fecEmi leads so that a date range is a range of
// every listing index (see the Invoice entity); within a day the creation instant orders, and the id breaks ties.
// Each filter is matched by an index (tenant, <filtered column>, fecEmi, createdAt, id): a page is read in order
// and stops after `limit` rows, whatever the table's size. A list of statuses or types becomes one ordered branch
// per value, merged (`union all` + `order by … limit`), since an `in (…)` over an index column would not come out in
// date order.

export interface InvoiceListFilter {
  status?: readonly string[] | null;
  tipoDte?: readonly string[] | null;
  fromDate?: string | null;
  toDate?: string | null;
  receptorNumDocumento?: string | null;
  patientId?: string | null;
  text?: string | null;
}

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

/** Beyond this many status × type combinations the listing filters with `in (…)` rather than merging branches. */
const MAX_BRANCHES = 24;
const ORDER = 'fec_emi desc, created_at desc, id desc';
/** The search expression, spelled exactly as in the index (invoice_search_index). */
export const SEARCH_EXPRESSION = 'fx_invoice_search(receptor_nombre, numero_control, codigo_generacion, referencia_externa)';
/** The keyset of each row, for its cursor: created_at with its microseconds. */
const KEY_COLUMN = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_created_at`;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One SQL condition and the values of its `?` placeholders, in order. */
interface Cond {
  sql: string;
  values: unknown[];
}
const cond = (sql: string, ...values: unknown[]): Cond => ({ sql, values });

function joined(conds: Cond[]): SqlQuery {
  return { sql: conds.map((c) => c.sql).join(' and '), params: conds.flatMap((c) => c.values) };
}

/** The conditions every branch shares (tenant, dates, receptor, patient, text). */
function common(tenantId: string, f: InvoiceListFilter): Cond[] {
  const text = f.text?.trim();
  return [
    cond('tenant_id = ?', tenantId),
    ...(f.fromDate ? [cond('fec_emi >= ?', f.fromDate)] : []),
    ...(f.toDate ? [cond('fec_emi <= ?', f.toDate)] : []),
    ...(f.receptorNumDocumento ? [cond('receptor_num_documento = ?', f.receptorNumDocumento)] : []),
    ...(f.patientId ? [cond('patient_id = ?', f.patientId)] : []),
    ...(text ? [cond(`${SEARCH_EXPRESSION} like '%' || lower(fx_unaccent(?)) || '%'`, escapeLike(text))] : []),
  ];
}

function inList(column: string, values: readonly string[] | null | undefined): Cond[] {
  return values?.length ? [cond(`${column} in (${values.map(() => '?').join(', ')})`, ...values)] : [];
}

/** Every condition of the filter, status and type lists as `in (…)`. */
function allConds(tenantId: string, f: InvoiceListFilter): Cond[] {
  return [...common(tenantId, f), ...inList('status', f.status), ...inList('tipo_dte', f.tipoDte)];
}

const distinct = (v: readonly string[] | null | undefined): (string | null)[] => (v?.length ? [...new Set(v)] : [null]);

/** The rows of one page (`limit` rows after `after`), newest first. */
export function invoicePageQuery(tenantId: string, f: InvoiceListFilter, limit: number, after: Keyset | null): SqlQuery {
  const keyset = after ? [cond('(fec_emi, created_at, id) < (?, ?::timestamptz, ?::uuid)', after.fecEmi, after.createdAt, after.id)] : [];
  const branch = (conds: Cond[]): SqlQuery => {
    const w = joined([...conds, ...keyset]);
    return { sql: `select *, ${KEY_COLUMN} from invoice where ${w.sql} order by ${ORDER} limit ${limit}`, params: w.params };
  };
  const statuses = distinct(f.status);
  const tipos = distinct(f.tipoDte);
  if (statuses.length * tipos.length > MAX_BRANCHES) return branch(allConds(tenantId, f));
  const branches = statuses.flatMap((s) => tipos.map((t) => branch([
    ...common(tenantId, f),
    ...(s ? [cond('status = ?', s)] : []),
    ...(t ? [cond('tipo_dte = ?', t)] : []),
  ])));
  if (branches.length === 1) return branches[0]!;
  return {
    sql: `select * from (${branches.map((b) => `(${b.sql})`).join(' union all ')}) page order by ${ORDER} limit ${limit}`,
    params: branches.flatMap((b) => b.params),
  };
}

/** Counts matching rows, reading at most `cap + 1` of them (null cap: count them all). */
export function invoiceCountQuery(tenantId: string, f: InvoiceListFilter, cap: number | null): SqlQuery {
  const w = joined(allConds(tenantId, f));
  const rows = `select 1 from invoice where ${w.sql}${cap === null ? '' : ` limit ${cap + 1}`}`;
  return { sql: `select count(*)::int as n from (${rows}) m`, params: w.params };
}

/** The planner's estimate of the matching rows (EXPLAIN: nothing is read). */
export function invoiceEstimateQuery(tenantId: string, f: InvoiceListFilter): SqlQuery {
  const w = joined(allConds(tenantId, f));
  return { sql: `explain (format json) select 1 from invoice where ${w.sql}`, params: w.params };
}

/** `?` placeholders → `$1…$n`, for running these queries through `pg` directly (tests, benchmark). */
export function numbered(q: SqlQuery): { text: string; values: unknown[] } {
  let n = 0;
  return { text: q.sql.replace(/\?/g, () => `$${++n}`), values: q.params };
}
