/**
 * One attempt of one outbox row: build the body (the same bytes on every attempt), sign it (Standard Webhooks, with
 * every active secret), POST it, and record the attempt in the delivery log. Success = 2xx within the timeout;
 * 410 Gone disables the endpoint; anything else is retried on the schedule (at once, 5 s, 5 min, … 24 h, jittered).
 */
import type { Pool } from 'pg';
import type { App } from '../../app.js';
import type { Clock } from '../../core/clock.js';
import { documentLinks, type LinkSigner } from '../documents/links.js';
import { eventHasLinks } from '../notifications/event-payloads.js';
import { deliverWebhook, type DeliveryResult } from './deliver-http.js';
import { activeSecrets } from './endpoint-secrets.js';
import type { WebhookPolicy } from './policy.js';
import { nextAttemptAt } from './retry-schedule.js';
import { SqlParams, prepared, tenantCheck } from '../../db/sql-params.js';
import type { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';
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
  /** Where attempts are recorded (plain statements). */
  pool: Pool;
}

export const appDeliveryDeps = (app: App): DeliveryDeps => ({
  clock: app.clock,
  masterKey: app.mh.masterKey,
  links: app.links,
  policy: app.webhookPolicy,
  pool: app.db.pool,
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
  await record(deps.pool, d, ep.id, result, outcome);
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

/**
 * The attempt on the outbox row, its line in the delivery log and, on 410 Gone, the endpoint disabled: one plain
 * statement (one round trip and one commit instead of a unit of work around three). Nothing is written when the row
 * is gone (its endpoint was deleted meanwhile).
 */
async function record(
  pool: Pool,
  d: WebhookDelivery,
  endpointId: string,
  result: DeliveryResult,
  o: AttemptOutcome,
): Promise<void> {
  const p = new SqlParams();
  const lastError =
    o.kind === 'failed' ? `${result.error ?? ''}; ${o.reason}`.replace(/^; /, '') : (result.error ?? null);
  const status = o.kind === 'succeeded' ? 'SUCCEEDED' : o.kind === 'failed' ? 'FAILED' : 'PENDING';
  const gone = result.gone
    ? `, fx_ep as (
         update webhook_endpoint set enabled = false, updated_at = now(),
           disabled_reason = ${p.add(`410 Gone on delivery ${messageId(d)} at ${new Date().toISOString()}`)}
         where id = ${p.add(endpointId, 'uuid')} and ${tenantCheck('tenant_id', '(select tenant_id from fx_d)')})`
    : '';
  const sql = `with fx_d as (
      update webhook_delivery set round_attempts = round_attempts + 1, total_attempts = total_attempts + 1,
        last_status_code = ${p.add(result.statusCode, 'int')}, last_error = ${p.add(lastError, 'text')},
        status = ${p.add(status, 'varchar')},
        next_attempt_at = ${p.add(o.kind === 'retry' ? o.at : null, 'timestamptz')},
        delivered_at = ${o.kind === 'succeeded' ? 'now()' : 'delivered_at'}, updated_at = now()
      where id = ${p.add(d.id, 'uuid')} and ${tenantCheck('tenant_id', p.add(d.tenant.id, 'uuid'))}
      returning id, tenant_id, total_attempts),
    fx_a as (
      insert into webhook_attempt (tenant_id, delivery_id, attempt, status_code, duration_ms, error, created_at)
      select tenant_id, id, total_attempts, ${p.add(result.statusCode, 'int')}, ${p.add(result.durationMs, 'int')},
             ${p.add(result.error ?? null, 'text')}, now()
      from fx_d)${gone}
    select count(*) from fx_d`;
  await pool.query(prepared(sql, p.values));
}
