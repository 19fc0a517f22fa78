// The steps a page of the invoice listing's text search is read in (walk, recent days, candidates, names), and the
// windows of days of the recent step.

import { distinct, type InvoiceListFilter, type TextMode } from './invoice-list-parts.js';
import { byNames } from './invoice-list-names.js';
import { words } from './invoice-list-text.js';

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

/** The first day of a window of `days` days that ends on `day` (YYYY-MM-DD). */
export function windowStart(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}
