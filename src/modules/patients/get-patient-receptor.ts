import type { Context } from '../../context.js';
import type { SigmaRecord } from '../sigma/sigma-directory.js';
import { getPatientFiscalProfile } from './get-patient-fiscal-profile.js';
import { resolvePatientReceptor } from './patient-receptor.js';

/**
 * Patient.receptor: the entity representation the gateway sends carries SIGMA's configured fields (`@requires`);
 * the tenant's stored fiscal profile overrides them field by field.
 */
export async function getPatientReceptor(ctx: Context, patient: SigmaRecord & { id: string }) {
  const profile = await getPatientFiscalProfile(ctx, patient.id);
  return resolvePatientReceptor(ctx.sigma.fields, patient, profile);
}
