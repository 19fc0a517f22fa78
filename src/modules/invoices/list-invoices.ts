import type { Context } from '../../context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import type { InvoiceStatus } from './invoice-lifecycle.js';
import type { InvoiceListFilter } from './invoice-list-sql.js';
import { listedInvoices, listingOf, type InvoiceData, type Row } from './listed-invoice.js';
import {
  invoiceCountQuery,
  invoiceEstimateQuery,
  invoicePageRowsQuery,
  matchingNamesQuery,
  nameWordsExistQuery,
  newestDayQuery,
  RECENT_DAYS,
  windowStart,
  pageSteps,
  type PageStep,
  textModes,
  textProbeQuery,
  type Keyset,
  type SqlQuery,
  type TextMode,
} from './invoice-list-sql.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** totalCount is exact up to this many matches (it reads at most this many index entries); an estimate beyond. */
export const EXACT_COUNT_UP_TO = 1000;
/** The same with a text filter matched by name or containment: each match is then checked on its row. */
export const EXACT_TEXT_COUNT_UP_TO = 200;
/** A text matched by name or containment that the planner expects more often than this is only estimated. */
export const ESTIMATE_TEXT_BEYOND = 1000;
/** A text search whose matches the planner expects to be at most this many reads them from its index first. */
export const CANDIDATES_FIRST_UP_TO = 10_000;
/** A contained fragment found in at most this many of the tenant's receptor names is read from its matches first. */
export const NAMES_FIRST_UP_TO = 200;
const MAX_TEXT = 100;

export interface InvoiceFilter {
  status?: InvoiceStatus[] | null;
  tipoDte?: string[] | null;
  /** fecEmi range, inclusive, YYYY-MM-DD (El Salvador dates, as on the document). */
  fromDate?: string | null;
  toDate?: string | null;
  receptorNumDocumento?: string | null;
  patientId?: string | null;
  /**
   * An identifier's prefix (codigoGeneracion, numeroControl, referenciaExterna, or the receptor's document number),
   * else the words of the receptor's name (whole, then the last one begun), else contained in any of them
   * (case- and accent-insensitive); see textModes.
   */
  text?: string | null;
}

export interface InvoiceCount {
  count: number;
  /** False when `count` is the planner's estimate (more matches than the exact limit, and no exact count asked). */
  exact: boolean;
}

