/**
 * Webhook endpoints of the caller's tenant: create (the `whsec_…` secret is returned once), update,
 * delete, list, and secret rotation with a grace period during which deliveries carry both signatures.
 */
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
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

async function validate(input: EndpointInput, creating: boolean, policy: WebhookPolicy): Promise<void> {
  const issues: FieldIssue[] = [];
  if (creating && !input.url) issues.push({ path: 'url', code: 'REQUIRED', message: 'url is required' });
  if (input.url) {
    if (input.url.length > 2000) issues.push({ path: 'url', code: 'TOO_LONG', message: 'url is longer than 2000 characters' });
    else await checkUrl(input.url, issues, policy);
  }
  if ((input.description?.length ?? 0) > 250) issues.push({ path: 'description', code: 'TOO_LONG', message: 'description is longer than 250 characters' });
  (input.eventTypes ?? []).forEach((t, i) => {
    if (!SUBSCRIBABLE_EVENT_TYPES.includes(t)) issues.push({ path: `eventTypes[${i}]`, code: 'UNKNOWN_EVENT_TYPE', message: `unknown event type "${t}"; known: ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}` });
  });
  if (issues.length) throw new ValidationError(issues);
}

export async function createWebhookEndpoint(ctx: Context, input: EndpointInput): Promise<CreatedEndpoint> {
  const tenantId = requireTenantScope(ctx, WEBHOOKS_SCOPE);
  await validate(input, true, ctx.webhookPolicy);
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
  return { endpoint, secret };
}

export async function findEndpoint(ctx: Context, id: string): Promise<WebhookEndpoint> {
  requireTenantScope(ctx, WEBHOOKS_SCOPE);
  const ep = await ctx.em.findOne(WebhookEndpoint, { id });
  if (!ep) throw new AppError(ErrorCode.NOT_FOUND, `webhook endpoint ${id} not found`);
  return ep;
}

export async function updateWebhookEndpoint(ctx: Context, id: string, input: EndpointInput): Promise<WebhookEndpoint> {
  const ep = await findEndpoint(ctx, id);
  await validate(input, false, ctx.webhookPolicy);
  if (input.url) ep.url = input.url;
  if (input.description !== undefined) ep.description = input.description;
  if (input.eventTypes) ep.eventTypes = [...new Set(input.eventTypes)];
  if (input.enabled === true && !ep.enabled) ep.disabledReason = null;
  if (typeof input.enabled === 'boolean') ep.enabled = input.enabled;
  await ctx.em.flush();
  return ep;
}

/** Deletes the endpoint and (cascade) its delivery log. */
export async function deleteWebhookEndpoint(ctx: Context, id: string): Promise<WebhookEndpoint> {
  const ep = await findEndpoint(ctx, id);
  await ctx.em.remove(ep).flush();
  return Object.assign(ep, { id });
}

export async function listWebhookEndpoints(ctx: Context): Promise<WebhookEndpoint[]> {
  requireTenantScope(ctx, WEBHOOKS_SCOPE);
  return ctx.em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc' } });
}

/** New secret now; the old one keeps signing (alongside) for `graceSeconds` (0 = revoke at once). */
export async function rotateWebhookSecret(ctx: Context, id: string, graceSeconds = DEFAULT_GRACE_SECONDS): Promise<CreatedEndpoint> {
  const ep = await findEndpoint(ctx, id);
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    throw new ValidationError([{ path: 'graceSeconds', code: 'OUT_OF_RANGE', message: `graceSeconds must be a whole number between 0 and ${MAX_GRACE_SECONDS}` }]);
  }
  const secret = generateWebhookSecret();
  ep.previousSecret = graceSeconds > 0 ? ep.secret : null;
  ep.previousSecretExpiresAt = graceSeconds > 0 ? new Date(ctx.clock.now().getTime() + graceSeconds * 1000) : null;
  ep.secret = sealSecret(secret, ep.id, ctx.mh.masterKey);
  await ctx.em.flush();
  return { endpoint: ep, secret };
}
