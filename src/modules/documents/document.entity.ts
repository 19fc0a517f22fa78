import { defineEntity, p } from '@mikro-orm/core';
import { uuidV7 } from '../../core/uuid-v7.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * A rendered versión legible, stored once per (invoice, status it shows, layout): the PDF of a PROCESSED document
 * never changes, and CONTINGENCY / INVALIDATED documents print differently (no sello yet / ANULADO).
 */
export const StoredDocumentSchema = defineEntity({
  name: 'StoredDocument',
  tableName: 'invoice_document',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidV7()),
    // Both checked by one key, (tenant_id, invoice_id) → invoice (tenant_id, id): DATABASE_FOREIGN_KEYS.
    tenant: () => p.manyToOne(Tenant).createForeignKeyConstraint(false),
    invoice: () => p.manyToOne(Invoice).createForeignKeyConstraint(false),
    status: p.string().length(16),
    variant: p.string().length(10),
    contentType: p.string().length(60),
    content: p.blob().lazy(),
    bytes: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'invoice_document_unique', properties: ['invoice', 'status', 'variant'] }],
});
export class StoredDocument extends StoredDocumentSchema.class {}
StoredDocumentSchema.setClass(StoredDocument);
