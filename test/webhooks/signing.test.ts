import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, WebhookSecretError } from '../../src/modules/webhooks/webhook-signing.js';

const body = JSON.stringify({
  type: 'dte.processed',
  data: { codigoGeneracion: 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D', sello: 'ÑÁ' },
});
const now = () => Math.floor(Date.now() / 1000);

describe('generateWebhookSecret', () => {
  it('is whsec_ + base64 of 32 random bytes, different every time', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });
});

describe('signWebhook', () => {
  it('is verified by the standardwebhooks package', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({ id: 'msg_1', timestamp: now(), body }, [secret]);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('matches the reference HMAC over id.timestamp.body and the package own signer', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const ts = 1_700_000_000;
    const headers = signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: ts, body: '{"test": 2432232314}' }, [
      secret,
    ]);
    const expected = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'))
      .update(`msg_p5jXN8AQM9LWM0D4loKWxJek.${ts}.{"test": 2432232314}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(headers['webhook-signature']).toBe(
      new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(ts * 1000), '{"test": 2432232314}'),
    );
  });

  it('signs with every secret during a rotation grace period', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const headers = signWebhook({ id: 'msg_2', timestamp: now(), body }, [newSecret, oldSecret]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    // a receiver still on the old secret, and one already on the new secret, both accept it
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(newSecret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is rejected by a receiver with another secret, or when the body changed', () => {
    const headers = signWebhook({ id: 'msg_3', timestamp: now(), body }, [generateWebhookSecret()]);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    const secret = generateWebhookSecret();
    const signed = signWebhook({ id: 'msg_4', timestamp: now(), body }, [secret]);
    expect(() => new Webhook(secret).verify(body.replace('ÑÁ', 'NA'), signed)).toThrow(WebhookVerificationError);
  });

  it('only the old secret: verifies with the old one, not with a new one not yet used for signing', () => {
    const oldSecret = generateWebhookSecret();
    const headers = signWebhook({ id: 'msg_5', timestamp: now(), body }, [oldSecret]);
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('refuses malformed secrets and timestamps with a typed error', () => {
    const ok = { id: 'm', timestamp: now(), body };
    expect(() => signWebhook(ok, [])).toThrow(WebhookSecretError);
    expect(() => signWebhook(ok, ['sk_abc'])).toThrow(/must start with "whsec_"/);
    expect(() => signWebhook(ok, ['whsec_c2hvcnQ='])).toThrow(/24–64 bytes/);
    expect(() => signWebhook(ok, ['whsec_not base64!'])).toThrow(/base64/);
    expect(() => signWebhook({ ...ok, timestamp: Date.now() + 0.5 }, [generateWebhookSecret()])).toThrow(
      /whole seconds/,
    );
  });
});
