import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlParams } from '../../db/sql-params.js';
import { enqueue, jobInsertSelect } from '../../queue/enqueue.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceEmail } from './invoice-email.entity.js';
import { sendInvoiceEmailJob } from './send-invoice-email.job.js';

/**
 * A PENDING e-mail row and its job, in `tx` (automatic once MH processed the document, or resendInvoiceEmail).
 * The versión legible is rendered once, when first needed (this e-mail, a download), and then stored
 * (documents/store.ts): not for every document, most of which nobody opens.
 */
export async function queueInvoiceEmail(tx: EntityManager, invoice: Invoice, to: string): Promise<InvoiceEmail> {
  const mail = tx.create(InvoiceEmail, { tenant: invoice.tenant, invoice, to, status: 'PENDING', attempts: 0 });
  await tx.flush();
  await enqueue(tx, sendInvoiceEmailJob, { emailId: mail.id }, { tenantId: invoice.tenant.id });
  return mail;
}

/**
 * The same as CTEs of the caller's statement (the hot path records MH's answer in one statement): the PENDING row
 * and its job, written only when `source` (a CTE yielding the invoice's `tenant_id` and `invoice_id`) has a row.
 * Returns the CTEs and the one yielding the job's `kind` (for the caller's NOTIFY).
 */
export function invoiceEmailCtes(p: SqlParams, source: string, to: string): { ctes: string[]; jobCtes: string[] } {
  const emailId = randomUUID();
  return {
    ctes: [
      `fx_em as (
         insert into invoice_email (id, tenant_id, invoice_id, "to", status, attempts, created_at, updated_at)
         select ${p.add(emailId, 'uuid')}, tenant_id, invoice_id, ${p.add(to)}, 'PENDING', 0, now(), now()
         from ${source}
         returning tenant_id)`,
      `fx_ej as (${jobInsertSelect(p, sendInvoiceEmailJob, 'fx_em', {
        tenantId: 'fx_em.tenant_id',
        payload: p.json({ emailId }),
        dedupeKey: p.add(sendInvoiceEmailJob.dedupeKey({ emailId })),
      })})`,
    ],
    jobCtes: ['fx_ej'],
  };
}
