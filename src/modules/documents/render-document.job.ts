/**
 * Renders and stores the PDF once the document reaches PROCESSED / CONTINGENCY / INVALIDATED (enqueued by the
 * fan-out in the transaction of that transition). Returns early when the invoice has moved on (the job of the
 * new status renders that one) or the PDF is already stored.
 */
import type { App } from '../../core/app.js';
import type { ClaimedJob, JobOutcome } from '../../queue/worker.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { tenantEm } from '../notifications/tenant-em.js';
import { DocumentRenderError } from './dte-json.js';
import { loadOrRenderPdf } from './store.js';

export async function runRenderDocument(app: App, job: ClaimedJob): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'render jobs belong to a tenant' };
  const em = tenantEm(app, job.tenantId);
  const inv = await em.findOne(Invoice, { id: String(job.payload.invoiceId) });
  if (!inv || inv.status !== job.payload.status) return { kind: 'done' };
  try {
    await loadOrRenderPdf(em, inv, 'letter');
  } catch (err) {
    // A document the renderer cannot read will not get better by retrying.
    if (err instanceof DocumentRenderError) return { kind: 'failed', error: err.message };
    throw err;
  }
  return { kind: 'done' };
}
