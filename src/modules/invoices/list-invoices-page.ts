// The rows of a page of the invoice listing: the text filter's mode settled, then the page read in its steps (see
// PageStep in invoice-list-steps.ts), the first that fills the page answering.

import type { Context } from '../../context.js';
import {
  invoicePageRowsQuery,
  type InvoiceListFilter,
  type Keyset,
  matchingNamesQuery,
  nameWordsExistQuery,
  newestDayQuery,
  type PageStep,
  pageSteps,
  RECENT_DAYS,
  type SqlQuery,
  type TextMode,
  textModes,
  textProbeQuery,
  windowStart,
} from './invoice-list-sql.js';
import { listingOf, type Row } from './listed-invoice.js';
import { estimatedCount, run } from './list-invoices-run.js';

/** A text search whose matches the planner expects to be at most this many reads them from its index first. */
export const CANDIDATES_FIRST_UP_TO = 10_000;
/** A contained fragment found in at most this many of the tenant's receptor names is read from its matches first. */
export const NAMES_FIRST_UP_TO = 200;

/**
 * The page's rows, and the filter as matched. A text is matched in the first of its modes that finds anything of the
 * tenant (an identifier, a name's words, containment): the same mode on every page, whatever the other filters.
 * A first page that comes back non-empty settles it without another query. (The name index is asked whether a word
 * exists only after a walk found nothing: asking first reads every match's index entry before answering, which for a
 * common beginning costs several times the walk.)
 */
export async function pageRows(
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
