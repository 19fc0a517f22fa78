import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../../app.js';
import { TENANT_FILTER } from '../../core/tenant-filter.js';

/** A job's entity manager: scoped by the tenant filter to the job's tenant, like a request of that tenant. */
export function tenantEm(app: App, tenantId: string): EntityManager {
  const em = app.db.orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return em;
}
