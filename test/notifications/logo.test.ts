import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredDocument } from '../../src/modules/documents/document.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
});
afterAll(async () => t?.close());

/** A 24×24 solid PNG. */
function logoPng(): string {
  const png = new PNG({ width: 24, height: 24 });
  png.data.fill(0x33);
  return PNG.sync.write(png).toString('base64');
}

const U =
  `mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, ` +
  `input: $i) { __typename ... on UserError { issues { path code } } } }`;

describe('tenant logo on the versión legible', () => {
  it('refuses what is not a PNG/JPEG, and prints a set logo on the stored PDF', async () => {
    const tt = await tenantWithCredential(t);
    const admin = { 'x-api-key': t.adminKey };
    const bad = await t.gql(
      U,
      { id: tt.tenantId, i: { logoBase64: Buffer.from('not an image').toString('base64') } },
      admin,
    );
    expect(bad.body.data.updateTenant).toEqual({
      __typename: 'ValidationFailed',
      issues: [{ path: 'logoBase64', code: 'INVALID_IMAGE' }],
    });
    const ok = await t.gql(U, { id: tt.tenantId, i: { logoBase64: logoPng() } }, admin);
    expect(ok.body.data.updateTenant.__typename).toBe('Tenant');

    const inv = await emit(tt);
    expect((await waitForStatus(t, [inv.id], ['PROCESSED']))[0]!.status).toBe('PROCESSED');
    let rows: StoredDocument[] = [];
    for (let i = 0; i < 100 && !rows.length; i++) {
      rows = await t.app.db.orm.em
        .fork()
        .find(StoredDocument, { invoice: inv.id }, { filters: false, populate: ['content'] });
      if (!rows.length) await new Promise((r) => setTimeout(r, 100));
    }
    const parser = new PDFParse({ data: new Uint8Array(Buffer.from(rows[0]!.content)) });
    const images = (await parser.getImage({ imageThreshold: 0 })).pages.flatMap((p) => p.images);
    await parser.destroy();
    expect(images.length).toBe(2); // the QR and the logo
  });
});
