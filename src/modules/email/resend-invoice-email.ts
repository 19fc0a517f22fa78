/**
 * resendInvoiceEmail: queues the DTE e-mail again, to the receptor's correo or to another address.
 * Only documents MH has received (PROCESSED, or INVALIDATED for the record) are mailed.
 */
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import { isUuid, requireTenantScope } from '../../core/guards.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceEmail } from './invoice-email.entity.js';
import { queueInvoiceEmail } from './queue-invoice-email.js';

const MAILABLE = ['PROCESSED', 'INVALIDATED'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function resendInvoiceEmail(ctx: Context, invoiceId: string, to?: string | null): Promise<InvoiceEmail> {
  requireTenantScope(ctx, 'invoices:emit');
  return ctx.em.transactional(async (tx) => {
    const inv = await tx.findOne(Invoice, { id: invoiceId });
    if (!inv) throw new AppError(ErrorCode.NOT_FOUND, `invoice ${invoiceId} not found`);
    if (!MAILABLE.includes(inv.status)) {
      throw new ValidationError([
        {
          path: 'invoiceId',
          code: 'INVALID_STATE',
          message: `only PROCESSED or INVALIDATED documents are e-mailed; this one is ${inv.status}`,
        },
      ]);
    }
    const address = to?.trim() || inv.receptorCorreo;
    if (!address)
      throw new ValidationError([
        { path: 'to', code: 'REQUIRED', message: 'the receptor has no correo: give an address' },
      ]);
    if (!EMAIL.test(address) || address.length > 100)
      throw new ValidationError([
        { path: 'to', code: 'INVALID_EMAIL', message: `"${address}" is not an e-mail address` },
      ]);
    return queueInvoiceEmail(tx, inv, address);
  });
}

/** The invoice's e-mails, newest first (the first one is its current e-mail delivery status). */
export async function invoiceEmails(ctx: Context, invoiceId: string): Promise<InvoiceEmail[]> {
  requireTenantScope(ctx, 'invoices:read');
  if (!isUuid(invoiceId)) return [];
  return ctx.em.find(InvoiceEmail, { invoice: invoiceId }, { orderBy: { createdAt: 'desc' } });
}
