import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { App } from '../app.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { metrics } from '../core/metrics.js';
import { sendError } from './request.js';

function gauge(name: string, help: string, rows: { labels: Record<string, string>; value: number }[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const r of rows)
    lines.push(
      `${name}{${Object.entries(r.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}} ${r.value}`,
    );
  return lines.join('\n');
}

/**
 * GET /metrics (Prometheus text): queue depth, documents by status, MH latency, retries. Aggregates only, no tenant
 * data.
 */
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The counts span every tenant, so they are for the operator: with FX_METRICS_TOKEN set the scraper sends
 * `Authorization: Bearer <token>`; without one, /metrics is open outside production and closed in production.
 */
function metricsRefusal(app: App, req: Request): AppError | null {
  const token = app.config.metricsToken;
  if (!token)
    return app.config.env === 'production'
      ? new AppError(ErrorCode.FORBIDDEN, '/metrics is disabled in production until FX_METRICS_TOKEN is set')
      : null;
  const given = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
  if (given && timingSafeEqual(digest(given), digest(token))) return null;
  return new AppError(ErrorCode.UNAUTHENTICATED, '/metrics needs Authorization: Bearer <FX_METRICS_TOKEN>');
}

/**
 * Documents by status and tipoDte, read from the counters the database keeps (invoice_tally: one delta row per
 * statement that wrote `invoice`), not by counting the table. The deltas are folded first (one row per pair), so the
 * read stays small; a concurrent fold never loses a delta, it only waits for the other to commit.
 */
export async function documentCounts(conn: ReturnType<App['db']['orm']['em']['getConnection']>) {
  await conn.execute('select fx_invoice_tally_fold()');
  return conn.execute<{ status: string; tipo_dte: string; n: string }[]>(
    `select status, tipo_dte, sum(n) n from invoice_tally group by status, tipo_dte having sum(n) <> 0`,
  );
}

export function metricsRoute(app: App) {
  return async (req: Request, res: Response) => {
    const refused = metricsRefusal(app, req);
    if (refused) return sendError(res, refused, app.log);
    const conn = app.db.orm.em.getConnection();
    const [jobs, invoices, retried] = await Promise.all([
      conn.execute<{ kind: string; status: string; n: string }[]>(
        `select kind, status, count(*) n from job where status ` +
          `in ('queued', 'running', 'failed') group by kind, status`,
      ),
      documentCounts(conn),
      conn.execute<{ kind: string; n: string }[]>(
        `select kind, coalesce(sum(attempts - 1), 0) n from job where attempts > 1 group by kind`,
      ),
    ]);
    const body = [
      gauge(
        'fx_jobs',
        'Jobs by kind and status (queue depth: queued + running)',
        jobs.map((r) => ({ labels: { kind: r.kind, status: r.status }, value: Number(r.n) })),
      ),
      gauge(
        'fx_documents',
        'Documents by status and tipoDte',
        invoices.map((r) => ({ labels: { status: r.status, tipoDte: r.tipo_dte }, value: Number(r.n) })),
      ),
      gauge(
        'fx_job_retries',
        'Extra attempts (retries) of the jobs in the table (queued, running, failed: a job done is deleted), by kind',
        retried.map((r) => ({ labels: { kind: r.kind }, value: Number(r.n) })),
      ),
      metrics.mhRequestSeconds.render(),
      metrics.jobOutcomes.render(),
    ].join('\n\n');
    res.type('text/plain; version=0.0.4').send(`${body}\n`);
  };
}
