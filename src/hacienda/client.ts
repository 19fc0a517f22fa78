import { httpExchange, keepAliveFetch, type FetchLike, type HttpResult } from './http.js';
import {
  readConsultaDte,
  readConsultaLote,
  readContingenciaAnswer,
  readDteAnswer,
  readLoteReceived,
  unrecognisedSubmission,
} from './outcomes.js';
import { TokenCache } from './token-cache.js';
import {
  MH_PATHS,
  type AnulacionOutcome,
  type AnularDteRequest,
  type AuthErrorOutcome,
  type ConsultaDteOutcome,
  type ConsultaDteRequest,
  type ConsultaLoteOutcome,
  type ContingenciaOutcome,
  type ContingenciaRequest,
  type MhCredential,
  type RecepcionDteRequest,
  type RecepcionLoteOutcome,
  type RecepcionLoteRequest,
  type RecepcionOutcome,
  type TransientOutcome,
} from './types.js';

export interface MhClientOptions {
  /** e.g. mhBaseUrl('00') or a sandbox URL. */
  baseUrl: string;
  /** Sent on every call; MH lists it as a parameter of every service. */
  userAgent: string;
  /** End-to-end timeout per HTTP exchange; MH's rule is 8 s. */
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Tokens are considered expired this long before MH's 24 h / 48 h lifetime ends; default 1 h. */
  tokenMarginMs?: number;
  now?: () => number;
}

export interface AuthToken {
  kind: 'ok';
  token: string;
  expiresAt: Date;
}

type Authed = (token: string) => Promise<HttpResult>;

