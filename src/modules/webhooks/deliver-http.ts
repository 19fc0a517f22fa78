/**
 * One HTTP delivery attempt: POST the signed body; success = a 2xx status within the timeout
 * (15 s by default); 410 Gone tells the caller to disable the endpoint. Never throws: every failure becomes a
 * result the delivery log can record. Redirects are not followed (a redirect could point anywhere, including
 * at private addresses) and count as failures.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import { isPublicAddress } from './ssrf-guard.js';

export interface DeliveryResult {
  ok: boolean;
  /** null when no response arrived (connection error, timeout). */
  statusCode: number | null;
  durationMs: number;
  error?: string;
  gone: boolean;
}

export interface DeliverWebhookInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  /**
   * When given with allowPrivate false, the address is checked again at connect time, closing the gap between
   * assertPublicTarget's DNS answer and the one the socket uses (DNS rebinding).
   */
  ssrf?: { allowPrivate: boolean };
}

const USER_AGENT = 'FacturaXpress-Webhooks/1.0';

/** A dns.lookup that refuses non-public answers. */
function guardedLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as { address: string; family: number }[];
      const refused = list.find((a) => !isPublicAddress(a.address));
      if (refused) return callback(new Error(`refused non-public address ${refused.address}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function failure(started: number, error: string, statusCode: number | null = null): DeliveryResult {
  return { ok: false, statusCode, durationMs: Math.round(performance.now() - started), error, gone: false };
}

export function deliverWebhook(input: DeliverWebhookInput): Promise<DeliveryResult> {
  const started = performance.now();
  const timeoutMs = input.timeoutMs ?? 15_000;
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return Promise.resolve(failure(started, `invalid URL: ${input.url}`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve(failure(started, `unsupported scheme ${url.protocol}`));
  }
  // Node skips `lookup` for literal IPs, so those are checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (input.ssrf && !input.ssrf.allowPrivate && isIP(literal) && !isPublicAddress(literal)) {
    return Promise.resolve(failure(started, `refused non-public address ${literal}`));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = transport.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        ...input.headers,
        'content-length': String(Buffer.byteLength(input.body)),
      },
      ...(input.ssrf && !input.ssrf.allowPrivate ? { lookup: guardedLookup() } : {}),
    });
    const timer = setTimeout(() => {
      settle(failure(started, `no response within ${timeoutMs} ms`));
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume(); // the body is not needed; drain it so the socket is released
      res.on('error', () => undefined);
      const status = res.statusCode ?? 0;
      const durationMs = Math.round(performance.now() - started);
      if (status >= 200 && status < 300) settle({ ok: true, statusCode: status, durationMs, gone: false });
      else settle({ ok: false, statusCode: status, durationMs, error: `HTTP ${status}`, gone: status === 410 });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      settle(failure(started, err.message));
    });
    req.end(input.body);
  });
}
