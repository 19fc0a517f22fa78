import { randomUUID } from 'node:crypto';
import { generateTestCertificate, signDte, type TestCertificate } from '../../src/signing/index.js';
import { svDate, svDateTimeParts } from '../../src/hacienda/time.js';
import type { Ambiente, MhCredential } from '../../src/hacienda/index.js';

/** Shared fixtures for the hacienda tests (each test file builds its own sandbox and tenants). */
export interface TestTenant {
  nit: string;
  cert: TestCertificate;
  cred: MhCredential;
}

let counter = 0;
export function makeTenant(ambiente: Ambiente = '00'): TestTenant {
  counter++;
  const nit = `0614${String(Date.now() % 1e6).padStart(6, '0')}${String(counter).padStart(3, '0')}1`;
  const cert = generateTestCertificate({ nit, password: 'firma', validDays: 30 });
  return { nit, cert, cred: { user: nit, password: `Api.Pass#${counter}x2026`, ambiente } };
}

export function nowSv(at = new Date()): { fecEmi: string; horEmi: string } {
  const t = svDateTimeParts(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return { fecEmi: svDate(at), horEmi: `${p(t.hour)}:${p(t.minute)}:${p(t.second)}` };
}

/** A minimal FE-shaped document: enough for the sandbox's identity/date rules (validation is injected per test). */
export function makeDte(
  tenant: TestTenant,
  over: Record<string, unknown> = {},
  ambiente: Ambiente = tenant.cred.ambiente,
) {
  const codigoGeneracion = randomUUID().toUpperCase();
  return {
    identificacion: {
      version: 2,
      ambiente,
      tipoDte: '01',
      numeroControl: 'DTE-01-M001P001-000000000000001',
      codigoGeneracion,
      tipoModelo: 1,
      tipoOperacion: 1,
      tipoContingencia: null,
      motivoContin: null,
      ...nowSv(),
      tipoMoneda: 'USD',
      ...over,
    },
    emisor: { nit: tenant.nit, nombre: 'CLINICA DE PRUEBA' },
    resumen: { totalPagar: 10 },
  };
}

export type TestDte = ReturnType<typeof makeDte>;

export async function recepcionRequest(tenant: TestTenant, doc: TestDte, idEnvio = 1) {
  const id = doc.identificacion;
  return {
    ambiente: id.ambiente as Ambiente,
    idEnvio,
    version: id.version as number,
    tipoDte: id.tipoDte as string,
    codigoGeneracion: id.codigoGeneracion as string,
    documento: await signDte(doc, tenant.cert.privateKey),
  };
}
