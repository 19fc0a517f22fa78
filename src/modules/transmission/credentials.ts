import type { Context } from '../../context.js';
import { ErrorCode, type FieldIssue } from '../../core/errors.js';
import { UNSCOPED, requireAdmin } from '../../core/guards.js';
import { invalid, ok, type Failure, type Result } from '../../core/result.js';
import { nitProblem } from '../../dte/index.js';
import type { CredentialRegistrar } from '../../hacienda/mh-services.js';
import { CertificateError, encryptSecret, importPemKeyPair, parseMhCertificate } from '../../signing/index.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { tenantNotFound } from '../tenants/tenant.errors.js';
import { MhCredential } from './mh-credential.entity.js';
import { forgetSigningMaterial } from './signing-material.js';
import { wakeBlockedTransmissions } from './wake-blocked.js';

export interface ImportCredentialInput {
  tenantId: string;
  ambiente: '00' | '01';
  /** MH's `.crt` XML and the certificate password (its SHA-512 must match `<clave>`), or PEM keys. */
  certificateXml?: string | null;
  certificatePassword?: string | null;
  privateKeyPem?: string | null;
  publicKeyPem?: string | null;
  /** MH API user (the NIT) and password, for /seguridad/auth. */
  apiUser?: string | null;
  apiPassword: string;
}

interface ImportedKeys {
  nit: string | null;
  privateKeyPem: string;
  publicKeyPem: string;
  notBefore: Date;
  notAfter: Date;
}

type KeysFailure = Failure<ErrorCode.VALIDATION_FAILED>;

function keysFrom(input: ImportCredentialInput, now: Date): Result<ImportedKeys, KeysFailure> {
  if (input.certificateXml && !input.certificatePassword) {
    const message = 'the certificate password is required with certificateXml';
    return invalid([{ path: 'certificatePassword', code: 'REQUIRED', message }]);
  }
  if (!input.certificateXml && !input.privateKeyPem) {
    const message = 'give certificateXml (MH .crt) or privateKeyPem';
    return invalid([{ path: 'certificateXml', code: 'REQUIRED', message }]);
  }
  try {
    if (input.certificateXml) {
      const c = parseMhCertificate(input.certificateXml, input.certificatePassword!, { now });
      const { nit, privateKeyPem, publicKeyPem, notBefore, notAfter } = c;
      return ok({ nit, privateKeyPem, publicKeyPem, notBefore, notAfter });
    }
    const k = importPemKeyPair(input.privateKeyPem!, input.publicKeyPem ?? undefined);
    const notAfter = new Date(now.getTime() + 365 * 86_400_000);
    return ok({ nit: null, privateKeyPem: k.privateKeyPem, publicKeyPem: k.publicKeyPem, notBefore: now, notAfter });
  } catch (err) {
    // The signing layer refuses a certificate or key by throwing its own typed error: named here by input field.
    if (!(err instanceof CertificateError)) throw err;
    const given = input.certificateXml ? 'certificateXml' : 'privateKeyPem';
    const path = err.code === 'CERT_PASSWORD_MISMATCH' ? 'certificatePassword' : given;
    return invalid([{ path, code: err.code, message: err.message }]);
  }
}

/** Why a credential is not imported: no such tenant, or an input (password, certificate, key, NIT) breaks a rule. */
export type ImportCredentialFailure = Failure<ErrorCode.NOT_FOUND | ErrorCode.VALIDATION_FAILED>;

/** Imports (or replaces) a tenant's MH certificate and API credentials for one ambiente; secrets encrypted at rest. */
export async function importMhCredential(
  ctx: Context,
  masterKey: Buffer,
  input: ImportCredentialInput,
  register?: CredentialRegistrar,
): Promise<Result<MhCredential, ImportCredentialFailure>> {
  requireAdmin(ctx);
  const em = ctx.em.fork();
  const tenant = await em.findOne(Tenant, { id: input.tenantId }, UNSCOPED);
  if (!tenant) return tenantNotFound(input.tenantId);
  const issues: FieldIssue[] = [];
  if (input.ambiente !== '00' && input.ambiente !== '01')
    issues.push({ path: 'ambiente', code: 'INVALID_AMBIENTE', message: 'must be 00 or 01' });
  const apiUser = (input.apiUser ?? tenant.mhApiUser ?? tenant.nit).replace(/-/g, '');
  if (nitProblem(apiUser))
    issues.push({ path: 'apiUser', code: 'INVALID_NIT_FORMAT', message: 'the MH API user is a NIT' });
  if (!input.apiPassword || input.apiPassword.length < 8 || input.apiPassword.length > 64)
    issues.push({ path: 'apiPassword', code: 'INVALID_LENGTH', message: 'must have 8–64 characters' });
  if (issues.length) return invalid(issues);
  const imported = keysFrom(input, ctx.clock.now());
  if (!imported.ok) return imported;
  const keys = imported.value;
  if (keys.nit && keys.nit !== tenant.nit) {
    const message = `the certificate is for NIT ${keys.nit}, the tenant's NIT is ${tenant.nit}`;
    return invalid([{ path: 'certificateXml', code: 'CERT_NIT_MISMATCH', message }]);
  }
  const aad = `${tenant.id}:${input.ambiente}`;
  let cred = await em.findOne(MhCredential, { tenant, ambiente: input.ambiente }, UNSCOPED);
  const data = {
    apiUser,
    apiPasswordEnc: encryptSecret(input.apiPassword, masterKey, aad),
    certificateNit: tenant.nit,
    publicKeyPem: keys.publicKeyPem,
    privateKeyEnc: encryptSecret(keys.privateKeyPem, masterKey, aad),
    notBefore: keys.notBefore,
    notAfter: keys.notAfter,
  };
  if (cred) Object.assign(cred, data);
  else cred = em.create(MhCredential, { tenant, ambiente: input.ambiente, ...data });
  await em.flush();
  forgetSigningMaterial(tenant.id, input.ambiente);
  register?.({ nit: apiUser, password: input.apiPassword, publicKeyPem: keys.publicKeyPem, ambiente: input.ambiente });
  await wakeBlockedTransmissions(em, tenant.id, input.ambiente);
  return ok(cred);
}
