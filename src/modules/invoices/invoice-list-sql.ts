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
// Text search, in the order tried (the first that finds anything answers; see textModes):
//  - identifier: a single token with a digit is looked up by prefix in btree indexes: codigoGeneracion (uppercase
//    UUID), numeroControl (DTE-…), referenciaExterna (lower-cased), and, when it is a document number, the receptor's;
//  - words: whole words of the receptor's name, in order and adjacent (full text, unaccented, GIN); from two words
//    on, by their pairs of adjacent words (one GIN entry per pair: `rocio canas` reads only the rows that have that
//    pair, not every Rocío with a Cañas somewhere);
//  - prefix: the same with the last word only begun (someone still typing); a prefix reads every word (or pair) it
//    begins, so it comes after the whole words;
//  - contains: contained anywhere in the four columns (trigram GIN), for whatever the first two did not find.

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

/** Beyond this many status × type combinations the listing filters with `in (…)` rather than merging branches. */
const MAX_BRANCHES = 24;
const ORDER = 'fec_emi desc, created_at desc, id desc';
/** The search expression, spelled exactly as in the index (invoice_search_index). */
export const SEARCH_EXPRESSION =
  'fx_invoice_search(receptor_nombre, numero_control, codigo_generacion, referencia_externa)';
/**
 * The name and the reference as a walk checks them: stored with the row (search_text, written by a trigger), else
 * computed the same way (a row written before that column existed). Never read from an index: a check on rows already
 * read.
 */
const STORED_SEARCH = 'coalesce(search_text, fx_invoice_search_text(receptor_nombre, referencia_externa))';
/**
 * numeroControl and codigoGeneracion as the search expression has them: lower-cased (they are ASCII as the service
 * makes them: `DTE-`, digits, an establishment code; an uppercase UUID; unaccenting leaves them as they are).
 */
