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
// Status and type together have their own index (tenant, status, tipoDte, fecEmi, createdAt, id): each branch of a
// merge is one of its ranges, and a capped count reads only index entries.
//
// The pieces of these queries are in invoice-list-parts.ts; how the text filter is matched, in invoice-list-text.ts;
// the steps a page of a text search is read in, in invoice-list-steps.ts; containment answered by the receptor names,
// in invoice-list-names.ts.

import { byNameRows, byNames } from './invoice-list-names.js';
import {
  type Cond,
  cond,
  distinct,
  type InvoiceListFilter,
  joined,
  KEY_COLUMN,
  type Keyset,
  keysetConds,
  ORDER,
  type SqlQuery,
  type TextMode,
} from './invoice-list-parts.js';
import { type PageStep, WALK_ROWS } from './invoice-list-steps.js';
import { textCond, walkContainsCond } from './invoice-list-text.js';

export type { InvoiceListFilter, Keyset, SqlQuery, TextMode } from './invoice-list-parts.js';
export { byNames, matchingNamesQuery } from './invoice-list-names.js';
export { type PageStep, pageSteps, RECENT_DAYS, WALK_ROWS, windowStart } from './invoice-list-steps.js';
export { SEARCH_EXPRESSION, textCond, textModes } from './invoice-list-text.js';

/** Beyond this many status × type combinations the listing filters with `in (…)` rather than merging branches. */
const MAX_BRANCHES = 24;

/** The conditions every branch shares (tenant, dates, receptor, patient, text). */
function common(tenantId: string, f: InvoiceListFilter): Cond[] {
  const text = f.text?.trim();
  return [
    cond('tenant_id = ?', tenantId),
    ...(f.fromDate ? [cond('fec_emi >= ?', f.fromDate)] : []),
    ...(f.toDate ? [cond('fec_emi <= ?', f.toDate)] : []),
    ...(f.receptorNumDocumento ? [cond('receptor_num_documento = ?', f.receptorNumDocumento)] : []),
    ...(f.patientId ? [cond('patient_id = ?', f.patientId)] : []),
    ...(text ? [textCond(text, f.textMode ?? 'contains')] : []),
  ];
}

function inList(column: string, values: readonly string[] | null | undefined): Cond[] {
  return values?.length ? [cond(`${column} in (${values.map(() => '?').join(', ')})`, ...values)] : [];
}

/** Every condition of the filter, status and type lists as `in (…)`. */
function allConds(tenantId: string, f: InvoiceListFilter): Cond[] {
  return [...common(tenantId, f), ...inList('status', f.status), ...inList('tipo_dte', f.tipoDte)];
}

/** The rows of one page (`limit` rows after `after`), newest first: `columns` of invoice (all by default). */
export function invoicePageQuery(
  tenantId: string,
  f: InvoiceListFilter,
  limit: number,
  after: Keyset | null,
  columns = '*',
  step: PageStep | null = null,
  since: string | null = null,
): SqlQuery {
  const keyset = keysetConds(after);
  const text = f.text?.trim();
  if (step && text) {
    const mode = f.textMode ?? 'contains';
    const others = joined([
      ...common(tenantId, { ...f, text: null }),
      ...inList('status', f.status),
      ...inList('tipo_dte', f.tipoDte),
      ...keyset,
    ]);
    if (step === 'names') {
      const rows = byNameRows(tenantId, others, text, limit, f.names);
      return {
        sql:
          `select ${columns}, ${KEY_COLUMN} from invoice where tenant_id = ? and id in (select id from ` +
          `(select id, fec_emi, created_at from (${rows.sql}) matched order by ${ORDER} limit ${limit}) page) ` +
          `order by ${ORDER}`,
        params: [tenantId, ...rows.params],
      };
    }
    const match = textCond(text, mode);
    const params = [...others.params, ...match.values];
    if (step === 'walk') {
      // The cursor's key is formatted for the matches only, not for every row walked; a contained fragment is checked
      // against each row's stored search text.
      const rows = WALK_ROWS[mode as keyof typeof WALK_ROWS] ?? 0;
      const walked = `select * from invoice where ${others.sql} order by ${ORDER} limit ${rows}`;
      const check = mode === 'contains' ? walkContainsCond(text) : match;
      return {
        sql:
          `select ${columns}, ${KEY_COLUMN} from (${walked}) walked where ${check.sql} ` +
          `order by ${ORDER} limit ${limit}`,
        params: [...others.params, ...check.values],
      };
    }
    // Planned for every match (a materialized CTE is), hence read from the text's index; the page is then sorted.
    // The recent step's days are a range of the other filters' listing index, intersected with the text's.
    if (step === 'recent' && !since) throw new Error('the recent step needs the first day of its window');
    const days = step === 'recent' ? cond(' and fec_emi >= ?', since) : cond('');
    const every = `select ${columns} from invoice where ${others.sql} and ${match.sql}${days.sql}`;
    return {
      sql:
        `with candidates as materialized (${every}) ` +
        `select ${columns}, ${KEY_COLUMN} from candidates order by ${ORDER} limit ${limit}`,
      params: [...params, ...days.values],
    };
  }
  const branch = (conds: Cond[]): SqlQuery => {
    const w = joined([...conds, ...keyset]);
    return {
      sql: `select ${columns}, ${KEY_COLUMN} from invoice where ${w.sql} order by ${ORDER} limit ${limit}`,
      params: w.params,
    };
  };
  const statuses = distinct(f.status);
  const tipos = distinct(f.tipoDte);
  if (statuses.length * tipos.length > MAX_BRANCHES) return branch(allConds(tenantId, f));
  const branches = statuses.flatMap((s) =>
    tipos.map((t) =>
      branch([...common(tenantId, f), ...(s ? [cond('status = ?', s)] : []), ...(t ? [cond('tipo_dte = ?', t)] : [])]),
    ),
  );
  if (branches.length === 1) return branches[0]!;
  return {
    sql:
      `select * from (${branches.map((b) => `(${b.sql})`).join(' union all ')}) ` +
      `page order by ${ORDER} limit ${limit}`,
    params: branches.flatMap((b) => b.params),
  };
}

