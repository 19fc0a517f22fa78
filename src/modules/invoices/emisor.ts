import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldIssue } from '../../core/errors.js';
import type { Emisor } from '../../dte/index.js';
import { Establishment, type Tenant } from '../tenants/tenant.entity.js';

export interface PointOfSale {
  codEstableMH?: string | null;
  codPuntoVentaMH?: string | null;
}

/**
 * The tenant as the document's emisor, at one of its establishments and points of sale (the default establishment's
 * first POS unless the body names `codEstableMH` / `codPuntoVentaMH`).
 */
export async function resolveEmisor(
  em: EntityManager,
  tenant: Tenant,
  pos: PointOfSale,
): Promise<{ emisor: Emisor } | { issues: FieldIssue[] }> {
  const ests = await em.find(Establishment, { tenant }, { orderBy: { isDefault: 'desc', codEstableMH: 'asc' } });
  return emisorAt(tenant, ests, pos);
}

/** The tenant's fields a document's emisor carries. */
type EmisorTenantField =
  | 'nit'
  | 'nrc'
  | 'nombre'
  | 'nombreComercial'
  | 'codActividad'
  | 'descActividad'
  | 'direccion'
  | 'telefono'
  | 'correo';
export type EmisorTenant = Pick<Tenant, EmisorTenantField>;
export type EmisorEstablishment = Pick<
  Establishment,
  'codEstableMH' | 'codEstable' | 'tipoEstablecimiento' | 'direccion' | 'puntosVenta'
>;

/** resolveEmisor on already loaded rows: `ests` default establishment first, then by codEstableMH. */
export function emisorAt(
  tenant: EmisorTenant,
  ests: readonly EmisorEstablishment[],
  pos: PointOfSale,
): { emisor: Emisor } | { issues: FieldIssue[] } {
  const est = pos.codEstableMH ? ests.find((e) => e.codEstableMH === pos.codEstableMH) : ests[0];
  if (!est)
    return {
      issues: [
        {
          path: 'codEstableMH',
          code: 'UNKNOWN_ESTABLISHMENT',
          message: `establishment ${pos.codEstableMH ?? '(default)'} is not registered for this tenant`,
        },
      ],
    };
  const pv = pos.codPuntoVentaMH
    ? est.puntosVenta.find((p) => p.codPuntoVentaMH === pos.codPuntoVentaMH)
    : est.puntosVenta[0];
  if (!pv)
    return {
      issues: [
        {
          path: 'codPuntoVentaMH',
          code: 'UNKNOWN_POINT_OF_SALE',
          message: `point of sale ${pos.codPuntoVentaMH} is not registered at ${est.codEstableMH}`,
        },
      ],
    };
  return {
    emisor: {
      nit: tenant.nit,
      nrc: tenant.nrc,
      nombre: tenant.nombre,
      nombreComercial: tenant.nombreComercial ?? null,
      codActividad: tenant.codActividad,
      descActividad: tenant.descActividad,
      tipoEstablecimiento: est.tipoEstablecimiento,
      direccion: est.direccion ?? tenant.direccion,
      telefono: tenant.telefono,
      correo: tenant.correo,
      codEstableMH: est.codEstableMH,
      codPuntoVentaMH: pv.codPuntoVentaMH,
      codEstable: est.codEstable ?? null,
      codPuntoVenta: pv.codPuntoVenta ?? null,
    },
  };
}
