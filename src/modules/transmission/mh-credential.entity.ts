import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente } from '../../dte/model.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * A tenant's MH API user and signing certificate for one ambiente (test and production are accredited separately).
 * The API password and the private key are stored only encrypted (AES-256-GCM under FX_MASTER_KEY).
 */
export const MhCredentialSchema = defineEntity({
  name: 'MhCredential',
  tableName: 'mh_credential',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant),
    ambiente: p.string().length(2).$type<Ambiente>(),
    apiUser: p.string().length(14),
    apiPasswordEnc: p.text().lazy(),
    certificateNit: p.string().length(14),
    publicKeyPem: p.text(),
    privateKeyEnc: p.text().lazy(),
    notBefore: p.datetime(),
    notAfter: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['tenant', 'ambiente'] }],
});
export class MhCredential extends MhCredentialSchema.class {}
MhCredentialSchema.setClass(MhCredential);
