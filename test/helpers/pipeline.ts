import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from '../../src/context.js';
import { emitInvoice } from '../../src/modules/invoices/emit-invoice.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { importMhCredential } from '../../src/modules/transmission/credentials.js';
import { invalidateInvoice, type InvalidateInvoiceInput } from '../../src/modules/transmission/invalidate-invoice.js';
import { generateTestCertificate } from '../../src/signing/index.js';
import { Tenant } from '../../src/modules/tenants/tenant.entity.js';
import { provisionTenant, startTestApp, type TestApp } from './app.js';
import { orThrow } from '../../src/core/result.js';

export interface PipelineTenant {
  tenantId: string;
  apiKey: string;
  nit: string;
  publicKeyPem: string;
  ctx(): Context;
}

/** Imports a generated MH test certificate and API password (ambiente 00) for the tenant; the sandbox learns them. */
export async function importTestCredential(
  t: TestApp,
  tenantId: string,
): Promise<{ nit: string; publicKeyPem: string }> {
  const admin = t.app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
  const tenant = await t.app.db.orm.em.fork().findOneOrFail(Tenant, { id: tenantId }, { filters: false });
  const password = randomBytes(9).toString('base64url');
  const cert = generateTestCertificate({ nit: tenant.nit, nrc: tenant.nrc, password, validDays: 30 });
  const input = {
    tenantId,
    ambiente: '00' as const,
    certificateXml: cert.xml,
    certificatePassword: password,
    apiPassword: `Api-${password}`,
  };
  orThrow(await importMhCredential(admin, t.app.mh.masterKey, input, t.app.mh.register));
  return { nit: tenant.nit, publicKeyPem: cert.publicKeyPem };
}

/** A tenant with an API key and an imported MH test certificate + API password, registered with the sandbox. */
export async function tenantWithCredential(t: TestApp): Promise<PipelineTenant> {
  const { tenantId, apiKey, keyId } = await provisionTenant(t);
  const cert = await importTestCredential(t, tenantId);
  return {
    tenantId,
    apiKey,
    nit: cert.nit,
    publicKeyPem: cert.publicKeyPem,
    ctx: () =>
      t.app.contextFor({
        kind: 'apiKey',
        keyId,
        tenantId,
        ambiente: '00',
        scopes: ['invoices:emit', 'invoices:read', 'invoices:invalidate'],
      }),
  };
}

/** The real service with its worker and one tenant ready to emit, sign and transmit (to the MH sandbox). */
export async function startWithPipelineTenant(): Promise<{ t: TestApp; tt: PipelineTenant }> {
  const t = await startTestApp({}, { worker: true });
  return { t, tt: await tenantWithCredential(t) };
}

/** The responsable and solicitante an Invalidación names (valid DUIs). */
export const INVALIDATION_PEOPLE = {
  responsable: { nombre: 'Ana Responsable', tipoDocumento: '13', numDocumento: '12345678-4' },
  solicitante: { nombre: 'Luis Solicitante', tipoDocumento: '13', numDocumento: '12345678-4' },
};

/** Invalidates through the use case; a refusal is thrown as the AppError the edges answer with. */
export async function invalidate(ctx: Context, input: InvalidateInvoiceInput): Promise<Invoice> {
  return orThrow(await invalidateInvoice(ctx, input));
}

let seq = 0;
/** The documented FE example with a unique referenciaExterna. */
export function facturaBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body = JSON.parse(readFileSync(new URL('../../examples/dte/01-factura.json', import.meta.url), 'utf8'));
  return { ...body, referenciaExterna: `T-${Date.now()}-${++seq}-${randomBytes(3).toString('hex')}`, ...overrides };
}

export async function emit(tt: PipelineTenant, body = facturaBody()): Promise<Invoice> {
  return orThrow(await emitInvoice(tt.ctx(), body)).invoice;
}

export async function reload(t: TestApp, id: string): Promise<Invoice> {
  return t.app.db.orm.em.fork().findOneOrFail(Invoice, { id }, { filters: false });
}

/** Polls until every invoice reaches one of `statuses` (or the time runs out, then returns what it has). */
export async function waitForStatus(
  t: TestApp,
  ids: string[],
  statuses: string[],
  timeoutMs = 30_000,
): Promise<Invoice[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await t.app.db.orm.em.fork().find(Invoice, { id: { $in: ids } }, { filters: false });
    if (rows.length === ids.length && rows.every((r) => statuses.includes(r.status)))
      return ids.map((id) => rows.find((r) => r.id === id)!);
    if (Date.now() > deadline) return ids.map((id) => rows.find((r) => r.id === id)!);
    await new Promise((r) => setTimeout(r, 100));
  }
}
