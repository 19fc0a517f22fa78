/**
 * Process-wide webhook settings taken from Config (only config.ts reads the environment): whether private and
 * loopback targets are allowed, and the delivery timeout. Set once at start-up (server and worker); until then the
 * safe defaults apply (private targets refused, 15 s).
 */
import type { Config } from '../../config.js';

export interface WebhookPolicy {
  allowPrivate: boolean;
  timeoutMs: number;
}

let current: WebhookPolicy = { allowPrivate: false, timeoutMs: 15_000 };

export function setWebhookPolicy(source: { config: Config } | Config): void {
  const config = 'config' in source ? source.config : source;
  current = { allowPrivate: config.notifications.webhookAllowPrivate, timeoutMs: config.notifications.webhookTimeoutMs };
}

export function webhookPolicy(): WebhookPolicy {
  return current;
}
