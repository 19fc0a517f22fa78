import type { Router } from 'express';
import type { App } from '../app.js';
import { emitRequest } from '../modules/invoices/emit-request.js';
import { getInvoice } from '../modules/invoices/get-invoice.js';
import { archivoDte } from '../modules/documents/archivo-dte.js';
import { loadOrRenderPdf } from '../modules/documents/store.js';
import type { Invoice } from '../modules/invoices/invoice.entity.js';
import { RETURNABLE_TYPES, returnableLines, returnableLinesOf } from '../modules/fiscal-events/return-balance.js';
import { creditBalanceOf } from '../modules/invoices/credit-balance.js';
import { estadoOf } from '../modules/invoices/estado.js';
import { localizeIssues } from '../core/messages.js';
import { documentLinks } from '../modules/documents/links.js';
import { calendarForTenant } from '../modules/calendar/business-calendar.js';
import { tenantProfile } from '../modules/tenants/tenant-profile.js';
import { deadlinesJson, invoiceDeadlines } from '../modules/calendar/invoice-deadlines.js';
import { invoiceBlock } from '../modules/transmission/blocked.js';
import { contextOf, sendFailure, sendPostJson } from './request.js';
import { raise } from '../core/result.js';
import { invoiceNotFound } from '../modules/invoices/invoice.errors.js';

/**
 * The REST view of an invoice (the same names as the GraphQL Invoice type; links signed as in GraphQL). `fresh`: the
 * invoice was created by this very request, so nothing has been returned of it yet.
 */
export async function invoiceJson(app: App, inv: Invoice, withDocument = false, fresh = false) {
  const links = await documentLinks(app.links, inv);
  const profile = await tenantProfile(app.db, app.log, inv.tenant.id);
  const calendar = profile?.calendar ?? (await calendarForTenant(app.db.orm.em.fork(), inv.tenant.id));
  const deadlines = invoiceDeadlines(inv, calendar);
  return {
    id: inv.id,
    tipoDte: inv.tipoDte,
    status: inv.status,
    /** The v1.0 guide's vocabulary for the same state (generada, sellada, rechazada, contingencia, invalidada). */
    estado: estadoOf(inv.status),
    ambiente: inv.ambiente,
    numeroControl: inv.numeroControl,
    codigoGeneracion: inv.codigoGeneracion,
    selloRecibido: inv.selloRecibido ?? null,
    sandbox: inv.sandbox ?? false,
    fecEmi: inv.fecEmi,
    horEmi: inv.horEmi,
    fhProcesamiento: inv.fhProcesamiento ?? null,
    referenciaExterna: inv.referenciaExterna,
    patientId: inv.patientId ?? null,
    totalPagar: inv.totalPagar,
    observaciones: inv.observaciones ?? [],
    blocked: invoiceBlock(inv),
    warnings: localizeIssues(inv.warnings ?? []),
    pdfUrl: links.pdfUrl,
    jsonUrl: links.jsonUrl,
    deadlines: deadlinesJson(deadlines),
    createdAt: inv.createdAt.toISOString(),
    ...(inv.tipoDte === '03' ? { creditBalance: await creditBalanceOf(app.tenantEm(inv.tenant.id), inv) } : {}),
    ...(RETURNABLE_TYPES.includes(inv.tipoDte) ? { returnableLines: await linesOf(app, inv, fresh) } : {}),
    ...(withDocument ? { document: inv.document } : {}),
  };
}

/** What is left to return of each line; nothing has been returned yet of an invoice this request created. */
function linesOf(app: App, inv: Invoice, fresh: boolean) {
  return fresh ? returnableLinesOf(inv, new Map()) : returnableLines(app.tenantEm(inv.tenant.id), inv);
}

async function invoiceOr404(
  _app: App,
  req: { params: { id?: string } },
  ctx: Awaited<ReturnType<typeof contextOf>>,
): Promise<Invoice> {
  const inv = await getInvoice(ctx, String(req.params.id));
  if (!inv) raise(invoiceNotFound(String(req.params.id), 'id'));
  return inv;
}

/** POST /api/facturas (201 created, 200 idempotent replay) and GET /api/facturas/:id[/pdf|/json]. */
export function invoiceRoutes(app: App, r: Router): void {
  r.post('/api/facturas', async (req, res) => {
    const ctx = await contextOf(app, req, res);
    const r = await emitRequest(ctx, req.body);
    if (!r.ok) return sendFailure(res, r.error);
    sendPostJson(res, r.value.created ? 201 : 200, await invoiceJson(app, r.value.invoice, false, r.value.created));
  });
  r.get('/api/facturas/:id', async (req, res) => {
    const ctx = await contextOf(app, req, res);
    res.json(await invoiceJson(app, await invoiceOr404(app, req, ctx), true));
  });
  r.get('/api/facturas/:id/json', async (req, res) => {
    const ctx = await contextOf(app, req, res);
    const inv = await invoiceOr404(app, req, ctx);
    // The DTE exactly as signed and transmitted (valid against MH's schema); `?archivo=1` gives the Archivo DTE handed
    // to the receptor: the same JSON + firmaElectronica + selloRecibido (Normativa Anexo I; MH's rules).
    const archivo = req.query.archivo === '1' || req.query.archivo === 'true' ? archivoDte(inv) : null;
    res.setHeader('content-disposition', `attachment; filename="${inv.codigoGeneracion}.json"`);
    res.json(archivo ?? inv.document);
  });
  r.get('/api/facturas/:id/pdf', async (req, res) => {
    const ctx = await contextOf(app, req, res);
    const inv = await invoiceOr404(app, req, ctx);
    const pdf = await loadOrRenderPdf(ctx.em, inv, req.query.variant === 'ticket' ? 'ticket' : 'letter');
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${inv.codigoGeneracion}.pdf"`);
    res.send(pdf);
  });
}
