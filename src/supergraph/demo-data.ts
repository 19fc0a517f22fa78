import type { App } from '../app.js';
import { UNSCOPED } from '../core/guards.js';
import { DEFAULT_TENANT_SCOPES } from '../modules/auth/scopes.js';
import { emitRequest } from '../modules/invoices/emit-request.js';
import { upsertPatientFiscalProfile } from '../modules/patients/upsert-patient-fiscal-profile.js';
import { mapServiceFiscal } from '../modules/services/map-service-fiscal.js';
import { Tenant } from '../modules/tenants/tenant.entity.js';
import { orThrow } from '../core/result.js';

/**
 * Gives the demo tenant the fiscal side of the demo SIGMA patients and services, and one invoice, so the newcomer's
 * first supergraph query returns data. Idempotent (upserts, and the invoice's referenciaExterna).
 */
export async function seedDemoFiscalData(app: App): Promise<boolean> {
  const demo = await app.db.orm.em.fork().findOne(Tenant, { isDemo: true }, UNSCOPED);
  if (!demo) return false;
  const ctx = app.contextFor({
    kind: 'apiKey',
    keyId: 'supergraph-demo',
    tenantId: demo.id,
    ambiente: '00',
    scopes: [...DEFAULT_TENANT_SCOPES],
  });
  await upsertPatientFiscalProfile(ctx, 'P-1001', {
    nombre: 'María José Rivas',
    tipoDocumento: '13',
    numDocumento: '12345678-4',
    correo: 'mjrivas@example.com',
  });
  await upsertPatientFiscalProfile(ctx, 'P-1002', {
    nombre: 'DROGUERÍA EL ALIVIO, S.A. DE C.V.',
    tipoDocumento: '36',
    numDocumento: '06140507071048',
    nrc: '1234567',
    codActividad: '46482',
    direccion: { departamento: '05', municipio: '24', distrito: '15', complemento: 'San Juan Opico, km 30 carretera' },
    correo: 'compras@elalivio.com.sv',
  });
  await mapServiceFiscal(ctx, 'SVC-CONSULTA-CARDIO', {
    descripcion: 'Consulta de especialidad (cardiología)',
    precio: '45.00',
  });
  await mapServiceFiscal(ctx, 'SVC-EKG', { descripcion: 'Electrocardiograma', precio: '25.00' });
  await mapServiceFiscal(ctx, 'LAB-HEMO', { descripcion: 'Hemograma completo', codigo: 'LAB-001', precio: '11.30' });
  const items = [{ serviceId: 'SVC-CONSULTA-CARDIO' }, { serviceId: 'LAB-HEMO' }];
  orThrow(await emitRequest(ctx, { referenciaExterna: 'SUPERGRAPH-DEMO-1', patientId: 'P-1001', items }));
  return true;
}
