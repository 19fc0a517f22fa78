// Runs the invoice listing's queries on the request's connection, and asks the planner for its estimates of them
// (once per request and query: a page and its count often ask the same one).

import type { Context } from '../../context.js';
import { type InvoiceListFilter, invoiceEstimateQuery, type SqlQuery } from './invoice-list-sql.js';

export function run<T>(ctx: Context, q: SqlQuery): Promise<T[]> {
  return ctx.em.getConnection().execute<T[]>(q.sql, q.params);
}

/** The planner's estimates asked during a request, by query: a page and its count often ask the same one. */
const estimates = new WeakMap<Context, Map<string, Promise<number>>>();

export function estimatedCount(ctx: Context, tenantId: string, f: InvoiceListFilter): Promise<number> {
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
