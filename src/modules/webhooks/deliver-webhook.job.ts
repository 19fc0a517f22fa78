/**
 * The delivery job (payload: deliveryId). Reloads the outbox row and returns early when it is no longer PENDING, so
 * a rerun after a crash or a duplicate wake-up never delivers a finished message again.
 */
import {
  defineJob,
  JOB_PRIORITY,
  type ClaimedJob,
  type JobOutcome,
  type JobRuntime,
} from '../../queue/job-definition.js';
import { tenantEm } from '../notifications/tenant-em.js';
import { appDeliveryDeps, attemptDelivery } from './send-delivery.js';
import { WebhookDelivery } from './webhook.entity.js';

async function runWebhookDelivery({ app }: JobRuntime, job: ClaimedJob<{ deliveryId: string }>): Promise<JobOutcome> {
  if (!job.tenantId) return { kind: 'failed', error: 'webhook deliveries belong to a tenant' };
  const em = tenantEm(app, job.tenantId);
  const d = await em.findOne(WebhookDelivery, { id: String(job.payload.deliveryId) }, { populate: ['endpoint'] });
  if (d?.status !== 'PENDING') return { kind: 'done' };
  const ep = d.endpoint;
  if (!ep.enabled) {
    d.status = 'FAILED';
    d.lastError = `endpoint disabled${ep.disabledReason ? `: ${ep.disabledReason}` : ''}`;
    d.nextAttemptAt = null;
    await em.flush();
    return { kind: 'done' };
  }
  const o = await attemptDelivery(appDeliveryDeps(app), d, ep);
  if (o.kind === 'retry')
    return {
      kind: 'retry',
      delayMs: Math.max(0, o.at.getTime() - app.clock.now().getTime()),
      error: o.result.error ?? 'delivery failed',
    };
  return { kind: 'done' };
}

/** Delivers one webhook outbox row (one live job per delivery). */
export const webhookDeliveryJob = defineJob<{ deliveryId: string }>({
  kind: 'webhook-delivery',
  priority: JOB_PRIORITY.webhook,
  callsMh: false,
  dedupeKey: (p) => `webhook:${p.deliveryId}`,
  run: runWebhookDelivery,
});
