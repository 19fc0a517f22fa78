import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from './core/actor.js';
import type { Clock } from './core/clock.js';
import type { Database } from './db/database.js';
import type { Logger } from './core/logger.js';
import type { MhServices } from './hacienda/mh-services.js';
import type { LinkSigner } from './modules/documents/links.js';
import type { InvoiceEventBus } from './modules/invoices/invoice-event-bus.js';
import type { SigmaDirectory } from './modules/sigma/sigma-directory.js';
import type { WebhookPolicy } from './modules/webhooks/policy.js';

/** Per-request (or per-job) context: the only way use cases learn who acts, on which tenant, and when. */
export interface Context {
  requestId: string;
  actor: Actor;
  /** Entity manager fork scoped by the tenant filter to the actor's tenant (unscoped only for the admin). */
  em: EntityManager;
  log: Logger;
  clock: Clock;
  /** Signing and the MH client, for the few use cases that talk to MH while the caller waits (invalidation). */
  mh: MhServices;
  /** SIGMA's subgraph, read server to server (the patient/service fields FX_SIGMA_FIELDS names). */
  sigma: SigmaDirectory;
  /** The database, for the few hot paths written as plain SQL (emission); use `em` everywhere else. */
  db: Database;
  /** Signs the document and report links this request shows (the App's signer). */
  links: LinkSigner;
  /** Private targets and timeout for webhook endpoints (the App's policy). */
  webhookPolicy: WebhookPolicy;
  /** The invoice event bus subscriptions read from; null in a process that serves none. */
  events: InvoiceEventBus | null;
}

/**
 * The same context with some of its parts replaced (another entity manager, a clock). A context keeps `em` and `log`
 * as accessors of its class (made on first use), which a spread would drop: the copy keeps the prototype.
 */
export function withContext(ctx: Context, parts: Partial<Context>): Context {
  return Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as Context, ctx, parts);
}
