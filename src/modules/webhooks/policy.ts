/**
 * The webhook settings of a process, taken from Config (only config.ts reads the environment): whether private and
 * loopback targets are allowed, and the delivery timeout. The App holds one; endpoint creation, pings and deliveries
 * read it from the App or the request context.
 */
import type { Config } from '../../config.js';

export interface WebhookPolicy {
  allowPrivate: boolean;
  timeoutMs: number;
}

export function webhookPolicyOf(config: Config): WebhookPolicy {
  return { allowPrivate: config.notifications.webhookAllowPrivate, timeoutMs: config.notifications.webhookTimeoutMs };
}
