/**
 * One attempt of one outbox row: build the body (the same bytes on every attempt), sign it (Standard Webhooks, with
 * every active secret), POST it, and record the attempt in the delivery log. Success = 2xx within the timeout;
 * 410 Gone disables the endpoint; anything else is retried on the schedule (at once, 5 s, 5 min, … 24 h, jittered).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../../app.js';
import type { Clock } from '../../core/clock.js';
import { documentLinks, type LinkSigner } from '../documents/links.js';
import { eventHasLinks } from '../notifications/event-payloads.js';
import { deliverWebhook, type DeliveryResult } from './deliver-http.js';
import { activeSecrets } from './endpoint-secrets.js';
import type { WebhookPolicy } from './policy.js';
import { nextAttemptAt } from './retry-schedule.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';
import { signWebhook } from './webhook-signing.js';

export type AttemptOutcome =
  | { kind: 'succeeded'; result: DeliveryResult }
  | { kind: 'retry'; at: Date; result: DeliveryResult }
  | { kind: 'failed'; result: DeliveryResult; reason: string };

/** What an attempt needs from the process: the clock, the master key (secrets), the link signer and the policy. */
export interface DeliveryDeps {
  clock: Clock;
  masterKey: Buffer;
  /** null: no links (pings). */
  links: LinkSigner | null;
  policy: WebhookPolicy;
}

export const appDeliveryDeps = (app: App): DeliveryDeps => ({
  clock: app.clock,
  masterKey: app.mh.masterKey,
  links: app.links,
  policy: app.webhookPolicy,
});

/** Standard Webhooks message id: stable for the outbox row, so receivers can drop duplicates (retries, replays). */
export const messageId = (d: { id: string }) => `msg_${d.id}`;

/** `{ type, timestamp, data }` (the Standard Webhooks payload shape); links expire createdAt + TTL. */
export async function webhookBody(links: LinkSigner | null, d: WebhookDelivery): Promise<string> {
  let data = d.data;
  if (links && eventHasLinks(d.eventType) && d.invoice)
    data = { ...data, ...(await documentLinks(links, { id: d.invoice.id, tenant: d.tenant.id }, d.createdAt)) };
  return JSON.stringify({ type: d.eventType, timestamp: d.createdAt.toISOString(), data });
}

export async function attemptDelivery(
  deps: DeliveryDeps,
  em: EntityManager,
  d: WebhookDelivery,
  ep: WebhookEndpoint,
): Promise<AttemptOutcome> {
  const now = deps.clock.now();
  const body = await webhookBody(deps.links, d);
  const headers = signWebhook(
    { id: messageId(d), timestamp: Math.floor(now.getTime() / 1000), body },
    activeSecrets(ep, deps.masterKey, now),
  );
  const policy = deps.policy;
  const result = await deliverWebhook({
    url: ep.url,
    headers,
    body,
    timeoutMs: policy.timeoutMs,
    ssrf: { allowPrivate: policy.allowPrivate },
  });
  const outcome = decide(d, result, deps.clock.now());
  await record(em, d.id, ep.id, result, outcome);
  return outcome;
}

function decide(d: WebhookDelivery, result: DeliveryResult, now: Date): AttemptOutcome {
  if (result.ok) return { kind: 'succeeded', result };
  if (result.gone) return { kind: 'failed', result, reason: 'the endpoint answered 410 Gone: it was disabled' };
  const at = nextAttemptAt(d.roundAttempts + 2, now);
  return at
    ? { kind: 'retry', at, result }
    : { kind: 'failed', result, reason: `gave up after ${d.roundAttempts + 1} attempts` };
}

async function record(
  em: EntityManager,
  deliveryId: string,
  endpointId: string,
  result: DeliveryResult,
  o: AttemptOutcome,
): Promise<void> {
  await em.fork().transactional(async (tx) => {
    const d = await tx.findOneOrFail(WebhookDelivery, { id: deliveryId });
    d.roundAttempts += 1;
    d.totalAttempts += 1;
    tx.create(WebhookAttempt, {
      tenant: d.tenant,
      delivery: d,
      attempt: d.totalAttempts,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      error: result.error ?? null,
    });
    d.lastStatusCode = result.statusCode;
    d.lastError =
      o.kind === 'failed' ? `${result.error ?? ''}; ${o.reason}`.replace(/^; /, '') : (result.error ?? null);
    d.status = o.kind === 'succeeded' ? 'SUCCEEDED' : o.kind === 'failed' ? 'FAILED' : 'PENDING';
    d.nextAttemptAt = o.kind === 'retry' ? o.at : null;
    if (o.kind === 'succeeded') d.deliveredAt = new Date();
    if (result.gone) {
      const ep = await tx.findOneOrFail(WebhookEndpoint, { id: endpointId });
      ep.enabled = false;
      ep.disabledReason = `410 Gone on delivery ${messageId(d)} at ${new Date().toISOString()}`;
    }
  });
}
