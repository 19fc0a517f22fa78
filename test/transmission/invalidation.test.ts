import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidationDeadline } from '../../src/dte/index.js';
import { importMhCredential } from '../../src/modules/transmission/credentials.js';
import { MhCredential } from '../../src/modules/transmission/mh-credential.entity.js';
import { invalidateInvoice, type InvalidateInvoiceInput } from '../../src/modules/transmission/invalidate-invoice.js';
import { generateTestCertificate } from '../../src/signing/index.js';
import { provisionTenant, type TestApp } from '../helpers/app.js';
import {
  INVALIDATION_PEOPLE as people,
  emit,
  facturaBody,
  invalidate,
  startWithPipelineTenant,
  tenantWithCredential,
  waitForStatus,
  type PipelineTenant,
} from '../helpers/pipeline.js';
import { orThrow } from '../../src/core/result.js';
import { withContext } from '../../src/context.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

async function processed() {
  const inv = await emit(tt, facturaBody());
  const [done] = await waitForStatus(t, [inv.id], ['PROCESSED', 'REJECTED']);
  expect(done!.status).toBe('PROCESSED');
  return done!;
}
async function refused(input: InvalidateInvoiceInput, ctx = tt.ctx()) {
  const r = await invalidateInvoice(ctx, input);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('invalidation (Invalidación v3)', () => {
  it('tipo 2 (rescindir): the event is signed, sealed by MH, and the document becomes INVALIDATED', async () => {
    const inv = await processed();
    const out = await invalidate(tt.ctx(), {
      invoiceId: inv.id,
      tipoAnulacion: 2,
      motivoAnulacion: 'Paciente canceló el servicio',
      ...people,
    });
    expect(out.status).toBe('INVALIDATED');
    expect(out.invalidation).toMatchObject({ tipoAnulacion: 2, codigoGeneracionR: null });
    expect(String(out.invalidation!.selloRecibido)).toMatch(/^[A-Z0-9]{40}$/);
    expect(t.app.mh.sandbox!.receptions(String(out.invalidation!.codigoGeneracion))).toBe(1);
  });

  it('tipo 1 needs the replacement document, already PROCESSED, and records it', async () => {
    const inv = await processed();
    const missing = await refused({ invoiceId: inv.id, tipoAnulacion: 1, ...people });
    expect(missing.issues).toContainEqual(expect.objectContaining({ path: 'replacementInvoiceId', code: 'REQUIRED' }));
    const replacement = await processed();
    const out = await invalidate(tt.ctx(), {
      invoiceId: inv.id,
      tipoAnulacion: 1,
      motivoAnulacion: 'Nombre del receptor incorrecto',
      replacementInvoiceId: replacement.id,
      ...people,
    });
    expect(out.invalidation).toMatchObject({ codigoGeneracionR: replacement.codigoGeneracion });
  });

  it("enforces MH's deadline for the type: an FE is invalidable for 3 months, not after", async () => {
    const inv = await processed();
    expect(inv.invalidationDeadline).toBe(invalidationDeadline('01', inv.fecEmi));
    const late = new Date(`${inv.invalidationDeadline}T12:00:00-06:00`);
    late.setUTCDate(late.getUTCDate() + 1);
    const e = await refused(
      { invoiceId: inv.id, tipoAnulacion: 2, ...people },
      withContext(tt.ctx(), { clock: { now: () => late } }),
    );
    expect(e.code).toBe('DEADLINE_PASSED');
    const lastDay = new Date(`${inv.invalidationDeadline}T23:00:00-06:00`);
    const onLastDay = withContext(tt.ctx(), { clock: { now: () => lastDay } });
    const ok = await invalidate(onLastDay, { invoiceId: inv.id, tipoAnulacion: 2, ...people });
    expect(ok.status).toBe('INVALIDATED');
  });

  it('refuses a document that is not PROCESSED, and one of another tenant', async () => {
    t.app.mh.sandbox!.setFault({ rejectNext: 1 }, tt.nit);
    const rejected = (await waitForStatus(t, [(await emit(tt, facturaBody())).id], ['REJECTED', 'PROCESSED']))[0]!;
    expect(rejected.status).toBe('REJECTED');
    expect((await refused({ invoiceId: rejected.id, tipoAnulacion: 2, ...people })).code).toBe('INVALID_STATE');
    const other = await tenantWithCredential(t);
    const inv = await processed();
    expect((await refused({ invoiceId: inv.id, tipoAnulacion: 2, ...people }, other.ctx())).code).toBe('NOT_FOUND');
  });
});

describe('certificate import', () => {
  it('refuses a wrong certificate password with a typed error, writing nothing', async () => {
    const { tenantId } = await provisionTenant(t);
    const admin = t.app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
    const tenant = (await t.app.db.orm.em
      .fork()
      .findOneOrFail('Tenant' as never, { id: tenantId } as never, { filters: false })) as { nit: string };
    const cert = generateTestCertificate({ nit: tenant.nit, password: 'right-password-1', validDays: 10 });
    const r = await importMhCredential(admin, t.app.mh.masterKey, {
      tenantId,
      ambiente: '00',
      certificateXml: cert.xml,
      certificatePassword: 'wrong-password-2',
      apiPassword: 'Api-password-1',
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    const mismatch = expect.objectContaining({ path: 'certificatePassword', code: 'CERT_PASSWORD_MISMATCH' });
    expect(!r.ok && r.error.issues).toContainEqual(mismatch);
    expect(await t.app.db.orm.em.fork().count(MhCredential, { tenant: tenantId }, { filters: false })).toBe(0);
  });

  it('importMhCredential (admin GraphQL): typed error on a wrong password, the credential on success', async () => {
    const { tenantId } = await provisionTenant(t);
    const tenant = (await t.app.db.orm.em
      .fork()
      .findOneOrFail('Tenant' as never, { id: tenantId } as never, { filters: false })) as { nit: string };
    const cert = generateTestCertificate({ nit: tenant.nit, password: 'right-password-1', validDays: 10 });
    const M = `mutation($i: ImportMhCredentialInput!) { importMhCredential(input: $i) { __typename
      ... on MhCredential { ambiente apiUser certificateNit notAfter }
        ... on UserError { code issues { path code } } } }`;
    const base = { tenantId, ambiente: '00', certificateXml: cert.xml, apiPassword: 'Api-password-1' };
    const bad = await t.gql(M, { i: { ...base, certificatePassword: 'nope-nope-1' } }, { 'x-api-key': t.adminKey });
    expect(bad.body.data.importMhCredential).toEqual({
      __typename: 'ValidationFailed',
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'certificatePassword', code: 'CERT_PASSWORD_MISMATCH' }],
    });
    const ok = await t.gql(M, { i: { ...base, certificatePassword: 'right-password-1' } }, { 'x-api-key': t.adminKey });
    expect(ok.body.data.importMhCredential).toMatchObject({
      __typename: 'MhCredential',
      ambiente: '00',
      apiUser: tenant.nit,
      certificateNit: tenant.nit,
    });
  });

  it('stores the private key and API password only encrypted', async () => {
    const { tenantId } = await provisionTenant(t);
    const admin = t.app.contextFor({ kind: 'admin', keyId: null, scopes: ['platform:admin'] });
    const tenant = (await t.app.db.orm.em
      .fork()
      .findOneOrFail('Tenant' as never, { id: tenantId } as never, { filters: false })) as { nit: string };
    const password = randomBytes(8).toString('hex');
    const cert = generateTestCertificate({ nit: tenant.nit, password, validDays: 10 });
    orThrow(
      await importMhCredential(admin, t.app.mh.masterKey, {
        tenantId,
        ambiente: '00',
        certificateXml: cert.xml,
        certificatePassword: password,
        apiPassword: 'Api-Secret-Pass-9',
      }),
    );
    const rows = await t.app.db.orm.em
      .getConnection()
      .execute<{ j: string }[]>(`select row_to_json(c)::text as j from mh_credential c where tenant_id = ?`, [
        tenantId,
      ]);
    const dump = rows.map((r) => r.j).join('');
    expect(dump).not.toContain('Api-Secret-Pass-9');
    expect(dump).not.toContain(cert.privateKeyPem.split('\n')[1]!.slice(0, 40));
    expect(dump).toContain('v1:');
  });
});
