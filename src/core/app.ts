import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { TENANT_FILTER } from '../db/orm.js';
import { ApiKeyCache } from '../modules/auth/api-key-cache.js';
import { ApiKey } from '../modules/auth/api-key.entity.js';
import { createAuthenticator, type Authenticator } from '../modules/auth/authenticate.js';
import { createSigmaDirectory } from '../modules/sigma/sigma-directory.js';
import { systemClock, tenantIdOf, type Actor, type Clock, type Context } from './context.js';
import type { Logger } from './logger.js';
import type { MhServices } from './mh-services.js';

/** The composition root shared by the HTTP server, the worker, the CLI and tests. */
export interface App {
  config: Config;
  log: Logger;
  db: Database;
  clock: Clock;
  auth: Authenticator;
  mh: MhServices;
  /** A fresh context whose entity manager is scoped to the actor's tenant. */
  contextFor(actor: Actor, requestId?: string): Context;
  /** An entity manager scoped to one tenant (jobs, CLI): the same filter as a tenant request. */
  tenantEm(tenantId: string): Context['em'];
}

export function createApp(config: Config, log: Logger, db: Database, mh: MhServices, clock: Clock = systemClock): App {
  // The cache listens for API key changes from its first use on; its connection closes with the database.
  const cache = new ApiKeyCache(db.url, log);
  db.beforeClose(() => cache.close());
  // A change made through this process's ORM (revokeApiKey) drops the entry at once, before its NOTIFY comes back.
  db.orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [ApiKey],
    afterUpdate: ({ entity }) => cache.invalidate((entity as ApiKey).hash),
    afterDelete: ({ entity }) => cache.invalidate((entity as ApiKey).hash),
  });
  const auth = createAuthenticator({ em: db.orm.em, config, clock, cache });
  const sigma = createSigmaDirectory(config.sigma);
  return {
    config,
    log,
    db,
    clock,
    auth,
    mh,
    tenantEm(tenantId) {
      const em = db.orm.em.fork();
      em.setFilterParams(TENANT_FILTER, { tenantId });
      return em;
    },
    contextFor(actor, requestId = randomUUID()) {
      const tenantId = tenantIdOf(actor);
      let em: Context['em'] | null = null;
      let child: Logger | null = null;
      // The entity manager and the child logger are made on first use: a request that needs neither (a query answered
      // from the context, an emission in plain SQL) does not pay for them.
      return {
        requestId, actor, clock, mh, sigma, db,
        get em() {
          if (em) return em;
          em = db.orm.em.fork();
          // Tenant actors: every tenant-owned query is filtered to their tenant. Others get an impossible tenant id, so
          // a use case that forgets to lift the filter explicitly (UNSCOPED, admin only) sees nothing rather than all.
          em.setFilterParams(TENANT_FILTER, { tenantId: tenantId ?? '00000000-0000-0000-0000-000000000000' });
          return em;
        },
        set em(value) {
          em = value;
        },
        get log() {
          return (child ??= log.child({ requestId, tenantId }));
        },
        set log(value) {
          child = value;
        },
      };
    },
  };
}
