import type { Context } from '../../context.js';
import { ErrorCode, type FieldIssue } from '../../core/errors.js';
import { fail, ok, type Failure, type Result } from '../../core/result.js';
import type { Ambiente } from '../../dte/index.js';
import type { ProcessedOutcome } from '../../hacienda/index.js';
import { cachedSigningMaterial } from './signing-material.js';

/** The Invalidación event's version (MH's v3 layout). */
const INVALIDACION_VERSION = 3;

export interface Person {
  nombre: string;
  /** CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carnet de residente. */
  tipoDocumento: string;
  numDocumento: string;
}

/** MH's Invalidación names who is responsible for it and who asked for it; each needs a name and a document. */
export function peopleIssues(people: { responsable: Person; solicitante: Person }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [k, p] of [
    ['responsable', people.responsable],
    ['solicitante', people.solicitante],
  ] as const) {
    if (!p?.nombre?.trim()) issues.push({ path: `${k}.nombre`, code: 'REQUIRED', message: 'is required' });
    if (!p?.tipoDocumento) {
      issues.push({ path: `${k}.tipoDocumento`, code: 'REQUIRED', message: 'is required (CAT-022)' });
    }
    if (!p?.numDocumento) issues.push({ path: `${k}.numDocumento`, code: 'REQUIRED', message: 'is required' });
  }
  return issues;
}

/** What can go wrong once an Invalidación is built: no credential to sign it, MH refuses it, or MH does not answer. */
export type InvalidationSendFailure = Failure<
  ErrorCode.NO_MH_CREDENTIAL | ErrorCode.MH_REJECTED | ErrorCode.MH_UNAVAILABLE
>;

/**
 * Signs an Invalidación event with the tenant's certificate for the ambiente and sends it to MH's anulardte, waiting
 * for the answer: MH's sello, or why nothing changed. `path` names the input field MH's observaciones are about.
 */
export async function sendInvalidation(
  ctx: Context,
  tenantId: string,
  ambiente: Ambiente,
  event: Record<string, unknown>,
  path: string,
): Promise<Result<ProcessedOutcome, InvalidationSendFailure>> {
  const material = await cachedSigningMaterial(ctx.em, ctx.mh.masterKey, tenantId, ambiente);
  if (!material) return fail(ErrorCode.NO_MH_CREDENTIAL, 'no MH certificate/credential imported for this ambiente');
  const jws = await ctx.mh.signer.sign(event, material.privateKeyPem);
  const idEnvio = Date.now() % 2_000_000_000;
  const request = { ambiente, idEnvio, version: INVALIDACION_VERSION, documento: jws };
  const o = await ctx.mh.client.anularDte(material.api, request);
  if (o.kind === 'rejected') {
    const obs = o.observaciones.length ? o.observaciones : [o.descripcionMsg ?? 'rechazado'];
    const issues = obs.map((m) => ({ path, code: o.codigoMsg ?? 'MH_REJECTED', message: m }));
    return fail(ErrorCode.MH_REJECTED, `MH rejected the invalidation: ${obs.join('; ')}`, issues);
  }
  if (o.kind !== 'processed') {
    const message = `MH did not answer the invalidation (${o.reason}); nothing changed, try again`;
    return fail(ErrorCode.MH_UNAVAILABLE, message);
  }
  return ok(o);
}