/** MH's transmission API. Every method resolves to a classified outcome and never throws for MH's behaviour. */
export class MhClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: FetchLike;
  private readonly tokens: TokenCache;
  private readonly inflightAuth = new Map<string, Promise<AuthToken | TransientOutcome | AuthErrorOutcome>>();

  constructor(private readonly opts: MhClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 8000;
    this.fetchFn = opts.fetch ?? keepAliveFetch;
    this.tokens = new TokenCache(opts.tokenMarginMs ?? 3_600_000, opts.now ?? Date.now);
  }

  /** Cached token for (user, ambiente), authenticating when absent or expired. Concurrent callers share one request. */
  async authenticate(cred: MhCredential, force = false): Promise<AuthToken | TransientOutcome | AuthErrorOutcome> {
    const key = TokenCache.key(cred.user, cred.ambiente);
    const cached = force ? undefined : this.tokens.get(key);
    if (cached) return { kind: 'ok', token: cached.token, expiresAt: new Date(cached.expiresAt) };
    let pending = this.inflightAuth.get(key);
    if (!pending) {
      pending = this.requestToken(cred, key).finally(() => this.inflightAuth.delete(key));
      this.inflightAuth.set(key, pending);
    }
    return pending;
  }

  recepcionDte(cred: MhCredential, req: RecepcionDteRequest): Promise<RecepcionOutcome> {
    return this.submit(
      cred,
      (t) => this.postJson(MH_PATHS.recepcionDte, req, t),
      (s, b) => readDteAnswer(s, b) ?? unrecognisedSubmission(s, b),
    );
  }

  consultaDte(cred: MhCredential, req: ConsultaDteRequest): Promise<ConsultaDteOutcome> {
    return this.query(cred, (t) => this.postJson(MH_PATHS.consultaDte, req, t), readConsultaDte);
  }

  recepcionLote(cred: MhCredential, req: RecepcionLoteRequest): Promise<RecepcionLoteOutcome> {
    return this.submit(cred, (t) => this.postJson(MH_PATHS.recepcionLote, req, t), readLoteReceived);
  }

  consultaLote(cred: MhCredential, codigoLote: string): Promise<ConsultaLoteOutcome> {
    const path = MH_PATHS.consultaLote + encodeURIComponent(codigoLote);
    return this.query(cred, (t) => this.exchange(path, { method: 'GET', headers: this.headers(t) }), readConsultaLote);
  }

  anularDte(cred: MhCredential, req: AnularDteRequest): Promise<AnulacionOutcome> {
    return this.submit(
      cred,
      (t) => this.postJson(MH_PATHS.anularDte, req, t),
      (s, b) => readDteAnswer(s, b) ?? unrecognisedSubmission(s, b),
    );
  }

  contingencia(cred: MhCredential, req: ContingenciaRequest): Promise<ContingenciaOutcome> {
    return this.submit(
      cred,
      (t) => this.postJson(MH_PATHS.contingencia, req, t),
      (s, b) => readContingenciaAnswer(s, b) ?? unrecognisedSubmission(s, b),
    );
  }

  private async requestToken(
    cred: MhCredential,
    key: string,
  ): Promise<AuthToken | TransientOutcome | AuthErrorOutcome> {
    const form = new URLSearchParams({ user: cred.user, pwd: cred.password });
    const r = await this.exchange(MH_PATHS.auth, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': this.opts.userAgent },
      body: form.toString(),
    });
    // Auth submits nothing: whatever happened in transit, it is safe to try again.
    if (!r.ok) return { kind: 'transient', reason: `auth: ${r.reason}` };
    const body = r.body as { status?: unknown; body?: { token?: unknown }; message?: unknown } | undefined;
    const token = body?.status === 'OK' && typeof body.body?.token === 'string' ? body.body.token : null;
    if (r.status === 200 && token) {
      const entry = this.tokens.put(key, token, cred.ambiente);
      return { kind: 'ok', token, expiresAt: new Date(entry.expiresAt) };
    }
    if (r.status >= 500 && body?.status !== 'ERROR')
      return { kind: 'transient', reason: `auth: HTTP ${r.status}`, status: r.status };
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${r.status}`;
    return {
      kind: 'auth_error',
      reason: `MH refused the credentials of ${cred.user}: ${message}`,
      status: r.status,
      raw: r.body,
    };
  }

  /** A call that hands MH a document: a transport failure after connecting is `unknown` (MH's rules → consultadte). */
  private submit<O>(cred: MhCredential, send: Authed, read: (status: number, body: unknown) => O) {
    return this.withToken(cred, send, read, true);
  }

  /** A read-only call: any transport failure is simply `transient`. */
  private query<O>(cred: MhCredential, send: Authed, read: (status: number, body: unknown) => O) {
    return this.withToken(cred, send, read, false) as Promise<O | TransientOutcome | AuthErrorOutcome>;
  }

  private async withToken<O>(
    cred: MhCredential,
    send: Authed,
    read: (status: number, body: unknown) => O,
    submits: boolean,
  ): Promise<O | TransientOutcome | AuthErrorOutcome | { kind: 'unknown'; reason: string }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const auth = await this.authenticate(cred, attempt > 0);
      if (auth.kind !== 'ok') return auth;
      const r = await send(auth.token);
      if (!r.ok) {
        return r.maybeDelivered && submits
          ? { kind: 'unknown', reason: r.reason }
          : { kind: 'transient', reason: r.reason };
      }
      // 401 = the token was refused before anything was processed: re-authenticate once.
      if (r.status !== 401) return read(r.status, r.body);
      this.tokens.invalidate(TokenCache.key(cred.user, cred.ambiente), auth.token);
    }
    return { kind: 'auth_error', reason: 'MH refused a freshly issued token (HTTP 401 twice)', status: 401 };
  }

  private postJson(path: string, body: unknown, token: string): Promise<HttpResult> {
    return this.exchange(path, {
      method: 'POST',
      headers: { ...this.headers(token), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private headers(token: string): Record<string, string> {
    // The token already carries its "Bearer " prefix.
    return { Authorization: token, 'User-Agent': this.opts.userAgent, Accept: 'application/json' };
  }

  private exchange(path: string, init: RequestInit): Promise<HttpResult> {
    return httpExchange(this.fetchFn, this.baseUrl + path, init, this.timeoutMs);
  }
}
