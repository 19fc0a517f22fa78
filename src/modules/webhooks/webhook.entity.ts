import { defineEntity, p } from '@mikro-orm/core';
import { uuidV7 } from '../../core/uuid-v7.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * A tenant's webhook target. Secrets are encrypted at rest (AES-GCM under the master key): they must be recoverable
 * to sign, and are shown to the tenant only once. During a rotation the previous secret keeps signing alongside the
 * new one until previousSecretExpiresAt (Standard Webhooks: several space-separated signatures).
 */
export const WebhookEndpointSchema = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    url: p.string().length(2000),
    description: p.string().length(250).nullable(),
    /** Event types delivered; empty = every event type. */
    eventTypes: p.json<string[]>(),
    enabled: p.boolean().default(true),
    disabledReason: p.string().length(500).nullable(),
    secret: p.text(),
    previousSecret: p.text().nullable(),
    previousSecretExpiresAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class WebhookEndpoint extends WebhookEndpointSchema.class {}
WebhookEndpointSchema.setClass(WebhookEndpoint);

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per (event, endpoint), written in the same transaction as the event. Its id is the Standard
 * Webhooks message id (`webhook-id`), stable across retries and replays so receivers can deduplicate.
 */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidV7()),
    tenant: () => p.manyToOne(Tenant),
    endpoint: () => p.manyToOne(WebhookEndpoint).deleteRule('cascade'),
    invoice: () => p.manyToOne(Invoice).nullable().index(),
    invoiceEventId: p.bigint().nullable(),
    eventType: p.string().length(40),
    /** The event's data as of the event (links are added when the body is built, from createdAt). */
    data: p.json<Record<string, unknown>>(),
    status: p.string().length(10).$type<DeliveryStatus>().default('PENDING'),
    /** Attempts in the current round (a replay starts a new round); drives the retry schedule. */
    roundAttempts: p.integer().default(0),
    totalAttempts: p.integer().default(0),
    nextAttemptAt: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.text().nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'webhook_delivery_tenant_created_index', properties: ['tenant', 'createdAt'] },
    { name: 'webhook_delivery_endpoint_created_index', properties: ['endpoint', 'createdAt'] },
    // The delivery log filtered by status (e.g. FAILED), newest first, without reading the tenant's whole log.
    { name: 'webhook_delivery_tenant_status_created_index', properties: ['tenant', 'status', 'createdAt'] },
  ],
});
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

/** The delivery log: one row per HTTP attempt. */
export const WebhookAttemptSchema = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempt',
  properties: {
    id: p.bigint().primary().autoincrement(),
    tenant: () => p.manyToOne(Tenant),
    delivery: () => p.manyToOne(WebhookDelivery).index().deleteRule('cascade'),
    attempt: p.integer(),
    statusCode: p.integer().nullable(),
    durationMs: p.integer(),
    error: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class WebhookAttempt extends WebhookAttemptSchema.class {}
WebhookAttemptSchema.setClass(WebhookAttempt);
