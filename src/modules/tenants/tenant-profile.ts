import type { Database } from '../../db/database.js';
import { NotifiedCache } from '../../db/notified-cache.js';
import { createCalendar, type BusinessCalendar, type ExtraDay } from '../../dte/calendar/business-days.js';
import type { Logger } from '../../core/logger.js';
import type { EmisorEstablishment, EmisorTenant } from '../invoices/emisor.js';
import { TenantCalendar } from '../calendar/tenant-calendar.entity.js';
import { Establishment, Tenant } from './tenant.entity.js';

/** Where triggers on tenant, establishment and tenant_calendar announce a change (payload: the tenant's id). */
export const TENANT_PROFILE_CHANNEL = 'fx_tenant_profile';

/** What an emission reads of its tenant: the emisor, its establishments (default first) and its business calendar. */
export interface TenantProfile {
  tenant: EmisorTenant & { id: string };
  establishments: EmisorEstablishment[];
  calendar: BusinessCalendar;
}

const caches = new WeakMap<Database, NotifiedCache<TenantProfile>>();

/**
 * The tenant's profile from a per-process cache: a change committed by any process (tenant, establishments,
 * calendar) is announced by a trigger and drops the entry before the next emission; changes made through this
 * process's ORM drop it at once. Null when the tenant does not exist. `log` (the cache's, for its LISTEN connection) is
 * asked for only when the cache is made: a request's child logger is then not made for every emission.
 */
export function tenantProfile(
  db: Database,
  log: Logger | (() => Logger),
  tenantId: string,
): Promise<TenantProfile | null> {
  return cacheOf(db, log).get(tenantId, (id) => loadTenantProfile(db, id));
}

function cacheOf(db: Database, log: Logger | (() => Logger)): NotifiedCache<TenantProfile> {
  let cache = caches.get(db);
  if (cache) return cache;
  const c = new NotifiedCache<TenantProfile>(
    db.listener,
    TENANT_PROFILE_CHANNEL,
    typeof log === 'function' ? log() : log,
  );
  caches.set(db, (cache = c));
  db.beforeClose?.(() => c.close());
  const tenantOf = (entity: unknown): string | undefined => {
    if (entity instanceof Tenant) return entity.id;
    const t = (entity as { tenant?: { id?: string } | string }).tenant;
    return typeof t === 'string' ? t : t?.id;
  };
  const drop = ({ entity }: { entity: unknown }) => c.invalidate(tenantOf(entity));
  db.orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [Tenant, Establishment, TenantCalendar],
    afterCreate: drop,
    afterUpdate: drop,
    afterUpsert: drop,
    afterDelete: drop,
  });
  return c;
}

/** One round trip: the tenant's emisor fields, its establishments in resolveEmisor's order, its extra days. */
export async function loadTenantProfile(db: Pick<Database, 'pool'>, tenantId: string): Promise<TenantProfile | null> {
  type Row = { tenant: TenantProfile['tenant']; establishments: EmisorEstablishment[]; extra_days: ExtraDay[] | null };
  const { rows } = await db.pool.query<Row>(
    `select json_build_object('id', t.id, 'nit', t.nit, 'nrc', t.nrc, 'nombre', t.nombre,
              'nombreComercial', t.nombre_comercial,
              'codActividad', t.cod_actividad, 'descActividad', t.desc_actividad, 'direccion', t.direccion,
              'telefono', t.telefono, 'correo', t.correo) as tenant,
            coalesce((select json_agg(json_build_object('codEstableMH', e.cod_estable_mh, 'codEstable', e.cod_estable,
                        'tipoEstablecimiento', e.tipo_establecimiento, 'direccion', e.direccion,
                        'puntosVenta', e.puntos_venta)
                        order by e.is_default desc, e.cod_estable_mh asc)
                      from establishment e where e.tenant_id = t.id), '[]'::json) as establishments,
            (select c.extra_days from tenant_calendar c where c.tenant_id = t.id) as extra_days
       from tenant t where t.id = $1`,
    [tenantId],
  );
  const r = rows[0];
  if (!r) return null;
  return { tenant: r.tenant, establishments: r.establishments, calendar: createCalendar(r.extra_days ?? []) };
}