/**
 * The same page, its rows' `columns` read only for the page: the page's ids are found first (the same query, its
 * plan and index), then its rows by primary key. A search that sorts its candidates by date (a name's words, say)
 * would otherwise read and convert every candidate's columns (the document's text) before keeping `limit` of them.
 */
export function invoicePageRowsQuery(
  tenantId: string,
  f: InvoiceListFilter,
  limit: number,
  after: Keyset | null,
  columns: string,
  step: PageStep | null = null,
  since: string | null = null,
): SqlQuery {
  const ids = invoicePageQuery(tenantId, f, limit, after, 'id, fec_emi, created_at', step, since);
  return {
    sql:
      `select ${columns}, ${KEY_COLUMN} from invoice where tenant_id = ? and id in (select id from (${ids.sql}) ids) ` +
      `order by ${ORDER}`,
    params: [tenantId, ...ids.params],
  };
}

/** Whether `text` matches anything of the tenant in `mode` (whatever the other filters). */
export function textProbeQuery(
  tenantId: string,
  text: string,
  mode: TextMode,
  step: PageStep | null = null,
  since: string | null = null,
): SqlQuery {
  const f = { text, textMode: mode };
  if (step) return invoicePageQuery(tenantId, f, 1, null, 'id, fec_emi, created_at', step, since);
  const w = joined([cond('tenant_id = ?', tenantId), textCond(text, mode)]);
  return { sql: `select 1 as found from invoice where ${w.sql} limit 1`, params: w.params };
}

/**
 * Whether any row of the tenant has the name's words of `text` (whole or begun): one row read from the words' index
 * (every match is planned for, hence the index; the first one found answers). A name mode only: its index entries are
 * the matches, so a word that no name has costs two index pages; one that some have costs reading its entries once
 * (as one window of the recent step does).
 */
export function nameWordsExistQuery(tenantId: string, text: string, mode: 'words' | 'prefix'): SqlQuery {
  const w = joined([cond('tenant_id = ?', tenantId), textCond(text, mode)]);
  return {
    sql: `with matches as materialized (select 1 from invoice where ${w.sql}) select 1 as found from matches limit 1`,
    params: w.params,
  };
}

/** The newest day of the rows of `f` but its text (after `after`): where the recent step's windows end. */
export function newestDayQuery(tenantId: string, f: InvoiceListFilter, after: Keyset | null): SqlQuery {
  const keyset = keysetConds(after);
  const w = joined([...allConds(tenantId, { ...f, text: null }), ...keyset]);
  return { sql: `select fec_emi from invoice where ${w.sql} order by ${ORDER} limit 1`, params: w.params };
}

/** Counts matching rows, reading at most `cap + 1` of them (null cap: count them all). */
export function invoiceCountQuery(tenantId: string, f: InvoiceListFilter, cap: number | null): SqlQuery {
  const text = f.text?.trim();
  const mode = f.textMode ?? 'contains';
  if (text && byNames(text, mode) && distinct(f.status).length * distinct(f.tipoDte).length === 1) {
    // Each name's rows up to the cap, then at most cap + 1 of them all: never more entries than that per name.
    const others = joined([
      ...common(tenantId, { ...f, text: null }),
      ...inList('status', f.status),
      ...inList('tipo_dte', f.tipoDte),
    ]);
    const rows = byNameRows(tenantId, others, text, cap === null ? null : cap + 1, f.names);
    const limit = cap === null ? '' : ` limit ${cap + 1}`;
    return {
      sql: `select count(*)::int as n from (select 1 from (${rows.sql}) matched${limit}) m`,
      params: rows.params,
    };
  }
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
