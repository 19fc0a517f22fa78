import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceEmail } from '../../src/modules/email/invoice-email.entity.js';
import { Tenant } from '../../src/modules/tenants/tenant.entity.js';
import { type TestApp } from '../helpers/app.js';
import { emit, facturaBody, waitForStatus, type PipelineTenant, startWithPipelineTenant } from '../helpers/pipeline.js';

// A logo that only looks like an image is refused at upload; a broken one already stored, or any rendering failure,
// never blocks the PDF link, the e-mail or the webhooks.
let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

const U =
  `mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: ` +
  `$i) { __typename ... on UserError { issues { path code message } } } }`;
const update = (logoBase64: string) => t.gql(U, { id: tt.tenantId, i: { logoBase64 } }, { 'x-api-key': t.adminKey });

function png(width: number, height: number): Buffer {
  const p = new PNG({ width, height });
  p.data.fill(0x80);
  return PNG.sync.write(p);
}

/** A PNG whose chunks are well-formed (valid CRCs) but whose compressed pixels are garbage. */
function pngWithBrokenPixels(): Buffer {
  const b = Buffer.from(png(24, 24));
  let at = 8;
  while (b.toString('latin1', at + 4, at + 8) !== 'IDAT') at += 12 + b.readUInt32BE(at);
  const len = b.readUInt32BE(at);
  for (let i = at + 10; i < at + 8 + len; i++) b[i] = 0xa5;
  b.writeUInt32BE(crc32(b.subarray(at + 4, at + 8 + len)) >>> 0, at + 8 + len);
  return b;
}

const storedLogo = async () =>
  (await t.app.db.orm.em.fork().findOneOrFail(Tenant, { id: tt.tenantId }, { filters: false, populate: ['logo'] }))
    .logo;

describe('tenant logos are decoded and re-encoded on upload', () => {
  it('refuses a PNG signature followed by garbage, and pixels that do not decompress', async () => {
    for (const bad of [
      Buffer.concat([png(2, 2).subarray(0, 8), Buffer.from('garbage '.repeat(20))]),
      pngWithBrokenPixels(),
    ]) {
      const r = await update(bad.toString('base64'));
      expect(r.body.data.updateTenant.__typename).toBe('ValidationFailed');
      expect(r.body.data.updateTenant.issues).toMatchObject([{ path: 'logoBase64', code: 'INVALID_IMAGE' }]);
    }
    expect(await storedLogo()).toBeNull();
  });

  it('refuses an image too large in pixels before decoding it', async () => {
    const r = await update(png(4000, 1).toString('base64'));
    expect(r.body.data.updateTenant.issues).toMatchObject([{ path: 'logoBase64', code: 'IMAGE_TOO_LARGE' }]);
  });

  it('accepts a real JPEG and stores it re-encoded as PNG', async () => {
    const raw = { width: 16, height: 8, data: Buffer.alloc(16 * 8 * 4, 0x40) };
    const r = await update(jpeg.encode(raw, 90).data.toString('base64'));
    expect(r.body.data.updateTenant.__typename).toBe('Tenant');
    const stored = Buffer.from((await storedLogo())!);
    expect(PNG.sync.read(stored)).toMatchObject({ width: 16, height: 8 });
  });
});

describe('a rendering failure never blocks documents, e-mail or webhooks', () => {
  it('a corrupt logo stored before the check: the PDF is printed without it, the e-mail goes out with it', async () => {
    // written behind the API's back, as an old version would have stored it (this one even crashed the PDF library)
    await t.app.db.orm.em
      .getConnection()
      .execute('update tenant set logo = ? where id = ?', [pngWithBrokenPixels(), tt.tenantId]);
    const inv = await emit(tt);
    expect((await waitForStatus(t, [inv.id], ['PROCESSED']))[0]!.status).toBe('PROCESSED');
    const pdf = await fetch(`${t.url}/api/facturas/${inv.id}/pdf`, { headers: { 'x-api-key': tt.apiKey } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const mail = await waitForEmail(inv.id, (m) => m.status !== 'PENDING');
    expect(mail).toMatchObject({ status: 'WRITTEN_TO_OUTBOX', pdfOmittedReason: null });
  });

  it('a document the renderer cannot read: the e-mail goes with the JSON only, says why, does not retry', async () => {
    const inv = await emit(tt, facturaBody());
    expect((await waitForStatus(t, [inv.id], ['PROCESSED']))[0]!.status).toBe('PROCESSED');
    await waitForEmail(inv.id, (m) => m.status !== 'PENDING');
    const conn = t.app.db.orm.em.getConnection();
    await conn.execute(
      `update invoice set document = jsonb_set(document, '{identificacion,tipoDte}', '"99"') where id = ?`,
      [inv.id],
    );
    await conn.execute('delete from invoice_document where invoice_id = ?', [inv.id]);

    const pdf = await fetch(`${t.url}/api/facturas/${inv.id}/pdf`, { headers: { 'x-api-key': tt.apiKey } });
    expect(pdf.status).toBe(409);
    expect(((await pdf.json()) as { error: { code: string } }).error.code).toBe('INVALID_STATE');

    const r = await t.gql(
      `mutation($id: ID!) { resendInvoiceEmail(invoiceId: $id) { __typename ... on InvoiceEmailDelivery { id } } }`,
      { id: inv.id },
      { 'x-api-key': tt.apiKey },
    );
    const id = r.body.data.resendInvoiceEmail.id as string;
    const mail = await waitForEmail(inv.id, (m) => m.id === id && m.status !== 'PENDING');
    expect(mail.status).toBe('WRITTEN_TO_OUTBOX');
    expect(mail.attempts).toBe(1);
    expect(mail.pdfOmittedReason).toMatch(/could not be rendered/);
    const eml = readFileSync(mail.location!, 'utf8');
    expect(eml).toMatch(new RegExp(`filename="?${inv.codigoGeneracion}\\.json`));
    expect(eml).not.toMatch(/\.pdf"/);
    const q = await t.gql(
      `query($id: ID!) { invoiceEmailDeliveries(invoiceId: $id) { id pdfOmittedReason } }`,
      { id: inv.id },
      { 'x-api-key': tt.apiKey },
    );
    expect(q.body.data.invoiceEmailDeliveries[0]).toMatchObject({
      id,
      pdfOmittedReason: expect.stringMatching(/JSON was sent alone/),
    });
  });
});

async function waitForEmail(invoiceId: string, ok: (m: InvoiceEmail) => boolean): Promise<InvoiceEmail> {
  const until = Date.now() + 20_000;
  for (;;) {
    const rows = await t.app.db.orm.em
      .fork()
      .find(InvoiceEmail, { invoice: invoiceId }, { filters: false, orderBy: { createdAt: 'desc' } });
    const hit = rows.find(ok);
    if (hit || Date.now() > until) return hit ?? rows[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
}
