import { defineEntity, p } from '@mikro-orm/core';
import type { Direccion } from '../../dte/index.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * A SIGMA patient's fiscal profile: who the DTE receptor is when an invoice names `patientId` instead of an inline
 * receptor. The patient itself is owned by SIGMA; only its id (opaque, SIGMA's) is kept here, per tenant.
 */
export const PatientProfileSchema = defineEntity({
  name: 'PatientProfile',
  tableName: 'patient_profile',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    patientId: p.string().length(100),
    /** CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carné de residente. */
    tipoDocumento: p.string().length(2).nullable(),
    numDocumento: p.string().length(20).nullable(),
    nrc: p.string().length(9).nullable(),
    nombre: p.string().length(250),
    nombreComercial: p.string().length(150).nullable(),
    codActividad: p.string().length(6).nullable(),
    descActividad: p.string().length(150).nullable(),
    direccion: p.json<Direccion>().nullable(),
    telefono: p.string().length(30).nullable(),
    correo: p.string().length(100).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'patient_profile_tenant_patient_unique', properties: ['tenant', 'patientId'] }],
});
export class PatientProfile extends PatientProfileSchema.class {}
PatientProfileSchema.setClass(PatientProfile);
