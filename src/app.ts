import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { ApiKeyCache } from './modules/auth/api-key-cache.js';
import { ApiKey } from './modules/auth/api-key.entity.js';
import { createAuthenticator, type Authenticator } from './modules/auth/authenticate.js';
import { createLinkSigner, type LinkSigner } from './modules/documents/links.js';
import type { InvoiceEventBus } from './modules/invoices/invoice-event-bus.js';
import { createSigmaDirectory, type SigmaDirectory } from './modules/sigma/sigma-directory.js';
import { webhookPolicyOf, type WebhookPolicy } from './modules/webhooks/policy.js';
import type { Context } from './context.js';
import { tenantIdOf, type Actor } from './core/actor.js';
import { systemClock, type Clock } from './core/clock.js';
import { TENANT_FILTER } from './core/tenant-filter.js';
import type { Logger } from './core/logger.js';
import type { MhServices } from './hacienda/mh-services.js';

/** The composition root shared by the HTTP server, the worker, the CLI and tests. */
export interface App {
  config: Config;
  log: Logger;
  db: Database;
  clock: Clock;
  auth: Authenticator;
  mh: MhServices;
  /** Signs and verifies the document and report links (Invoice.pdfUrl/jsonUrl, webhook payloads, downloads). */
  links: LinkSigner;
  /** Private targets and timeout for webhook endpoints and deliveries. */
  webhookPolicy: WebhookPolicy;
  /** This process's LISTEN fan-out of committed invoice changes (subscriptions); null where nothing subscribes. */
  events: InvoiceEventBus | null;
  /** A fresh context whose entity manager is scoped to the actor's tenant. */
  contextFor(actor: Actor, requestId?: string): Context;
  /** An entity manager scoped to one tenant (jobs, CLI): the same filter as a tenant request. */
  tenantEm(tenantId: string): Context['em'];
}

/** The collaborators built before the App: the App wires them together, it does not create them. */
export interface AppParts {
  config: Config;
  log: Logger;
  db: Database;
  mh: MhServices;
  /** The invoice event bus, when this process serves subscriptions. */
  events?: InvoiceEventBus | null;
  clock?: Clock;
}

export function createApp({ config, log, db, mh, events = null, clock = systemClock }: AppParts): App {
  // The cache listens for API key changes from its first use on, on the database's LISTEN connection.
  const cache = new ApiKeyCache(db.listener, log);
  db.beforeClose(() => cache.close());
  // A change made through this process's ORM (revokeApiKey) drops the entry at once, before its NOTIFY comes back.
  db.orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [ApiKey],
    afterUpdate: ({ entity }) => cache.invalidate((entity as ApiKey).hash),
    afterDelete: ({ entity }) => cache.invalidate((entity as ApiKey).hash),
  });
  const auth = createAuthenticator({ em: db.orm.em, config, clock, cache });
  const sigma = createSigmaDirectory(config.sigma);
  const links = createLinkSigner(mh.masterKey, config);
  const webhookPolicy = webhookPolicyOf(config);
  return {
    config,
    log,
    db,
    clock,
    auth,
    mh,
    links,
    webhookPolicy,
    events,
    tenantEm(tenantId) {
      const em = db.orm.em.fork();
      em.setFilterParams(TENANT_FILTER, { tenantId });
      return em;
    },
    contextFor(actor, requestId = randomUUID()) {
      return new RequestContext(requestId, actor, clock, mh, sigma, db, links, webhookPolicy, events, log);
    },
  };
}

/**
 * The actor's entity manager. Tenant actors: every tenant-owned query is filtered to their tenant. Others get an
 * impossible tenant id, so a use case that forgets to lift the filter explicitly (UNSCOPED, admin only) sees nothing
 * rather than all.
 */
function actorEm(db: Database, actor: Actor): Context['em'] {
  const em = db.orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId: tenantIdOf(actor) ?? '00000000-0000-0000-0000-000000000000' });
  return em;
}

/**
 * A request's (or job's) context. The entity manager and the child logger are made on first use: a request that needs
 * neither (a query answered from the context, an emission in plain SQL) does not pay for them. They are accessors of
 * the class, not own properties: Apollo copies each operation's context (its own properties, keeping the prototype),
 * and a copy that read own accessors would make both for every operation. A spread drops them: `withContext` copies a
 * context with its prototype.
 */
class RequestContext implements Context {
  private ownEm: Context['em'] | null = null;
  private ownLog: Logger | null = null;

  constructor(
    readonly requestId: string,
    readonly actor: Actor,
    readonly clock: Clock,
    readonly mh: MhServices,
    readonly sigma: SigmaDirectory,
    readonly db: Database,
    readonly links: LinkSigner,
    readonly webhookPolicy: WebhookPolicy,
    readonly events: InvoiceEventBus | null,
    private readonly rootLog: Logger,
  ) {}

  get em(): Context['em'] {
    return (this.ownEm ??= actorEm(this.db, this.actor));
  }

  set em(value: Context['em']) {
    this.ownEm = value;
  }

  get log(): Logger {
    return (this.ownLog ??= this.rootLog.child({ requestId: this.requestId, tenantId: tenantIdOf(this.actor) }));
  }

  set log(value: Logger) {
    this.ownLog = value;
  }
}
