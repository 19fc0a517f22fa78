/**
 * The delivery log: deliveries with their attempts, replay of one delivery or of every delivery since
 * a time (a replay starts a new round of the retry schedule under the same message id), and a ping.
 */
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { enqueueDelivery } from '../notifications/fan-out.js';
import { PING_EVENT } from '../notifications/event-payloads.js';
import { findEndpoint, WEBHOOKS_SCOPE } from './manage-endpoints.js';
import { attemptDelivery } from './send-delivery.js';
import { WebhookAttempt, WebhookDelivery, type DeliveryStatus } from './webhook.entity.js';

export interface DeliveryFilter {
  endpointId?: string | null;
  invoiceId?: string | null;
  status?: DeliveryStatus | null;
  since?: Date | null;
  first?: number | null;
}

export async function listWebhookDeliveries(ctx: Context, f: DeliveryFilter): Promise<WebhookDelivery[]> {
  requireTenantScope(ctx, WEBHOOKS_SCOPE);
  const first = Math.min(Math.max(f.first ?? 50, 1), 500);
  return ctx.em.find(
    WebhookDelivery,
    {
      ...(f.endpointId ? { endpoint: f.endpointId } : {}),
      ...(f.invoiceId ? { invoice: f.invoiceId } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.since ? { createdAt: { $gte: f.since } } : {}),
    },
    { orderBy: { createdAt: 'desc', id: 'asc' }, limit: first },
  );
}

export async function deliveryAttempts(ctx: Context, deliveryId: string): Promise<WebhookAttempt[]> {
  return ctx.em.find(WebhookAttempt, { delivery: deliveryId }, { orderBy: { attempt: 'asc' } });
}

export async function getWebhookDelivery(ctx: Context, id: string): Promise<WebhookDelivery> {
  requireTenantScope(ctx, WEBHOOKS_SCOPE);
  const d = await ctx.em.findOne(WebhookDelivery, { id }, { populate: ['endpoint'] });
  if (!d) throw new AppError(ErrorCode.NOT_FOUND, `webhook delivery ${id} not found`);
  return d;
}

/** Sends one delivery again now (new round of the schedule, same webhook-id). */
export async function replayWebhookDelivery(ctx: Context, id: string): Promise<WebhookDelivery> {
  const d = await getWebhookDelivery(ctx, id);
  if (!d.endpoint.enabled)
    throw new ValidationError([
      {
        path: 'id',
        code: 'ENDPOINT_DISABLED',
        message: 'the endpoint is disabled; enable it first (updateWebhookEndpoint)',
      },
    ]);
  await ctx.em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(WebhookDelivery, { id });
    restart(row, ctx.clock.now());
    await tx.flush();
    await enqueueDelivery(tx, row.tenant.id, row.id);
  });
  return ctx.em.findOneOrFail(WebhookDelivery, { id }, { refresh: true });
}

/** Replays every delivery (any status) created at or after `since`, optionally for one endpoint. Returns how many. */
export async function replayWebhookDeliveries(ctx: Context, since: Date, endpointId?: string | null): Promise<number> {
  const tenantId = requireTenantScope(ctx, WEBHOOKS_SCOPE);
  if (endpointId) await findEndpoint(ctx, endpointId);
  return ctx.em.transactional(async (tx) => {
    const rows = await tx.find(
      WebhookDelivery,
      {
        createdAt: { $gte: since },
        eventType: { $ne: PING_EVENT },
        endpoint: { enabled: true, ...(endpointId ? { id: endpointId } : {}) },
      },
      { orderBy: { createdAt: 'asc' } },
    );
    for (const row of rows) restart(row, ctx.clock.now());
    await tx.flush();
    for (const row of rows) await enqueueDelivery(tx, tenantId, row.id);
    return rows.length;
  });
}

function restart(row: WebhookDelivery, now: Date): void {
  row.status = 'PENDING';
  row.roundAttempts = 0;
  row.nextAttemptAt = now;
}

/** A `webhook.ping` delivered at once (no retries); the outcome is in the returned delivery and its attempt. */
export async function pingWebhookEndpoint(ctx: Context, id: string): Promise<WebhookDelivery> {
  const ep = await findEndpoint(ctx, id);
  const d = ctx.em.create(WebhookDelivery, {
    tenant: ep.tenant,
    endpoint: ep,
    invoice: null,
    invoiceEventId: null,
    eventType: PING_EVENT,
    data: { endpointId: ep.id, message: 'FacturaXpress webhook ping' },
    status: 'PENDING',
    roundAttempts: 0,
    totalAttempts: 0,
    nextAttemptAt: null,
  });
  await ctx.em.flush();
  const deps = {
    clock: ctx.clock,
    masterKey: ctx.mh.masterKey,
    links: null,
    policy: ctx.webhookPolicy,
    pool: ctx.db.pool,
  };
  const o = await attemptDelivery(deps, d, ep);
  if (o.kind === 'retry') {
    d.status = 'FAILED';
    d.nextAttemptAt = null;
  }
  await ctx.em.flush();
  return ctx.em.findOneOrFail(WebhookDelivery, { id: d.id }, { refresh: true });
}
