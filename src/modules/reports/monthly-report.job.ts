/**
 * Builds one monthly report (payload: the report id). Returns early when the report is already READY or FAILED.
 * The file and the READY state are written in one transaction together with the `report.ready` webhook outbox rows
 * (with a signed link to the file); a build that keeps failing ends FAILED with `report.failed`.
 */
import { createHash } from 'node:crypto';
import type { App } from '../../app.js';
import { defineJob, JOB_PRIORITY, type ClaimedJob, type JobOutcome } from '../../queue/job-definition.js';
import { calendarForTenant } from '../calendar/business-calendar.js';
import { writeOutbox } from '../notifications/fan-out.js';
import { tenantEm } from '../notifications/tenant-em.js';
import { buildReport, type BuiltReport } from './build-report.js';
import { parsePeriod } from './month-documents.js';
import { reportLink } from './report-links.js';
import { MonthlyReport, ReportFile } from './report.entity.js';

export const MONTHLY_REPORT_JOB = 'monthly-report';
export const REPORT_READY = 'report.ready';
export const REPORT_FAILED = 'report.failed';
const MAX_ATTEMPTS = 3;

export function reportFacts(r: MonthlyReport): Record<string, unknown> {
  return { id: r.id, kind: r.kind, period: r.period, ambiente: r.ambiente, status: r.status, documents: r.documents };
}

async function setProgress(app: App, id: string, progress: number): Promise<void> {
  await app.db.orm.em
    .getConnection()
    .execute(`update monthly_report set progress = ?, updated_at = now() where id = ? and status = 'RUNNING'`, [
      progress,
      id,
    ]);
}

async function store(app: App, r: MonthlyReport, built: BuiltReport): Promise<void> {
  const em = tenantEm(app, r.tenant.id);
  await em.transactional(async (tx) => {
    const report = await tx.findOneOrFail(MonthlyReport, { id: r.id });
    const sha256 = createHash('sha256').update(built.content).digest('hex');
    const bytes = built.content.length;
    tx.create(ReportFile, {
      tenant: report.tenant,
      report,
      name: built.name,
      contentType: built.contentType,
      content: built.content,
      bytes,
      sha256,
    });
    Object.assign(report, {
      status: 'READY',
      progress: 100,
      documents: built.documents,
      error: null,
      completedAt: app.clock.now(),
    });
    await tx.flush();
    const link = await reportLink(app.links, { id: report.id, tenantId: report.tenant.id }, app.clock.now());
    const data = {
      ...reportFacts(report),
      fileName: built.name,
      bytes,
      sha256,
      downloadUrl: link.url,
      expiresAt: link.expiresAt.toISOString(),
    };
    await writeOutbox(tx, report.tenant.id, { type: REPORT_READY, data, invoiceId: null, eventId: null });
  });
}

async function fail(app: App, r: MonthlyReport, error: string): Promise<void> {
  await tenantEm(app, r.tenant.id).transactional(async (tx) => {
    const report = await tx.findOneOrFail(MonthlyReport, { id: r.id });
    Object.assign(report, { status: 'FAILED', error, completedAt: app.clock.now() });
    await tx.flush();
    await writeOutbox(tx, report.tenant.id, {
      type: REPORT_FAILED,
      data: { ...reportFacts(report), error },
      invoiceId: null,
      eventId: null,
    });
  });
}

export interface MonthlyReportPayload {
  reportId: string;
}

export async function runMonthlyReport(app: App, job: ClaimedJob<MonthlyReportPayload>): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'report jobs belong to a tenant' };
  const em = tenantEm(app, job.tenantId);
  const r = await em.findOne(MonthlyReport, { id: String(job.payload.reportId) });
  if (!r || r.status === 'READY' || r.status === 'FAILED') return { kind: 'done' };
  r.status = 'RUNNING';
  r.progress = 0;
  await em.flush();
  try {
    const calendar = await calendarForTenant(em, job.tenantId);
    const req = {
      tenantId: job.tenantId,
      ambiente: r.ambiente,
      period: parsePeriod(r.period)!,
      kind: r.kind,
      options: r.options,
      calendar,
    };
    let last = -1;
    const built = await buildReport(em, req, async (done, total) => {
      const pct = Math.min(99, Math.floor((done / Math.max(total, 1)) * 100));
      if (pct !== last) await setProgress(app, r.id, (last = pct));
    });
    await store(app, r, built);
    return { kind: 'done' };
  } catch (err) {
    const error = (err as Error).message;
    if (job.attempts < MAX_ATTEMPTS) return { kind: 'retry', delayMs: 2000 * job.attempts, error };
    await fail(app, r, error);
    return { kind: 'failed', error };
  }
}

/** Builds one monthly report; only local work, after everything that talks to MH or SIGMA. */
export const monthlyReportJob = defineJob<MonthlyReportPayload>({
  kind: MONTHLY_REPORT_JOB,
  priority: JOB_PRIORITY.report,
  callsMh: false,
  dedupeKey: (p) => `report:${p.reportId}`,
  run: (rt, job) => runMonthlyReport(rt.app, job),
});
