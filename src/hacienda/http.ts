import http from 'node:http';
import https from 'node:https';

/** What an exchange reads of an answer (a fetch Response is one). */
export interface HttpAnswer {
  status: number;
  text(): Promise<string>;
}

/** One HTTP exchange with MH, with transport failures sorted by whether the request may have reached MH. */
export type FetchLike = (input: string, init: RequestInit) => Promise<HttpAnswer>;

// Kept-alive connections per process: one TCP (and TLS) handshake per connection, not per document.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * POST/GET over node:http(s) with kept-alive connections: the exchange MH's client makes per document, without
 * fetch's per-request machinery (web streams, a Response object). Errors are node's (`code` ECONNREFUSED, …);
 * `init.signal` aborts connecting, sending and reading the body alike (rejecting with the signal's reason).
 */
export const keepAliveFetch: FetchLike = (input, init) =>
  new Promise((resolve, reject) => {
    const url = new URL(input);
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason);
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const send = url.protocol === 'https:' ? https.request : http.request;
    const req = send(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      const text = new Promise<string>((done, fail) => {
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          signal?.removeEventListener('abort', abort);
          done(Buffer.concat(chunks).toString('utf8'));
        });
        res.on('error', (err) => fail(signal?.aborted ? signal.reason : err));
        res.on('aborted', () => fail(signal?.aborted ? signal.reason : new Error('the answer was cut off')));
      });
      text.catch(() => undefined); // read (and failed) only if the caller asks for the text
      resolve({ status: res.statusCode ?? 0, text: () => text });
    });
    const abort = () => req.destroy(signal!.reason as Error);
    signal?.addEventListener('abort', abort, { once: true });
    req.on('error', (err) => {
      signal?.removeEventListener('abort', abort);
      reject(signal?.aborted ? signal.reason : err);
    });
    req.end(body);
  });

export type HttpResult =
  | { ok: true; status: number; body: unknown; text: string }
  /** `maybeDelivered` false = the connection was never established, so MH cannot have the request. */
  | { ok: false; maybeDelivered: boolean; reason: string };

/** Errors raised before any byte of the request can have reached the server. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_INVALID_URL',
]);

export async function httpExchange(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<HttpResult> {
  // One signal covers connecting, sending, the headers and reading the body: MH's 8 s rule is end to end. Its timer
  // is cleared once the answer is read: AbortSignal.timeout's is not, so every exchange left a signal, a weak
  // reference and a timer alive for the whole timeout (old-generation garbage at MH's rate of documents), and most
  // of them still fired long after their answer, building a TimeoutError (and its stack) for a finished exchange.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError()), timeoutMs);
  timer.unref();
  let res: HttpAnswer;
  let text: string;
  try {
    res = await fetchFn(url, { ...init, signal: controller.signal });
    text = await res.text();
  } catch (err) {
    return transportFailure(err, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, status: res.status, body: parseJson(text), text };
}

/** The reason an exchange past its timeout is aborted with: AbortSignal.timeout's. */
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

function transportFailure(err: unknown, timeoutMs: number): HttpResult {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return { ok: false, maybeDelivered: true, reason: `no complete answer within ${timeoutMs} ms` };
  }
  const code = e?.cause?.code ?? e?.code;
  const detail = [code, e?.cause?.message ?? e?.message].filter(Boolean).join(': ');
  if (code && NOT_CONNECTED.has(code)) return { ok: false, maybeDelivered: false, reason: `not connected (${detail})` };
  // Resets and closes mid-exchange (ECONNRESET, UND_ERR_SOCKET "other side closed", ...) may follow delivery.
  return {
    ok: false,
    maybeDelivered: true,
    reason: `connection failed during the exchange (${detail || 'unknown error'})`,
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
