/**
 * Renders and stores the PDF of a document in PROCESSED / CONTINGENCY / INVALIDATED ahead of its first use. PDFs are
 * rendered lazily now (first download or e-mail); the kind stays registered for jobs queued before. Returns early when
 * the invoice has moved on (the job of the new status renders that one) or the PDF is already stored.
 */
import {
  defineJob,
  JOB_PRIORITY,
  type ClaimedJob,
  type JobOutcome,
  type JobRuntime,
} from '../../queue/job-definition.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { tenantEm } from '../notifications/tenant-em.js';
import { DocumentRenderError } from './dte-json.js';
import { loadOrRenderPdf } from './store.js';

export interface RenderPayload {
  invoiceId: string;
  status: string;
}

async function runRenderDocument({ app }: JobRuntime, job: ClaimedJob<RenderPayload>): Promise<JobOutcome> {
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

export const renderDocumentJob = defineJob<RenderPayload>({
  kind: 'render-document',
  priority: JOB_PRIORITY.render,
  callsMh: false,
  dedupeKey: (p) => `render:${p.invoiceId}:${p.status}`,
  run: runRenderDocument,
});
