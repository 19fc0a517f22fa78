import type { Router } from 'express';
import type { App } from '../app.js';
import type { PatientProfile } from '../modules/patients/patient-profile.entity.js';
import { upsertPatientFiscalProfile } from '../modules/patients/upsert-patient-fiscal-profile.js';
import { contextOf } from './request.js';
import { assertShape } from './rest-shape.js';

function profileJson(p: PatientProfile) {
  return {
    patientId: p.patientId,
    tipoDocumento: p.tipoDocumento ?? null,
    numDocumento: p.numDocumento ?? null,
    nrc: p.nrc ?? null,
    nombre: p.nombre,
    nombreComercial: p.nombreComercial ?? null,
    codActividad: p.codActividad ?? null,
    descActividad: p.descActividad ?? null,
    direccion: p.direccion ?? null,
    telefono: p.telefono ?? null,
    correo: p.correo ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

const DIRECCION = { departamento: 'string', municipio: 'string', distrito: 'string', complemento: 'string' } as const;
const PROFILE_SHAPE = {
  patientId: 'string',
  tipoDocumento: 'string',
  numDocumento: 'string',
  nrc: 'string',
  nombre: 'string',
  nombreComercial: 'string',
  codActividad: 'string',
  descActividad: 'string',
  direccion: DIRECCION,
  telefono: 'string',
  correo: 'string',
} as const;

/** POST /api/receptores: the seed's receptor body plus SIGMA's `patientId` → the patient's fiscal profile. */
export function receptorRoutes(app: App, r: Router): void {
  r.post('/api/receptores', async (req, res) => {
    const ctx = await contextOf(app, req, res);
    assertShape(req.body ?? {}, PROFILE_SHAPE);
    const { patientId, ...profile } = (req.body ?? {}) as Record<string, unknown>;
    const saved = await upsertPatientFiscalProfile(
      ctx,
      typeof patientId === 'string' ? patientId : '',
      profile as never,
    );
    res.json(profileJson(saved));
  });
}
