import type { Context } from '../../context.js';
import { ValidationError } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { catalogs } from '../../dte/index.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { PatientProfile } from './patient-profile.entity.js';
import { fiscalProfileIssues, type FiscalProfileInput } from './patient-profile.validation.js';

const digits = (s: string | null | undefined) => (s ? s.replace(/-/g, '') : null);

export function checkPatientId(patientId: string, path = 'patientId'): void {
  if (!patientId?.trim() || patientId.length > 100)
    throw new ValidationError([{ path, code: 'INVALID_LENGTH', message: 'patientId needs 1–100 characters' }]);
}

/**
 * Creates or replaces the fiscal profile (DTE receptor) of a SIGMA patient, after the identity-document and catalog
 * checks. Idempotent: the same input twice leaves one profile.
 */
export async function upsertPatientFiscalProfile(
  ctx: Context,
  patientId: string,
  input: FiscalProfileInput,
): Promise<PatientProfile> {
  const tenantId = requireTenantScope(ctx, 'patients:write');
  checkPatientId(patientId);
  const issues = fiscalProfileIssues(input);
  if (issues.length) throw new ValidationError(issues);
  const values = {
    tipoDocumento: input.tipoDocumento ?? null,
    numDocumento: input.tipoDocumento === '36' ? digits(input.numDocumento) : (input.numDocumento ?? null),
    nrc: digits(input.nrc),
    nombre: input.nombre.trim(),
    nombreComercial: input.nombreComercial ?? null,
    codActividad: input.codActividad ?? null,
    descActividad:
      input.descActividad ??
      (input.codActividad ? (catalogs.ACTIVIDADES_ECONOMICAS[input.codActividad] ?? null) : null),
    direccion: input.direccion ?? null,
    telefono: input.telefono ?? null,
    correo: input.correo ?? null,
  };
  const em = ctx.em.fork();
  // One statement: concurrent upserts of the same patient never create two rows (unique tenant + patient).
  await em.upsert(
    PatientProfile,
    { tenant: em.getReference(Tenant, tenantId), patientId, ...values },
    { onConflictFields: ['tenant', 'patientId'], onConflictExcludeFields: ['id', 'createdAt'] },
  );
  return em.fork().findOneOrFail(PatientProfile, { patientId });
}
