/**
 * The accountant's month, asked for by a tenant: a report (F-07 annexes, sales books or the archive) of one period is
 * recorded as QUEUED together with its job in one transaction; the job builds it (progress 0–100) and stores the file;
 * a signed link opens it; `report.ready` / `report.failed` webhooks tell the tenant.
 */
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { elSalvadorDateTime } from '../../dte/index.js';
import { enqueue } from '../../queue/enqueue.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { f07Options } from './f07-options.js';
import { parsePeriod } from './month-documents.js';
import { monthlyReportJob } from './monthly-report.job.js';
import { MonthlyReport, REPORT_KINDS, ReportFile, type ReportKind } from './report.entity.js';

export interface MonthlyReportRequest {
  period: string;
  kind: string;
  options?: Record<string, unknown> | null;
}

/** The options of a request, checked (only the F-07 annexes take options). */
export function checkReportRequest(
  req: MonthlyReportRequest,
  today: string,
): { issues: FieldIssue[]; options: Record<string, unknown> } {
  const issues: FieldIssue[] = [];
  const period = parsePeriod(req.period);
  if (!period) issues.push({ path: 'period', code: 'INVALID_PERIOD', message: 'period must be YYYY-MM' });
  else if (period.first > today)
    issues.push({ path: 'period', code: 'FUTURE_PERIOD', message: `period ${req.period} has not started yet` });
  if (!(REPORT_KINDS as readonly string[]).includes(req.kind)) {
    issues.push({ path: 'kind', code: 'NOT_ALLOWED', message: `kind must be one of ${REPORT_KINDS.join(', ')}` });
  }
  const raw = req.options ?? {};
  if (req.kind !== 'F07_ANEXOS' && Object.values(raw).some((v) => v !== null && v !== undefined)) {
    issues.push({ path: 'options', code: 'NOT_ALLOWED', message: 'only F07_ANEXOS takes options' });
    return { issues, options: {} };
  }
  const { options, issues: optionIssues } = f07Options(raw);
  return { issues: [...issues, ...optionIssues], options: req.kind === 'F07_ANEXOS' ? { ...options } : {} };
}

export async function requestMonthlyReport(ctx: Context, req: MonthlyReportRequest): Promise<MonthlyReport> {
  const tenantId = requireTenantScope(ctx, 'invoices:read');
  const ambiente = ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
  const { issues, options } = checkReportRequest(req, elSalvadorDateTime(ctx.clock.now()).fecEmi);
  if (issues.length) throw new ValidationError(issues);
  return ctx.em.fork().transactional(async (tx) => {
    const report = tx.create(MonthlyReport, {
      tenant: tx.getReference(Tenant, tenantId),
      period: req.period,
      kind: req.kind as ReportKind,
      ambiente,
      options,
      status: 'QUEUED',
      progress: 0,
      documents: 0,
    });
    await tx.flush();
    await enqueue(tx, monthlyReportJob, { reportId: report.id }, { tenantId });
    return report;
  });
}

export async function getMonthlyReport(ctx: Context, id: string): Promise<MonthlyReport | null> {
  requireTenantScope(ctx, 'invoices:read');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return ctx.em.fork().findOne(MonthlyReport, { id: id.toLowerCase() });
}

export async function listMonthlyReports(ctx: Context, first: number): Promise<MonthlyReport[]> {
  requireTenantScope(ctx, 'invoices:read');
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new ValidationError([{ path: 'first', code: 'OUT_OF_RANGE', message: 'first must be 1–100' }]);
  }
  return ctx.em.fork().find(MonthlyReport, {}, { orderBy: { createdAt: 'desc' }, limit: first });
}

/** The stored file's metadata (not its bytes). */
export async function reportFileInfo(
  ctx: Context,
  reportId: string,
): Promise<Pick<ReportFile, 'name' | 'contentType' | 'bytes' | 'sha256'> | null> {
  return ctx.em
    .fork()
    .findOne(ReportFile, { report: reportId }, { fields: ['name', 'contentType', 'bytes', 'sha256'] });
}

export function notFoundReport(id: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `report ${id} not found`, [
    { path: 'id', code: 'NOT_FOUND', message: 'no such report' },
  ]);
}
