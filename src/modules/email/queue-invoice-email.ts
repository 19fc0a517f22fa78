import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from '../../queue/enqueue.js';
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
  await enqueue(tx, sendInvoiceEmailJob, { emailId: mail.id, invoiceId: invoice.id }, { tenantId: invoice.tenant.id });
  return mail;
}
