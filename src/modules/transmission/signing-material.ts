import type { EntityManager } from '@mikro-orm/postgresql';
import { UNSCOPED } from '../../core/guards.js';
import type { MhCredential as MhApiCredential } from '../../hacienda/index.js';
import { decryptSecret } from '../../signing/index.js';
import { MhCredential } from './mh-credential.entity.js';

export interface SigningMaterial {
  api: MhApiCredential;
  nit: string;
  privateKeyPem: string;
  publicKeyPem: string;
  notAfter: Date;
}

/** Decrypts what the pipeline needs to sign and transmit for (tenant, ambiente); null when nothing was imported. */
export async function loadSigningMaterial(
  em: EntityManager,
  masterKey: Buffer,
  tenantId: string,
  ambiente: '00' | '01',
): Promise<SigningMaterial | null> {
  const populate = ['apiPasswordEnc', 'privateKeyEnc'] as const;
  const cred = await em.findOne(MhCredential, { tenant: tenantId, ambiente }, { ...UNSCOPED, populate });
  if (!cred) return null;
  const aad = `${tenantId}:${ambiente}`;
  return {
    api: { user: cred.apiUser, password: decryptSecret(cred.apiPasswordEnc, masterKey, aad), ambiente },
    nit: cred.certificateNit,
    privateKeyPem: decryptSecret(cred.privateKeyEnc, masterKey, aad),
    publicKeyPem: cred.publicKeyPem,
    notAfter: cred.notAfter,
  };
}

const materialCache = new Map<string, { at: number; value: SigningMaterial | null }>();
const materialLoads = new Map<string, Promise<SigningMaterial | null>>();

/** Drops the cached material of (tenant, ambiente): a new import takes effect at once in this process. */
export function forgetSigningMaterial(tenantId: string, ambiente: '00' | '01'): void {
  materialCache.delete(`${tenantId}:${ambiente}`);
  materialLoads.delete(`${tenantId}:${ambiente}`);
}

/** Decrypted signing material, cached for a minute per (tenant, ambiente) so a burst doesn't decrypt per document. */
export async function cachedSigningMaterial(
  em: EntityManager,
  masterKey: Buffer,
  tenantId: string,
  ambiente: '00' | '01',
): Promise<SigningMaterial | null> {
  const key = `${tenantId}:${ambiente}`;
  const hit = materialCache.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  // The jobs of one claim ask together: one load serves them all. A load that an import superseded meanwhile
  // (forgetSigningMaterial) is not cached.
  let loading = materialLoads.get(key);
  if (!loading) {
    const load: Promise<SigningMaterial | null> = loadSigningMaterial(em.fork(), masterKey, tenantId, ambiente)
      .then((value) => {
        // "Nothing imported" is not cached: an import seen by another process takes effect at the next look.
        if (value && materialLoads.get(key) === load) materialCache.set(key, { at: Date.now(), value });
        return value;
      })
      .finally(() => {
        if (materialLoads.get(key) === load) materialLoads.delete(key);
      });
    materialLoads.set(key, (loading = load));
  }
  return loading;
}