const IDENTIFIERS_CHECKED = `lower(coalesce(numero_control, '') || E'\\x1f' || coalesce(codigo_generacion, ''))`;
/** The name's words, spelled exactly as in the index (invoice_name_search_index). */
const NAME_EXPRESSION = `to_tsvector('fx_names'::regconfig, coalesce(receptor_nombre, ''))`;
/** Pairs of adjacent words of the name, spelled exactly as in the index (invoice_name_pairs_index). */
const PAIRS_EXPRESSION = 'fx_name_pairs(receptor_nombre)';
/** The name's words for a phrase checked on the row (no index has this expression). */
const PHRASE_CHECK = `to_tsvector('fx_names'::regconfig, receptor_nombre::text)`;
/** The keyset of each row, for its cursor: created_at with its microseconds. */
const KEY_COLUMN = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_created_at`;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A prefix of an uppercase UUID (at least its first 8 hex digits). */
const UUID_PREFIX = /^[0-9A-F]{8}(-[0-9A-F]{0,4}(-[0-9A-F]{0,4}(-[0-9A-F]{0,4}(-[0-9A-F]{0,12})?)?)?)?$/;
/** A prefix of a numeroControl (DTE-tt-eeeepppp-nnnnnnnnnnnnnnn). */
const NUMERO_CONTROL_PREFIX = /^DTE-/;
/** A document number (DUI, NIT…): digits, maybe with dashes. */
const DOCUMENT_NUMBER = /^[0-9][0-9-]*[0-9]$/;
/** Words of a name for the full-text search: letters and digits only (nothing else reaches to_tsquery). */
const words = (text: string): string[] =>
  text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The ways `text` may be matched, the cheapest first: an identifier-like token, a name's words, then containment. */
export function textModes(text: string): TextMode[] {
  const t = text.trim();
  if (!/\s/.test(t) && /\d/.test(t)) return ['identifier', 'contains'];
  if (words(t).some((w) => /\p{L}/u.test(w))) return ['words', 'prefix', 'contains'];
  return ['contains'];
}

/** The condition of `text` in one mode (parameters only: the values are quoted literals once inlined). */
export function textCond(text: string, mode: TextMode): Cond {
  const t = text.trim();
  if (mode === 'identifier') {
    const upper = t.toUpperCase();
    const ors: Cond[] = [cond(`lower(referencia_externa) like ?`, `${escapeLike(t.toLowerCase())}%`)];
    if (upper.length === 36 && UUID_PREFIX.test(upper)) ors.push(cond('codigo_generacion = ?', upper));
    else if (UUID_PREFIX.test(upper)) ors.push(cond('codigo_generacion like ?', `${upper}%`));
    if (NUMERO_CONTROL_PREFIX.test(upper)) ors.push(cond('numero_control like ?', `${escapeLike(upper)}%`));
    if (DOCUMENT_NUMBER.test(t)) ors.push(cond('receptor_num_documento = ?', t.replace(/-/g, '')));
    return { sql: `(${ors.map((c) => c.sql).join(' or ')})`, values: ors.flatMap((c) => c.values) };
  }
  if (mode === 'words' || mode === 'prefix') {
    const ws = words(t);
    const query = ws.map((w) => `'${w}'`).join(' <-> ') + (mode === 'prefix' ? ':*' : '');
    if (ws.length < 2) return cond(`${NAME_EXPRESSION} @@ to_tsquery('fx_names', ?)`, query);
    const pairs = cond(`${PAIRS_EXPRESSION} @@ fx_name_pairs_query(?, ${mode === 'prefix'})`, ws.join(' '));
    // Two words of letters are two lexemes: the pair is the phrase. With more (or digits, which may make several
    // lexemes of one word), every pair is needed but they may lie apart: the phrase is checked on the rows that have
    // them all, spelled unlike the name index's expression so that it is a check on those rows, not another index read.
    if (ws.length === 2 && ws.every((w) => /^\p{L}+$/u.test(w))) return pairs;
    const phrase = cond(`${PHRASE_CHECK} @@ to_tsquery('fx_names', ?)`, query);
    return { sql: `(${pairs.sql} and ${phrase.sql})`, values: [...pairs.values, ...phrase.values] };
  }
  return containsCond(t, SEARCH_EXPRESSION);
}

/** `text` contained in `searched` (the search expression). */
const containsCond = (text: string, searched: string): Cond =>
  cond(`${searched} like '%' || lower(fx_unaccent(?)) || '%'`, escapeLike(text.trim()));

/**
 * `text` contained, checked on a row already read (a walk): in the stored name and reference, or in the two
 * identifiers. A fragment without the separator (\x1f) is contained in the search expression iff it is in one of
 * its four parts; one with it is checked against the expression itself.
 */
function walkContainsCond(text: string): Cond {
  if (text.includes('\x1f')) return containsCond(text, SEARCH_EXPRESSION);
  const stored = containsCond(text, STORED_SEARCH);
  const identifiers = containsCond(text, IDENTIFIERS_CHECKED);
  return { sql: `(${stored.sql} or ${identifiers.sql})`, values: [...stored.values, ...identifiers.values] };
}

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

const distinct = (v: readonly string[] | null | undefined): (string | null)[] => (v?.length ? [...new Set(v)] : [null]);

/**
 * How a page of a text search (by name or containment) is read, in this order until one fills the page:
 *  - `walk`: the newest WALK_ROWS rows of the other filters, in listing order (their index), each checked against the
 *    text; it stops at the page's last match. Fast when matches are common, whatever the planner expects of them;
 *  - `recent`: the matches of the newest days only (fecEmi from `since` on: RECENT_DAYS, widening), from the text's
 *    index and the listing index together (a bitmap of each, intersected), then sorted. When they fill the page they
 *    are the page: every row of an earlier day comes after them. Fast when matches are many but none is among the
 *    newest rows walked (a surname that the newest documents happen not to have);
 *  - `candidates`: every match, from the text's index (GIN), then sorted: fast when matches are rare, including none.
 *  - `names` (instead of `candidates`, for a contained fragment of several words: see byNameRows): the tenant's
 *    receptor names that contain it, each name's newest documents read in order from its index, and the few
 *    identifiers with a space; no document's row is read but the page's.
 * A planner left to choose between the two by its estimate of a text's matches (a guess for a word it has no
 * statistics of) walks the whole history for a word nobody has, or reads a hundred thousand candidates for a common
 * one. The walk's matches, when they fill the page, are the page: every row it did not reach comes after them.
 */
export type PageStep = 'walk' | 'recent' | 'candidates' | 'names';

/**
 * The windows of the `recent` step, in days up to the newest day of the other filters, tried in turn until one fills
 * the page. Each reads the text's index entries once (a bitmap of every match), the listing index over its days, and
 * the rows of the matches in them.
 */
export const RECENT_DAYS = [1, 7, 31] as const;

/**
 * Rows a page's walk reads at most before the next step answers instead. A contained fragment is checked against the
 * stored search text (about a microsecond a row, most of it reading the row), so its walk goes further: past a day of
 * a busy tenant's documents, which the newest days' window would otherwise read through the whole trigram index.
 */
export const WALK_ROWS: Record<Exclude<TextMode, 'identifier'>, number> = { words: 1000, prefix: 1000, contains: 4000 };

/**
 * The steps of a page of `f` (see PageStep); one `null` step: a single query, as the planner chooses. Two words or
 * more are one entry per pair in their index, and checking them on a row costs tens of microseconds: their
 * candidates answer without a walk.
 */
export function pageSteps(f: InvoiceListFilter): (PageStep | null)[] {
  const text = f.text?.trim();
  const mode = f.textMode ?? 'contains';
  if (!text || mode === 'identifier') return [null];
  if (distinct(f.status).length * distinct(f.tipoDte).length !== 1) return [null];
  if (mode !== 'contains' && words(text).length > 1) return ['candidates'];
  return byNames(text, mode) ? ['walk', 'names'] : ['walk', 'recent', 'candidates'];
}

/**
 * Whether containment of `text` is answered by the receptor names and the identifiers with a space: a fragment with
 * a space (one that the separator of the searchable columns, \x1f, is not in) is contained in the search text iff it
 * is contained in the name's key or in the identifiers'; and identifiers without a space cannot contain it.
 */
export function byNames(text: string, mode: TextMode): boolean {
  return mode === 'contains' && text.trim().includes(' ') && !text.includes('\x1f');
}

/** The tenant's receptor names that contain `text` (at most `cap + 1` of them: more means more than `cap`). */
export function matchingNamesQuery(tenantId: string, text: string, cap: number): SqlQuery {
  return {
    sql:
      `select nombre from receptor_name where tenant_id = ? ` +
      `and name_key like '%' || lower(fx_unaccent(?)) || '%' limit ${cap + 1}`,
    params: [tenantId, escapeLike(text.trim())],
  };
}

/** The names of `f.names` as a relation (`nombre`), or those of the tenant that contain `text` looked up. */
function namesRelation(tenantId: string, text: string, names: readonly string[] | null | undefined): Cond {
  if (names) {
    // One row per name: an empty list is no row (`unnest` of an empty array).
    const list = names.map(() => '?::text').join(', ');
    return cond(`(select unnest(array[${list}]::text[]) as nombre)`, ...names);
  }
  return cond(
    `(select nombre from receptor_name where tenant_id = ? and name_key like '%' || lower(fx_unaccent(?)) || '%')`,
    tenantId,
    escapeLike(text.trim()),
  );
}

/** The identifiers as the containment search sees them, spelled exactly as in invoice_spaced_identifiers_index. */
const IDENTIFIERS = 'fx_invoice_identifiers(numero_control, codigo_generacion, referencia_externa)';

/**
 * Ids and keys of the rows that contain `text` (byNames) among those of `others`: each matching name's first
 * `perName` rows in listing order (all with null), and every identifier match whose name does not contain it (so no
 * row comes twice, and a capped count stops reading once it has enough).
 */
function byNameRows(
  tenantId: string,
  others: SqlQuery,
  text: string,
  perName: number | null,
  names?: readonly string[] | null,
): SqlQuery {
  const pattern = `'%' || lower(fx_unaccent(?)) || '%'`;
  const fragment = escapeLike(text.trim());
  const limit = perName === null ? '' : ` limit ${perName}`;
  const named = namesRelation(tenantId, text, names);
  return {
    sql:
      `select n_rows.id, n_rows.fec_emi, n_rows.created_at from ${named.sql} ` +
      `names cross join lateral (select id, fec_emi, created_at ` +
      `from invoice where ${others.sql} and receptor_nombre = names.nombre order by ${ORDER}${limit}) n_rows ` +
      `union all select id, fec_emi, created_at from invoice where ${others.sql} and ${IDENTIFIERS} like '% %' ` +
      `and ${IDENTIFIERS} like ${pattern} and not fx_name_key(receptor_nombre) like ${pattern}`,
    params: [...named.values, ...others.params, ...others.params, fragment, fragment],
  };
}

/** Rows strictly after `after` in the listing order (none: every row). */
const keysetConds = (after: Keyset | null): Cond[] =>
  after
    ? [cond('(fec_emi, created_at, id) < (?, ?::timestamptz, ?::uuid)', after.fecEmi, after.createdAt, after.id)]
    : [];

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

/** The first day of a window of `days` days that ends on `day` (YYYY-MM-DD). */
export function windowStart(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
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
