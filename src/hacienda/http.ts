/** One HTTP exchange with MH, with transport failures sorted by whether the request may have reached MH. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

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
  // One signal covers connecting, sending, the headers and reading the body: MH's 8 s rule is end to end.
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetchFn(url, { ...init, signal });
    text = await res.text();
  } catch (err) {
    return transportFailure(err, timeoutMs);
  }
  return { ok: true, status: res.status, body: parseJson(text), text };
}

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
