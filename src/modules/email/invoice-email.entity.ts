import { defineEntity, p } from '@mikro-orm/core';
import { uuidV7 } from '../../core/uuid-v7.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';

export const EMAIL_STATUSES = ['PENDING', 'SENT', 'WRITTEN_TO_OUTBOX', 'FAILED'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * E-mail of a DTE to its receptor: one row per send request (automatic after PROCESSED, or a
 * resendInvoiceEmail); the newest row is the invoice's e-mail delivery status.
 */
export const InvoiceEmailSchema = defineEntity({
  name: 'InvoiceEmail',
  tableName: 'invoice_email',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidV7()),
    // Both checked by one key, (tenant_id, invoice_id) → invoice (tenant_id, id): DATABASE_FOREIGN_KEYS.
    tenant: () => p.manyToOne(Tenant).createForeignKeyConstraint(false),
    invoice: () => p.manyToOne(Invoice).index().createForeignKeyConstraint(false),
    to: p.string().length(100),
    status: p.string().length(20).$type<EmailStatus>().default('PENDING'),
    attempts: p.integer().default(0),
    messageId: p.string().length(300).nullable(),
    /** The .eml file when written to the local outbox. */
    location: p.string().length(1000).nullable(),
    error: p.text().nullable(),
    /** The versión legible could not be rendered: the e-mail went out with the JSON only, and this says why. */
    pdfOmittedReason: p.text().nullable(),
    sentAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class InvoiceEmail extends InvoiceEmailSchema.class {}
InvoiceEmailSchema.setClass(InvoiceEmail);
