/**
 * `GET /reports/<report id>.zip?token=…`: the signed, expiring link to a monthly report's file (no API key). A token
 * for another report, an expired one or a forged one gets 403 and nothing else.
 */
import type { Request, Response, Router } from 'express';
import type { App } from '../app.js';
import { DocumentLinkError } from '../modules/documents/links.js';
import { tenantEm } from '../modules/notifications/tenant-em.js';
import { REPORT_ROUTE, verifyReportToken } from '../modules/reports/report-links.js';
import { ReportFile } from '../modules/reports/report.entity.js';
import { sendError } from './request.js';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.zip$/i;

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message, issues: [], requestId: res.locals.requestId } });
}

async function serveReport(app: App, req: Request, res: Response) {
  const m = FILE.exec(String(req.params.file ?? ''));
  if (!m) return refuse(res, 404, 'NOT_FOUND', 'no such report');
  const reportId = m[1]!.toLowerCase();
  let tenantId: string;
  try {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    tenantId = await verifyReportToken(app.links, token, reportId, app.clock.now());
  } catch (err) {
    if (err instanceof DocumentLinkError) return refuse(res, 403, err.code, err.message);
    throw err;
  }
  const file = await tenantEm(app, tenantId).findOne(ReportFile, { report: reportId }, { populate: ['content'] });
  if (!file) return refuse(res, 404, 'NOT_FOUND', 'the report is not ready');
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-disposition', `attachment; filename="${file.name}"`);
  res.send(Buffer.from(file.content));
}

export function reportRoutes(app: App): (router: Router) => void {
  return (router) => {
    router.get(
      `${REPORT_ROUTE}/:file`,
      (req, res) => void serveReport(app, req, res).catch((err) => sendError(res, err, app.log)),
    );
  };
}
