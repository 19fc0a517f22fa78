import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { App } from '../../app.js';
import { createApiKey } from '../auth/api-keys.js';
import { generateTestCertificate } from '../../signing/index.js';
import { importMhCredential } from '../transmission/credentials.js';
import { UNSCOPED } from '../../core/guards.js';
import { createTenant } from './create-tenant.js';
import { Tenant } from './tenant.entity.js';
import { orThrow } from '../../core/result.js';

/** Fictitious clinic: the NIT passes the MH check-digit routine but belongs to nobody we know of. */
export const DEMO_TENANT = {
  nit: '06140101901015',
  nrc: '1234567',
  nombre: 'CLÍNICA DEMO SIGMA, S.A. DE C.V.',
  nombreComercial: 'Clínica Demo SIGMA',
  codActividad: '86201',
  descActividad: 'Clínicas médicas',
  direccion: {
    departamento: '06',
    municipio: '23',
    distrito: '14',
    complemento: 'Colonia Escalón, Paseo General Escalón #1234',
  },
  telefono: '22223333',
  correo: 'facturacion@clinica-demo.example',
  ambiente: '00' as const,
  isDemo: true,
};

/**
 * First start against an empty embedded database (no tenant yet) (never in production): create the demo tenant and a
 * test key. The raw key is kept in dataDir (mode 0600) only so that later starts can print it again for the newcomer.
 */
export async function ensureDemoTenant(app: App): Promise<string | null> {
  if (app.config.env === 'production' || !app.db.embedded) return null;
  const file = path.join(app.config.dataDir, 'demo-api-key');
  const tenants = await app.db.orm.em.fork().count(Tenant, {}, UNSCOPED);
  if (tenants > 0) return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  const admin = app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
  const tenant = await createTenant(admin, DEMO_TENANT);
  const { secret } = await createApiKey(admin, {
    tenantId: tenant.id,
    name: 'demo (printed at first start)',
    ambiente: '00',
  });
  // A generated MH-shaped test certificate and API password, so the demo's documents get signed and sealed (sandbox).
  const password = randomBytes(12).toString('base64url');
  const cert = generateTestCertificate({
    nit: tenant.nit,
    nrc: tenant.nrc,
    nombre: tenant.nombre,
    password,
    validDays: 365,
  });
  const credential = {
    tenantId: tenant.id,
    ambiente: '00' as const,
    certificateXml: cert.xml,
    certificatePassword: password,
    apiPassword: `Demo-${password}`,
  };
  orThrow(await importMhCredential(admin, app.mh.masterKey, credential, app.mh.register));
  mkdirSync(app.config.dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  app.log.info({ tenantId: tenant.id, nit: tenant.nit }, 'demo tenant created');
  return secret;
}
