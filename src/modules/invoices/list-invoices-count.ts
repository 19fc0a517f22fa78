// totalCount of the invoice listing: exact up to a limit, else the planner's estimate.

import type { Context } from '../../context.js';
import { type InvoiceListFilter, invoiceCountQuery } from './invoice-list-sql.js';
import { estimatedCount, run } from './list-invoices-run.js';

/** totalCount is exact up to this many matches (it reads at most this many index entries); an estimate beyond. */
export const EXACT_COUNT_UP_TO = 1000;
/** The same with a text filter matched by name or containment: each match is then checked on its row. */
export const EXACT_TEXT_COUNT_UP_TO = 200;
/** A text matched by name or containment that the planner expects more often than this is only estimated. */
export const ESTIMATE_TEXT_BEYOND = 1000;

export interface InvoiceCount {
  count: number;
  /** False when `count` is the planner's estimate (more matches than the exact limit, and no exact count asked). */
  exact: boolean;
}

/**
 * Exact up to EXACT_COUNT_UP_TO (EXACT_TEXT_COUNT_UP_TO with a text filter matched by name or containment), or always
 * when asked; else estimated. A text matched by name or containment is first estimated: each of its matches must be
 * checked on its row, so when the planner expects far more than the limit the estimate is the answer.
 */
export async function countInvoices(
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