export interface InvoicePage {
  nodes: InvoiceData[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counted only when asked for (GraphQL totalCount), once per page and kind. */
  totalCount(exact?: boolean): Promise<InvoiceCount>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCursor = () =>
  new ValidationError([{ path: 'after', code: 'INVALID_CURSOR', message: 'not a cursor returned by this API' }]);

/** Cursor = the listing order's key of the last row seen (stable under concurrent inserts, unlike offsets). */
function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.fecEmi}|${k.createdAt}|${k.id}`).toString('base64url');
}

/** Also accepts the cursors handed out before fecEmi led the order (`createdAt|id`): fecEmi is read from the row. */
async function decodeCursor(ctx: Context, tenantId: string, cursor: string): Promise<Keyset> {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const id = parts.at(-1) ?? '';
  const createdAt = parts.at(-2) ?? '';
  if (!UUID.test(id) || Number.isNaN(new Date(createdAt).getTime()) || parts.length < 2 || parts.length > 3)
    throw invalidCursor();
  if (parts.length === 3) {
    if (!DATE.test(parts[0]!)) throw invalidCursor();
    return { fecEmi: parts[0]!, createdAt, id: id.toLowerCase() };
  }
  const rows = await run<{ fec_emi: string }>(ctx, {
    sql: 'select fec_emi from invoice where tenant_id = ? and id = ?',
    params: [tenantId, id.toLowerCase()],
  });
  if (!rows[0]) throw invalidCursor();
  return { fecEmi: rows[0].fec_emi, createdAt: new Date(createdAt).toISOString(), id: id.toLowerCase() };
}

function checkFilter(f: InvoiceFilter, first: number): void {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ path: 'first', code: 'OUT_OF_RANGE', message: `first must be between 1 and ${MAX_PAGE_SIZE}` });
  if (f.fromDate && !DATE.test(f.fromDate))
    issues.push({ path: 'filter.fromDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (f.toDate && !DATE.test(f.toDate))
    issues.push({ path: 'filter.toDate', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if ((f.text?.trim().length ?? 0) > MAX_TEXT)
    issues.push({ path: 'filter.text', code: 'TOO_LONG', message: `at most ${MAX_TEXT} characters` });
  if (issues.length) throw new ValidationError(issues);
}

function normalized(f: InvoiceFilter): InvoiceListFilter {
  const receptorNumDocumento = f.receptorNumDocumento ? f.receptorNumDocumento.replace(/-/g, '') : null;
  // The names a text matches are looked up here, never taken from the caller.
  return { ...f, receptorNumDocumento, names: null };
}

function run<T>(ctx: Context, q: SqlQuery): Promise<T[]> {
  return ctx.em.getConnection().execute<T[]>(q.sql, q.params);
}

/**
 * Exact up to EXACT_COUNT_UP_TO (EXACT_TEXT_COUNT_UP_TO with a text filter matched by name or containment), or always
 * when asked; else estimated. A text matched by name or containment is first estimated: each of its matches must be
 * checked on its row, so when the planner expects far more than the limit the estimate is the answer.
 */
async function countInvoices(
  ctx: Context,
  tenantId: string,
  f: InvoiceListFilter,
  exact: boolean,
): Promise<InvoiceCount> {
  const byRow = !!f.text?.trim() && f.textMode !== 'identifier';
  const cap = byRow ? EXACT_TEXT_COUNT_UP_TO : EXACT_COUNT_UP_TO;
  // The planner's estimate, asked at most once (a text's is asked first, and is then the answer beyond the cap too).
  let guess: Promise<number> | undefined;
  const estimate = () => (guess ??= estimatedCount(ctx, tenantId, f));
  if (byRow && !exact) {
    const expected = await estimate();
    if (expected > ESTIMATE_TEXT_BEYOND) return { count: expected, exact: false };
  }
  const [counted] = await run<{ n: number }>(ctx, invoiceCountQuery(tenantId, f, exact ? null : cap));
  const n = Number(counted?.n ?? 0);
  if (exact || n <= cap) return { count: n, exact: true };
  return { count: Math.max(await estimate(), cap + 1), exact: false };
}

/** The planner's estimates asked during a request, by query: a page and its count often ask the same one. */
const estimates = new WeakMap<Context, Map<string, Promise<number>>>();

function estimatedCount(ctx: Context, tenantId: string, f: InvoiceListFilter): Promise<number> {
  const q = invoiceEstimateQuery(tenantId, f);
  const key = JSON.stringify([q.sql, q.params]);
  let asked = estimates.get(ctx);
  if (!asked) estimates.set(ctx, (asked = new Map()));
  let n = asked.get(key);
  if (!n) {
    n = run<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(ctx, q).then(([plan]) =>
      Math.round(plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0),
    );
    asked.set(key, n);
  }
  return n;
}

/**
 * The page's rows, and the filter as matched. A text is matched in the first of its modes that finds anything of the
 * tenant (an identifier, a name's words, containment): the same mode on every page, whatever the other filters.
 * A first page that comes back non-empty settles it without another query. (The name index is asked whether a word
 * exists only after a walk found nothing: asking first reads every match's index entry before answering, which for a
 * common beginning costs several times the walk.)
 */
async function pageRows(
  ctx: Context,
  tenantId: string,
  filter: InvoiceListFilter,
  limit: number,
  keyset: Keyset | null,
): Promise<{ f: InvoiceListFilter; rows: Row[] }> {
  const text = filter.text?.trim();
  const modes: TextMode[] = text ? textModes(text) : ['contains'];
  const plain =
    !keyset &&
    !filter.status?.length &&
    !filter.tipoDte?.length &&
    !filter.fromDate &&
    !filter.toDate &&
    !filter.receptorNumDocumento &&
    !filter.patientId;
  for (const [i, textMode] of modes.entries()) {
    const last = i === modes.length - 1;
    if (!last && !plain && !(await found(ctx, tenantId, text!, textMode))) continue;
    const page = await stepRows(ctx, tenantId, { ...filter, textMode }, limit, keyset);
    if (page.rows.length || last || !plain) return page;
  }
  throw new Error('unreachable: the last text mode always answers');
}

/**
 * A page's steps (see PageStep), its candidates alone when the planner expects few matches of the text: a word it has
 * no statistics of (none has it, or few) is read from its index entry rather than after walking WALK_ROWS rows.
 * A contained fragment is first looked up in the tenant's receptor names (the planner's estimate of a fragment is a
 * guess: a hundred for `amír`, contained in every Ramírez): contained in more than NAMES_FIRST_UP_TO names, it is
 * common and the walk comes first; in fewer, a fragment of several words has no other matches than those names' and
 * the identifiers with a space, and the names answer alone.
 */
async function orderedSteps(
  ctx: Context,
  tenantId: string,
  f: InvoiceListFilter,
): Promise<{ steps: (PageStep | null)[]; f: InvoiceListFilter }> {
  const steps = pageSteps(f);
  if (steps[0] !== 'walk') return { steps, f };
  if (f.textMode === 'contains') {
    const names = await run<{ nombre: string }>(ctx, matchingNamesQuery(tenantId, f.text!, NAMES_FIRST_UP_TO));
    if (names.length > NAMES_FIRST_UP_TO) return { steps, f };
    // The names found are kept with the filter: its page and its count read their documents without a new look-up.
    if (steps.at(-1) === 'names') return { steps: ['names'], f: { ...f, names: names.map((n) => n.nombre) } };
  }
  // The text's matches alone: the candidates read all of them from its index, whatever the other filters keep.
  const text = { text: f.text, textMode: f.textMode };
  const few = (await estimatedCount(ctx, tenantId, text)) <= CANDIDATES_FIRST_UP_TO;
  return { steps: few ? [steps.at(-1)!] : steps, f };
}

/** A page's rows, read in its steps (see PageStep): the first that fills the page answers, else the last. */
async function stepRows(
  ctx: Context,
  tenantId: string,
  filter: InvoiceListFilter,
  limit: number,
  keyset: Keyset | null,
): Promise<{ f: InvoiceListFilter; rows: Row[] }> {
  const columns = listingOf(ctx).columns;
  const { steps, f } = await orderedSteps(ctx, tenantId, filter);
  const rows = await readSteps<Row>(ctx, tenantId, f, steps, keyset, limit, (step, since) =>
    invoicePageRowsQuery(tenantId, f, limit, keyset, columns, step, since),
  );
  return { f, rows };
}

/**
 * `query` over `steps` in order: the rows of the first step that answers at least `limit`, else the last's. The
 * recent step reads its windows (see recentRows); a walk that found nothing ends the steps when the text's name
 * words are in no row at all (see nameWordsExist).
 */
async function readSteps<T>(
  ctx: Context,
  tenantId: string,
  f: InvoiceListFilter,
  steps: (PageStep | null)[],
  keyset: Keyset | null,
  limit: number,
  query: (step: PageStep | null, since?: string) => SqlQuery,
): Promise<T[]> {
  for (const [i, step] of steps.entries()) {
    if (step === 'recent') {
      const rows = await recentRows<T>(ctx, tenantId, f, keyset, (since) => query(step, since), limit);
      if (rows === null || rows.length >= limit) return rows ?? [];
      continue;
    }
    const rows = await run<T>(ctx, query(step));
    if (rows.length >= limit || i === steps.length - 1) return rows;
    if (step === 'walk' && !rows.length && !(await nameWordsExist(ctx, tenantId, f))) return rows;
  }
  throw new Error('unreachable: the last step is never the recent one');
}

/**
 * The recent step (see PageStep): `query(since)` over the windows of RECENT_DAYS up to the newest day of the other
 * filters, until one answers at least a page (its rows returned, else those of the widest); null when the other
 * filters keep no row at all (no step can find any).
 */
async function recentRows<T>(
  ctx: Context,
  tenantId: string,
  f: InvoiceListFilter,
  keyset: Keyset | null,
  query: (since: string) => SqlQuery,
  limit: number,
): Promise<T[] | null> {
  const [newest] = await run<{ fec_emi: string }>(ctx, newestDayQuery(tenantId, f, keyset));
  if (!newest) return null;
  let rows: T[] = [];
  for (const days of RECENT_DAYS) {
    rows = await run<T>(ctx, query(windowStart(String(newest.fec_emi), days)));
    if (rows.length >= limit) break;
  }
  return rows;
}

/**
 * After a walk that found nothing: false when the name's words of the text are in no row of the tenant at all (the
 * later steps would find nothing either), true otherwise, or when the text is not matched by a name's words (its
 * index is not read: a contained fragment's trigram entries are many even when it matches nothing).
 */
async function nameWordsExist(ctx: Context, tenantId: string, f: InvoiceListFilter): Promise<boolean> {
  const mode = f.textMode;
  if (!f.text?.trim() || (mode !== 'words' && mode !== 'prefix')) return true;
  return (await run(ctx, nameWordsExistQuery(tenantId, f.text, mode))).length > 0;
}

/** Whether `text` matches anything of the tenant in `mode`: among the newest rows, else from the text's index. */
async function found(ctx: Context, tenantId: string, text: string, mode: TextMode): Promise<boolean> {
  const { steps, f } = await orderedSteps(ctx, tenantId, { text, textMode: mode });
  const rows = await readSteps(ctx, tenantId, f, steps, null, 1, (step, since) =>
    textProbeQuery(tenantId, text, mode, step, since),
  );
  return rows.length > 0;
}

/** The caller's invoices, newest first (fecEmi, then creation), cursor pages of at most MAX_PAGE_SIZE. */
export async function listInvoices(
  ctx: Context,
  filter: InvoiceFilter = {},
  first = DEFAULT_PAGE_SIZE,
  after?: string | null,
): Promise<InvoicePage> {
  const tenantId = requireTenantScope(ctx, 'invoices:read');
  checkFilter(filter, first);
  const keyset = after ? await decodeCursor(ctx, tenantId, after) : null;
  const { f, rows } = await pageRows(ctx, tenantId, normalized(filter), first + 1, keyset);
  const page = rows.slice(0, first);
  const cursors = page.map((r) =>
    encodeCursor({ fecEmi: String(r.fec_emi), createdAt: r.key_created_at, id: String(r.id) }),
  );
  const nodes = listedInvoices(ctx, page);
  const counts = new Map<boolean, Promise<InvoiceCount>>();
  // A first page that holds every match (no `after`, no row beyond `first`) is its own exact count.
  const whole = !keyset && rows.length <= first;
  const totalCount = (exact = false) => {
    if (whole) return Promise.resolve({ count: page.length, exact: true });
    if (!counts.has(exact)) counts.set(exact, countInvoices(ctx, tenantId, f, exact));
    return counts.get(exact)!;
  };
  return { nodes, cursors, hasNextPage: rows.length > first, endCursor: cursors.at(-1) ?? null, totalCount };
}
