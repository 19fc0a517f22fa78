import type { Ambiente } from '../../core/actor.js';
import type { Logger } from '../../core/logger.js';
import type { Listener } from '../../db/listener.js';
import { NotifiedCache } from '../../db/notified-cache.js';

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

/**
 * API keys by hash, kept in memory and invalidated through PostgreSQL LISTEN/NOTIFY: a revocation committed by any
 * process drops the entry in every process before its next request. The cache is only used while the process's
 * LISTEN connection is up (and is emptied whenever it drops), so a missed notification can never keep a revoked key
 * alive. A load that raced with a notification is not cached (generation check). A hit waits for a round trip on the
 * LISTEN connection (the read barrier): a change committed before the request arrived is always seen.
 */
export class ApiKeyCache extends NotifiedCache<CachedApiKey> {
  constructor(listener: Listener, log: Logger, maxEntries = 10_000) {
    super(listener, API_KEY_CHANNEL, log, maxEntries, true);
  }
}
