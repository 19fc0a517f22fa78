/**
 * Webhook endpoints of the caller's tenant: create (the `whsec_…` secret is returned once), update,
 * delete, list, and secret rotation with a grace period during which deliveries carry both signatures.
 */
import type { Context } from '../../context.js';
import { ErrorCode, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { fail, invalid, ok, orThrow, type Failure, type Result } from '../../core/result.js';
import { SUBSCRIBABLE_EVENT_TYPES } from '../notifications/event-payloads.js';
import { sealSecret } from './endpoint-secrets.js';
import type { WebhookPolicy } from './policy.js';
import { assertPublicTarget, SsrfGuardError } from './ssrf-guard.js';
import { WebhookEndpoint } from './webhook.entity.js';
import { generateWebhookSecret } from './webhook-signing.js';

export const WEBHOOKS_SCOPE = 'webhooks:manage';
/** Default rotation grace: receivers have a day to switch to the new secret. */
export const DEFAULT_GRACE_SECONDS = 24 * 3600;
const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export interface EndpointInput {
  url?: string | null;
  description?: string | null;
  eventTypes?: string[] | null;
  enabled?: boolean | null;
}

export interface CreatedEndpoint {
  endpoint: WebhookEndpoint;
  /** Shown once: only its ciphertext is stored. */
  secret: string;
}

async function checkUrl(url: string, issues: FieldIssue[], policy: WebhookPolicy): Promise<void> {
  try {
    await assertPublicTarget(url, { allowPrivate: policy.allowPrivate });
  } catch (err) {
    if (!(err instanceof SsrfGuardError)) throw err;
    issues.push({ path: 'url', code: err.code, message: err.message });
  }
}

type Invalid = Failure<ErrorCode.VALIDATION_FAILED>;
/** Why an endpoint is not created, changed or rotated: an input breaks a rule, or (by id) there is no such endpoint. */
export type EndpointFailure = Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.NOT_FOUND>;

async function validate(
  input: EndpointInput,
  creating: boolean,
  policy: WebhookPolicy,
): Promise<Result<void, Invalid>> {
  const issues: FieldIssue[] = [];
  if (creating && !input.url) issues.push({ path: 'url', code: 'REQUIRED', message: 'url is required' });
  if (input.url) {
    if (input.url.length > 2000)
      issues.push({ path: 'url', code: 'TOO_LONG', message: 'url is longer than 2000 characters' });
    else await checkUrl(input.url, issues, policy);
  }
  if ((input.description?.length ?? 0) > 250)
    issues.push({ path: 'description', code: 'TOO_LONG', message: 'description is longer than 250 characters' });
  (input.eventTypes ?? []).forEach((t, i) => {
    if (!SUBSCRIBABLE_EVENT_TYPES.includes(t))
      issues.push({
        path: `eventTypes[${i}]`,
        code: 'UNKNOWN_EVENT_TYPE',
        message: `unknown event type "${t}"; known: ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}`,
      });
  });
  return issues.length ? invalid(issues) : ok(undefined);
}

export async function createWebhookEndpoint(
  ctx: Context,
  input: EndpointInput,
): Promise<Result<CreatedEndpoint, Invalid>> {
  const tenantId = requireTenantScope(ctx, WEBHOOKS_SCOPE);
  const valid = await validate(input, true, ctx.webhookPolicy);
  if (!valid.ok) return valid;
  const secret = generateWebhookSecret();
  const id = crypto.randomUUID();
  const endpoint = ctx.em.create(WebhookEndpoint, {
    id,
    tenant: tenantId,
    url: input.url!,
    description: input.description ?? null,
    eventTypes: [...new Set(input.eventTypes ?? [])],
    enabled: input.enabled ?? true,
    secret: sealSecret(secret, id, ctx.mh.masterKey),
  });
  await ctx.em.flush();
  return ok({ endpoint, secret });
}

/** The caller's endpoint with this id, or NOT_FOUND (another tenant's endpoint is not found either). */
export async function endpointOf(
  ctx: Context,
  id: string,
): Promise<Result<WebhookEndpoint, Failure<ErrorCode.NOT_FOUND>>> {
  requireTenantScope(ctx, WEBHOOKS_SCOPE);
  const ep = await ctx.em.findOne(WebhookEndpoint, { id });
  return ep ? ok(ep) : fail(ErrorCode.NOT_FOUND, `webhook endpoint ${id} not found`);
}

/** The same, for readers that have no result to answer with (a field of a delivery, the delivery log). */
export async function findEndpoint(ctx: Context, id: string): Promise<WebhookEndpoint> {
  return orThrow(await endpointOf(ctx, id));
}

export async function updateWebhookEndpoint(
  ctx: Context,
  id: string,
  input: EndpointInput,
): Promise<Result<WebhookEndpoint, EndpointFailure>> {
  const found = await endpointOf(ctx, id);
  if (!found.ok) return found;
  const ep = found.value;
  const valid = await validate(input, false, ctx.webhookPolicy);
  if (!valid.ok) return valid;
  if (input.url) ep.url = input.url;
  if (input.description !== undefined) ep.description = input.description;
  if (input.eventTypes) ep.eventTypes = [...new Set(input.eventTypes)];
  if (input.enabled === true && !ep.enabled) ep.disabledReason = null;
  if (typeof input.enabled === 'boolean') ep.enabled = input.enabled;
  await ctx.em.flush();
  return ok(ep);
}

/** Deletes the endpoint and (cascade) its delivery log. */
export async function deleteWebhookEndpoint(
  ctx: Context,
  id: string,
): Promise<Result<WebhookEndpoint, Failure<ErrorCode.NOT_FOUND>>> {
  const found = await endpointOf(ctx, id);
  if (!found.ok) return found;
  await ctx.em.remove(found.value).flush();
  return ok(Object.assign(found.value, { id }));
}

export async function listWebhookEndpoints(ctx: Context): Promise<WebhookEndpoint[]> {
  requireTenantScope(ctx, WEBHOOKS_SCOPE);
  return ctx.em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc' } });
}

/** New secret now; the old one keeps signing (alongside) for `graceSeconds` (0 = revoke at once). */
export async function rotateWebhookSecret(
  ctx: Context,
  id: string,
  graceSeconds = DEFAULT_GRACE_SECONDS,
): Promise<Result<CreatedEndpoint, EndpointFailure>> {
  const found = await endpointOf(ctx, id);
  if (!found.ok) return found;
  const ep = found.value;
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    const message = `graceSeconds must be a whole number between 0 and ${MAX_GRACE_SECONDS}`;
    return invalid([{ path: 'graceSeconds', code: 'OUT_OF_RANGE', message }]);
  }
  const secret = generateWebhookSecret();
  ep.previousSecret = graceSeconds > 0 ? ep.secret : null;
  ep.previousSecretExpiresAt = graceSeconds > 0 ? new Date(ctx.clock.now().getTime() + graceSeconds * 1000) : null;
  ep.secret = sealSecret(secret, ep.id, ctx.mh.masterKey);
  await ctx.em.flush();
  return ok({ endpoint: ep, secret });
}
