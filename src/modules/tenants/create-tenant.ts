import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import { UNSCOPED, requireAdmin } from '../../core/guards.js';
import type { Direccion } from '../../dte/index.js';
import { Establishment, Tenant } from './tenant.entity.js';
import {
  establishmentIssues,
  normalizeNit,
  normalizeNrc,
  tenantIssues,
  type EstablishmentFields,
  type TenantFields,
} from './tenant.validation.js';

export interface CreateTenantInput
  extends Required<
    Pick<TenantFields, 'nit' | 'nrc' | 'nombre' | 'codActividad' | 'descActividad' | 'telefono' | 'correo'>
  > {
  nombreComercial?: string | null;
  direccion: Direccion;
  ambiente?: '00' | '01';
  mhApiUser?: string | null;
  establecimientos?: EstablishmentFields[];
  isDemo?: boolean;
}

/** The default establishment when none is given: casa matriz M001 with point of sale P001 (MH's rules example). */
const DEFAULT_ESTABLISHMENT: EstablishmentFields = {
  codEstableMH: 'M001',
  codEstable: null,
  tipoEstablecimiento: '02',
  puntosVenta: [{ codPuntoVentaMH: 'P001' }],
};

export async function createTenant(ctx: Context, input: CreateTenantInput): Promise<Tenant> {
  requireAdmin(ctx);
  const ests = input.establecimientos?.length ? input.establecimientos : [DEFAULT_ESTABLISHMENT];
  const issues = [
    ...tenantIssues(input, true),
    ...ests.flatMap((e, i) => establishmentIssues(e, `establecimientos[${i}]`)),
  ];
  if (issues.length) throw new ValidationError(issues);
  const nit = normalizeNit(input.nit);
  const em = ctx.em.fork();
  if (await em.count(Tenant, { nit }, UNSCOPED)) throw duplicateNit(nit);
  try {
    return await em.transactional(async (tx) => {
      const tenant = tx.create(Tenant, {
        nit,
        nrc: normalizeNrc(input.nrc),
        nombre: input.nombre.trim(),
        nombreComercial: input.nombreComercial ?? null,
        codActividad: input.codActividad,
        descActividad: input.descActividad,
        direccion: input.direccion,
        telefono: input.telefono,
        correo: input.correo,
        ambiente: input.ambiente ?? '00',
        mhApiUser: input.mhApiUser ? normalizeNit(input.mhApiUser) : nit,
        isDemo: input.isDemo ?? false,
      });
      ests.forEach((e, i) => {
        tx.create(Establishment, {
          tenant,
          codEstableMH: e.codEstableMH,
          codEstable: e.codEstable ?? null,
          tipoEstablecimiento: e.tipoEstablecimiento,
          nombre: null,
          direccion: null,
          puntosVenta: e.puntosVenta.map((p) => ({
            codPuntoVentaMH: p.codPuntoVentaMH,
            codPuntoVenta: p.codPuntoVenta ?? null,
            nombre: p.nombre ?? null,
          })),
          isDefault: i === 0,
        });
      });
      return tenant;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw duplicateNit(nit);
    throw err;
  }
}

function duplicateNit(nit: string) {
  return new AppError(ErrorCode.DUPLICATE_TENANT_NIT, `a tenant with NIT ${nit} already exists`, [
    { path: 'nit', code: 'DUPLICATE_TENANT_NIT', message: 'already registered' },
  ]);
}
