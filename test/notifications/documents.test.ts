import { createRequire } from 'node:module';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultaPublicaUrl, type DteJson } from '../../src/modules/documents/index.js';
import { StoredDocument } from '../../src/modules/documents/document.entity.js';
import { createLinkSigner, documentLinks } from '../../src/modules/documents/links.js';
import { verifyDteJws } from '../../src/signing/index.js';
import { createPublicKey } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';

const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => {
  t = await startTestApp({ FX_DOCUMENT_LINK_TTL_S: '600' }, { worker: true });
  t.app.config.publicUrl = t.url;
  tt = await tenantWithCredential(t);
});
afterAll(async () => t?.close());

async function stored(invoiceId: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await t.app.db.orm.em.fork().find(StoredDocument, { invoice: invoiceId }, { filters: false });
    if (rows.length || Date.now() > until) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pdfContent(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = (await parser.getText()).text;
    const images = (await parser.getImage({ imageThreshold: 0 })).pages.flatMap((p) => p.images);
    return { text, images };
  } finally {
    await parser.destroy();
  }
}

function decodeQr(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return (
    jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)
      ?.data ?? null
  );
}

describe('PDF rendered once after PROCESSED, served through signed links', () => {
  it(
    'stores the PDF once; its text has numeroControl, sello ' +
      'and totals; the QR decodes to the consulta pública URL',
    async () => {
      const inv = await emit(tt);
      const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
      const rows = await stored(inv.id);
      expect(rows.map((r) => [r.status, r.variant])).toEqual([['PROCESSED', 'letter']]);

      const links = await documentLinks(t.app.links, done!);
      const res = await fetch(links.pdfUrl);
      expect(res.status).toBe(200);
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { text, images } = await pdfContent(pdf);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(done!.numeroControl);
      expect(flat).toContain(done!.selloRecibido!);
      expect(flat).toContain(`$${Number(done!.totalPagar).toFixed(2)}`);
      const urls = images.map((i) => decodeQr(i.data)).filter(Boolean);
      expect(urls).toContain(consultaPublicaUrl(done!.document as DteJson));
      expect(consultaPublicaUrl(done!.document as DteJson)).toBe(
        'https://admin.factura.gob.sv/consultaPublica?ambiente=00' +
          `&codGen=${done!.codigoGeneracion}&fechaEmi=${done!.fecEmi}`,
      );

      // Opening it again serves the stored bytes (no second row).
      const again = Buffer.from(await (await fetch(links.pdfUrl)).arrayBuffer());
      expect(again.equals(pdf)).toBe(true);
      expect(await stored(inv.id)).toHaveLength(1);
    },
  );

  it('jsonUrl opens the Archivo DTE: the DTE JSON + firmaElectronica (verifiable JWS) + selloRecibido', async () => {
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
    const res = await fetch((await documentLinks(t.app.links, done!)).jsonUrl);
    expect(res.status).toBe(200);
    const archivo = (await res.json()) as Record<string, unknown> & { identificacion: { codigoGeneracion: string } };
    expect(archivo.identificacion.codigoGeneracion).toBe(inv.codigoGeneracion);
    expect(archivo.selloRecibido).toBe(done!.selloRecibido);
    const payload = await verifyDteJws(String(archivo.firmaElectronica), createPublicKey(tt.publicKeyPem));
    expect(payload.identificacion).toEqual(archivo.identificacion);
  });

  it('links cannot open another document or kind, expire, and reject tampering — without an API key', async () => {
    const [a, b] = [await emit(tt), await emit(tt)];
    const [da, db] = await waitForStatus(t, [a.id, b.id], ['PROCESSED']);
    const la = await documentLinks(t.app.links, da!);
    const lb = await documentLinks(t.app.links, db!);
    const tokenOf = (u: string) => new URL(u).searchParams.get('token')!;
    const status = async (u: string) => (await fetch(u)).status;

    expect(await status(la.pdfUrl)).toBe(200);
    // a's token on b's URL, and the pdf token on the json URL
    expect(await status(`${t.url}/documents/${b.id}.pdf?token=${tokenOf(la.pdfUrl)}`)).toBe(403);
    expect(await status(`${t.url}/documents/${a.id}.json?token=${tokenOf(la.pdfUrl)}`)).toBe(403);
    expect(await status(`${t.url}/documents/${b.id}.json?token=${tokenOf(lb.jsonUrl)}`)).toBe(200);
    // forged / missing token
    const tk = tokenOf(la.pdfUrl);
    expect(await status(`${t.url}/documents/${a.id}.pdf?token=${tk.slice(0, -3)}AAA`)).toBe(403);
    expect(await status(`${t.url}/documents/${a.id}.pdf`)).toBe(403);
    // a token for another tenant's key would need the master key: one signed by a different app is refused
    const other = createLinkSigner(Buffer.alloc(32, 7), t.app.config);
    expect(await status((await documentLinks(other, da!)).pdfUrl)).toBe(403);
    // expired: issued 11 minutes ago with a 10-minute TTL
    const old = await documentLinks(t.app.links, da!, new Date(Date.now() - 660_000));
    const expired = await fetch(old.pdfUrl);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('LINK_EXPIRED');
    // nothing else is reachable with a document token
    const gql = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tk}` },
      body: JSON.stringify({ query: '{ webhookEndpoints { id } }' }),
    });
    expect(JSON.stringify(await gql.json())).toMatch(/UNAUTHENTICATED|FORBIDDEN|Unauthorized|invalid/i);
  });
});
