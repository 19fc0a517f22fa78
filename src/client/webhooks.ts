// Verifies a FacturaXpress webhook delivery (Standard Webhooks, https://www.standardwebhooks.com): the receiver checks
// `webhook-signature` = `v1,` + base64(HMAC-SHA256(secret, `${webhook-id}.${webhook-timestamp}.${raw body}`)) against
// the endpoint's `whsec_…` secret, and refuses stale timestamps (replays). Self-contained: only node:crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type WebhookVerificationCode =
  | 'MISSING_HEADER'
  | 'INVALID_SECRET'
  | 'TIMESTAMP_OUT_OF_RANGE'
  | 'INVALID_SIGNATURE'
  | 'INVALID_BODY';

export class WebhookVerificationError extends Error {
  constructor(
    public readonly code: WebhookVerificationCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** What FacturaXpress posts: `{ type, timestamp, data }` (data: the invoice facts of the event, e.g. sello, pdfUrl). */
export interface WebhookEvent<D = Record<string, unknown>> {
  type: string;
  timestamp: string;
  data: D;
}

export interface VerifyWebhookOptions {
  /** Accepted clock difference in seconds (default 300, as the Standard Webhooks libraries). */
  toleranceSeconds?: number;
  /** For tests: the current time. */
  now?: Date;
}

type HeaderBag = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function header(headers: HeaderBag, name: string): string {
  const v =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(n: string): string | null }).get(name)
      : ((headers as Record<string, string | string[] | undefined>)[name] ??
        (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()]);
  const value = Array.isArray(v) ? v[0] : v;
  if (!value) throw new WebhookVerificationError('MISSING_HEADER', `the ${name} header is missing`);
  return value;
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : '';
  const key = Buffer.from(encoded, 'base64');
  if (!encoded || key.length < 24)
    throw new WebhookVerificationError('INVALID_SECRET', 'the secret must be the endpoint\'s "whsec_…" value');
  return key;
}

/**
 * Checks a delivery and returns its parsed body; throws WebhookVerificationError otherwise. `rawBody` must be the
 * exact bytes received (verify before any JSON re-serialisation). `secrets`: the current one, and during a rotation
 * grace period the previous one too.
 */
export function verifyWebhook<D = Record<string, unknown>>(
  secrets: string | string[],
  headers: HeaderBag,
  rawBody: string | Buffer,
  opts: VerifyWebhookOptions = {},
): WebhookEvent<D> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature')
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  const seconds = Number(timestamp);
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (opts.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError(
      'TIMESTAMP_OUT_OF_RANGE',
      `webhook-timestamp ${timestamp} is too far from now (${now})`,
    );
  }
  const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  const signed = `${id}.${timestamp}.${body}`;
  const ok = (Array.isArray(secrets) ? secrets : [secrets]).some((secret) => {
    const expected = createHmac('sha256', secretKey(secret)).update(signed, 'utf8').digest();
    return signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected));
  });
  if (!ok) throw new WebhookVerificationError('INVALID_SIGNATURE', 'no webhook-signature matches the secret');
  try {
    return JSON.parse(body) as WebhookEvent<D>;
  } catch {
    throw new WebhookVerificationError('INVALID_BODY', 'the body is not JSON');
  }
}
