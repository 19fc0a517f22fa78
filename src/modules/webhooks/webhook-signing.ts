/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-signature` is
 * `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)) where key = base64-decoded secret after `whsec_`.
 * Several secrets give several space-separated signatures, so a receiver holding either the old or the new secret
 * accepts the delivery during a rotation grace period.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const SECRET_BYTES = 32; // the spec allows 24–64 bytes

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export class WebhookSecretError extends Error {
  readonly code = 'INVALID_WEBHOOK_SECRET';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSecretError';
  }
}

export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new WebhookSecretError(`webhook secret must start with "${PREFIX}"`);
  const encoded = secret.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded))
    throw new WebhookSecretError('webhook secret is not valid base64 after "whsec_"');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 24 || key.length > 64) throw new WebhookSecretError('webhook secret must decode to 24–64 bytes');
  return key;
}

export function signWebhook(
  message: { id: string; timestamp: number; body: string },
  secrets: string[],
): WebhookHeaders {
  if (secrets.length === 0) throw new WebhookSecretError('at least one webhook secret is required');
  if (!Number.isInteger(message.timestamp) || message.timestamp < 0) {
    throw new WebhookSecretError('timestamp must be whole seconds since the epoch');
  }
  const signed = `${message.id}.${message.timestamp}.${message.body}`;
  const signatures = secrets.map(
    (s) => `v1,${createHmac('sha256', secretKey(s)).update(signed, 'utf8').digest('base64')}`,
  );
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': signatures.join(' '),
  };
}
