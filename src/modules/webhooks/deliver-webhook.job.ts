/**
 * The delivery job (payload: deliveryId). Reloads the outbox row and returns early when it is no longer PENDING, so
 * a rerun after a crash or a duplicate wake-up never delivers a finished message again.
 */
import type { App } from '../../core/app.js';
import type { ClaimedJob, JobOutcome } from '../../queue/worker.js';
import { tenantEm } from '../notifications/tenant-em.js';
import { appDeliveryDeps, attemptDelivery } from './send-delivery.js';
import { WebhookDelivery } from './webhook.entity.js';

export async function runWebhookDelivery(app: App, job: ClaimedJob): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'webhook deliveries belong to a tenant' };
  const em = tenantEm(app, job.tenantId);
  const d = await em.findOne(WebhookDelivery, { id: String(job.payload.deliveryId) }, { populate: ['endpoint'] });
  if (!d || d.status !== 'PENDING') return { kind: 'done' };
  const ep = d.endpoint;
  if (!ep.enabled) {
    d.status = 'FAILED';
    d.lastError = `endpoint disabled${ep.disabledReason ? `: ${ep.disabledReason}` : ''}`;
    d.nextAttemptAt = null;
    await em.flush();
    return { kind: 'done' };
  }
  const o = await attemptDelivery(appDeliveryDeps(app), em, d, ep);
  if (o.kind === 'retry') return { kind: 'retry', delayMs: Math.max(0, o.at.getTime() - app.clock.now().getTime()), error: o.result.error ?? 'delivery failed' };
  return { kind: 'done' };
}
