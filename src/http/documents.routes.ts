/**
 * The signed-link routes: `GET /documents/<invoice id>.pdf|.json?token=…` open exactly the document
 * the token was issued for, without an API key. The token names the invoice, tenant, kind and expiry; a token for
 * another invoice or kind, an expired one or a forged one gets 403 and nothing else.
 */
import type { Request, Response, Router } from 'express';
import type { App } from '../app.js';
import { archivoDte } from '../modules/documents/archivo-dte.js';
import {
  DOCUMENT_ROUTE,
  DocumentLinkError,
  verifyDocumentToken,
  type DocumentKind,
} from '../modules/documents/links.js';
import { loadOrRenderPdf } from '../modules/documents/store.js';
import { Invoice } from '../modules/invoices/invoice.entity.js';
import { tenantEm } from '../modules/notifications/tenant-em.js';
import { sendError } from './request.js';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(pdf|json)$/i;

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message, issues: [], requestId: res.locals.requestId } });
}

async function serveDocument(app: App, req: Request, res: Response) {
  const m = FILE.exec(String(req.params.file ?? ''));
  if (!m) return refuse(res, 404, 'NOT_FOUND', 'no such document');
  const [, invoiceId, kind] = m as unknown as [string, string, DocumentKind];
  const token = typeof req.query.token === 'string' ? req.query.token : '';
  let tenantId: string;
  try {
    const expected = { invoiceId: invoiceId.toLowerCase(), kind };
    ({ tenantId } = await verifyDocumentToken(app.links, token, expected, app.clock.now()));
  } catch (err) {
    if (err instanceof DocumentLinkError) return refuse(res, 403, err.code, err.message);
    throw err;
  }
  const em = tenantEm(app, tenantId);
  const inv = await em.findOne(Invoice, { id: invoiceId.toLowerCase() });
  if (!inv) return refuse(res, 404, 'NOT_FOUND', 'no such document');
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  if (kind === 'pdf') {
    const pdf = await loadOrRenderPdf(em, inv, req.query.variant === 'ticket' ? 'ticket' : 'letter');
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${inv.codigoGeneracion}.pdf"`);
    return void res.send(pdf);
  }
  const archivo = archivoDte(inv);
  if (!archivo) return refuse(res, 409, 'INVALID_STATE', 'the document is not signed yet');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${inv.codigoGeneracion}.json"`);
  res.send(JSON.stringify(archivo, null, 2));
}

/** The document links' HTTP routes. */
export function notificationRoutes(app: App): (router: Router) => void {
  return (router) => {
    router.get(
      `${DOCUMENT_ROUTE}/:file`,
      (req, res) => void serveDocument(app, req, res).catch((err) => sendError(res, err, app.log)),
    );
  };
}
