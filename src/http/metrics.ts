import type { Request, Response } from 'express';
import type { App } from '../core/app.js';
import { metrics } from '../core/metrics.js';

function gauge(name: string, help: string, rows: { labels: Record<string, string>; value: number }[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const r of rows) lines.push(`${name}{${Object.entries(r.labels).map(([k, v]) => `${k}="${v}"`).join(',')}} ${r.value}`);
  return lines.join('\n');
}

/** GET /metrics (Prometheus text): queue depth, documents by status, MH latency, retries. Aggregates only, no tenant data. */
export function metricsRoute(app: App) {
  return async (_req: Request, res: Response) => {
    const conn = app.db.orm.em.getConnection();
    const [jobs, invoices, retried] = await Promise.all([
      conn.execute<{ kind: string; status: string; n: string }[]>(`select kind, status, count(*) n from job where status in ('queued', 'running', 'failed') group by kind, status`),
      conn.execute<{ status: string; tipo_dte: string; n: string }[]>(`select status, tipo_dte, count(*) n from invoice group by status, tipo_dte`),
      conn.execute<{ kind: string; n: string }[]>(`select kind, coalesce(sum(attempts - 1), 0) n from job where attempts > 1 group by kind`),
    ]);
    const body = [
      gauge('fx_jobs', 'Jobs by kind and status (queue depth: queued + running)', jobs.map((r) => ({ labels: { kind: r.kind, status: r.status }, value: Number(r.n) }))),
      gauge('fx_documents', 'Documents by status and tipoDte', invoices.map((r) => ({ labels: { status: r.status, tipoDte: r.tipo_dte }, value: Number(r.n) }))),
      gauge('fx_job_retries', 'Extra attempts (retries) recorded on jobs, by kind', retried.map((r) => ({ labels: { kind: r.kind }, value: Number(r.n) }))),
      metrics.mhRequestSeconds.render(),
      metrics.jobOutcomes.render(),
    ].join('\n\n');
    res.type('text/plain; version=0.0.4').send(`${body}\n`);
  };
}
