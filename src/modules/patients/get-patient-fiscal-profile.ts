import type { Context } from '../../context.js';
import { requireTenantScope } from '../../core/guards.js';
import { PatientProfile } from './patient-profile.entity.js';

/** The patient's fiscal profile in the caller's tenant, or null (another tenant's patient is never visible). */
export async function getPatientFiscalProfile(ctx: Context, patientId: string): Promise<PatientProfile | null> {
  requireTenantScope(ctx, 'patients:read');
  if (!patientId || patientId.length > 100) return null;
  return ctx.em.findOne(PatientProfile, { patientId });
}
