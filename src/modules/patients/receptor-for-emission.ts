import type { Context } from '../../context.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import { fail, invalid, ok, type Failure, type Result } from '../../core/result.js';
import { requireTenantScope } from '../../core/guards.js';
import { getPatientFiscalProfile } from './get-patient-fiscal-profile.js';
import { resolvePatientReceptor } from './patient-receptor.js';

type Obj = Record<string, unknown>;

/** SIGMA's patient read server to server; when SIGMA cannot answer, a stored profile alone still serves. */
async function sigmaPatient(ctx: Context, patientId: string, tenantId: string, hasProfile: boolean) {
  try {
    return await ctx.sigma.patient(patientId, tenantId);
  } catch (e) {
    if (!hasProfile || !(e instanceof AppError)) throw e;
    ctx.log.warn({ patientId, err: e.message }, 'SIGMA unavailable: emitting with the stored fiscal profile alone');
    return null;
  }
}

/**
 * The receptor of an emission by `patientId` with no inline receptor: SIGMA's patient (read server to server when
 * FX_SIGMA_URL is set) overridden field by field by the stored fiscal profile. Data MH would refuse (a DUI with a
 * wrong check digit) is a validation error naming `receptor.<field>` and its source, never an emitted document.
 * Null when nothing is known: the document goes to a consumidor final.
 */
export async function receptorForEmission(
  ctx: Context,
  patientId: string,
): Promise<Result<Obj | null, Failure<ErrorCode.NOT_FOUND | ErrorCode.VALIDATION_FAILED>>> {
  const tenantId = requireTenantScope(ctx, 'patients:read');
  const profile = await getPatientFiscalProfile(ctx, patientId);
  const patient = ctx.sigma.readsPatients ? await sigmaPatient(ctx, patientId, tenantId, !!profile) : null;
  if (ctx.sigma.readsPatients && !patient && !profile) {
    return fail(ErrorCode.NOT_FOUND, `patient ${patientId} is not known to SIGMA and has no fiscal profile`, [
      { path: 'patientId', code: 'NOT_FOUND', message: `SIGMA has no patient ${patientId}` },
    ]);
  }
  const r = resolvePatientReceptor(ctx.sigma.fields, patient, profile);
  if (r.issues.length) {
    return invalid(r.issues.map((i) => ({ ...i, path: i.path ? `receptor.${i.path}` : 'receptor' })));
  }
  return ok(r.sources.length ? (r.receptor as Obj) : null);
}
