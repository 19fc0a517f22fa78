import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError, type FieldIssue } from '../../core/errors.js';
import { UNSCOPED, requireAdmin } from '../../core/guards.js';
import { nitProblem } from '../../dte/index.js';
import type { CredentialRegistrar } from '../../hacienda/mh-services.js';
import { CertificateError, encryptSecret, importPemKeyPair, parseMhCertificate } from '../../signing/index.js';
import { Tenant } from '../tenants/tenant.entity.js';
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

function keysFrom(input: ImportCredentialInput, now: Date) {
  try {
    if (input.certificateXml) {
      if (!input.certificatePassword) throw new ValidationError([{ path: 'certificatePassword', code: 'REQUIRED', message: 'the certificate password is required with certificateXml' }]);
      const c = parseMhCertificate(input.certificateXml, input.certificatePassword, { now });
      return { nit: c.nit, privateKeyPem: c.privateKeyPem, publicKeyPem: c.publicKeyPem, notBefore: c.notBefore, notAfter: c.notAfter };
    }
    if (!input.privateKeyPem) throw new ValidationError([{ path: 'certificateXml', code: 'REQUIRED', message: 'give certificateXml (MH .crt) or privateKeyPem' }]);
    const k = importPemKeyPair(input.privateKeyPem, input.publicKeyPem ?? undefined);
    return { nit: null, privateKeyPem: k.privateKeyPem, publicKeyPem: k.publicKeyPem, notBefore: now, notAfter: new Date(now.getTime() + 365 * 86_400_000) };
  } catch (err) {
    if (err instanceof CertificateError) {
      const path = err.code === 'CERT_PASSWORD_MISMATCH' ? 'certificatePassword' : input.certificateXml ? 'certificateXml' : 'privateKeyPem';
      throw new ValidationError([{ path, code: err.code, message: err.message }]);
    }
    throw err;
  }
}

/** Imports (or replaces) a tenant's MH certificate and API credentials for one ambiente; secrets encrypted at rest. */
export async function importMhCredential(ctx: Context, masterKey: Buffer, input: ImportCredentialInput, register?: CredentialRegistrar): Promise<MhCredential> {
  requireAdmin(ctx);
  const em = ctx.em.fork();
  const tenant = await em.findOne(Tenant, { id: input.tenantId }, UNSCOPED);
  if (!tenant) throw new AppError(ErrorCode.NOT_FOUND, `tenant ${input.tenantId} not found`, [{ path: 'tenantId', code: 'NOT_FOUND', message: 'no such tenant' }]);
  const issues: FieldIssue[] = [];
  if (input.ambiente !== '00' && input.ambiente !== '01') issues.push({ path: 'ambiente', code: 'INVALID_AMBIENTE', message: 'must be 00 or 01' });
  const apiUser = (input.apiUser ?? tenant.mhApiUser ?? tenant.nit).replace(/-/g, '');
  if (nitProblem(apiUser)) issues.push({ path: 'apiUser', code: 'INVALID_NIT_FORMAT', message: 'the MH API user is a NIT' });
  if (!input.apiPassword || input.apiPassword.length < 8 || input.apiPassword.length > 64) issues.push({ path: 'apiPassword', code: 'INVALID_LENGTH', message: 'must have 8–64 characters' });
  if (issues.length) throw new ValidationError(issues);
  const keys = keysFrom(input, ctx.clock.now());
  if (keys.nit && keys.nit !== tenant.nit) throw new ValidationError([{ path: 'certificateXml', code: 'CERT_NIT_MISMATCH', message: `the certificate is for NIT ${keys.nit}, the tenant's NIT is ${tenant.nit}` }]);
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
  return cred;
}
