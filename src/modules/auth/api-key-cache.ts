import pg from 'pg';
import type { Ambiente } from '../../core/actor.js';
import type { Logger } from '../../core/logger.js';

/** The fields of an API key that authentication needs (no secret: the map is keyed by the key's hash). */
export interface CachedApiKey {
  id: string;
  kind: string;
  tenantId: string | null;
  ambiente: Ambiente | null;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Where a trigger on api_key announces every change that matters for authentication (payload: the key's hash). */
export const API_KEY_CHANNEL = 'fx_api_keys';
const RECONNECT_MS = 1000;

/**
 * API keys by hash, kept in memory and invalidated through PostgreSQL LISTEN/NOTIFY: a revocation committed by any
 * process drops the entry in every process before its next request. The cache is only used while the LISTEN
 * connection is up (and is emptied whenever it drops), so a missed notification can never keep a revoked key alive.
 * A load that raced with a notification is not cached (generation check).
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, CachedApiKey>();
  private client: pg.Client | null = null;
  private listening = false;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private generation = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached key, or undefined (not cached, or the cache is not listening yet: load from the database). */
  get(hash: string): CachedApiKey | undefined {
    if (!this.listening) {
      this.listen();
      return undefined;
    }
    return this.entries.get(hash);
  }

  /** A token to pass back to `set`: entries loaded before a later invalidation are not cached. */
  mark(): number {
    return this.generation;
  }

  set(hash: string, key: CachedApiKey, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, key);
  }

  /** Drops one key (this process's own revocation does not wait for its NOTIFY), or all of them. */
  invalidate(hash?: string): void {
    this.generation += 1;
    if (hash === undefined) this.entries.clear();
    else this.entries.delete(hash);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.entries.clear();
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }

  private listen(): void {
    if (this.connecting || this.closed) return;
    this.connecting = this.connect()
      .catch((err) =>
        this.log.warn({ err: (err as Error).message }, 'API key cache: LISTEN failed; keys are read from the database'),
      )
      .finally(() => {
        this.connecting = null;
      });
  }

  private async connect(): Promise<void> {
    const c = new pg.Client({ connectionString: this.databaseUrl, application_name: 'fx-api-key-cache' });
    c.on('notification', (msg) => {
      if (msg.channel === API_KEY_CHANNEL) this.invalidate(msg.payload ?? undefined);
    });
    const lost = () => {
      if (this.client !== c) return;
      this.client = null;
      this.listening = false;
      this.invalidate();
      void c.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => this.listen(), RECONNECT_MS).unref();
    };
    c.on('error', (err) => {
      this.log.warn(
        { err: err.message },
        'API key cache: LISTEN connection lost; keys are read from the database until it is back',
      );
      lost();
    });
    c.on('end', lost);
    await c.connect();
    if (this.closed) return void (await c.end());
    await c.query(`LISTEN ${API_KEY_CHANNEL}`);
    this.client = c;
    this.invalidate();
    this.listening = true;
  }
}
