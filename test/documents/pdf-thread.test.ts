import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentRenderError } from '../../src/modules/documents/dte-json.js';
import { closePdfThread, renderInvoicePdfOffThread } from '../../src/modules/documents/pdf-thread.js';
import { renderInvoicePdf, type PrintableInvoice } from '../../src/modules/documents/store.js';
import * as samples from './samples.js';

afterAll(async () => {
  await closePdfThread();
});

/** The PDF's dates (its info dictionary) and the file ID made from them differ between two renders; nothing else. */
const withoutDates = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/D:\d{14}Z/g, 'D:')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');

const invoice = (document = samples.factura()): PrintableInvoice =>
  ({
    id: '0b7e0f2c-8a4e-4c55-9d0c-0e6a7c1f3a11',
    status: 'PROCESSED',
    document,
    selloRecibido: '2026A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8',
    fhProcesamiento: '29/11/2026 10:00:00',
    sandbox: false,
  }) as PrintableInvoice;

describe('renderInvoicePdfOffThread', () => {
  it('renders the bytes renderInvoicePdf renders (with and without a logo, letter and ticket)', async () => {
    const png = new PNG({ width: 120, height: 40 });
    png.data.fill(0x80);
    const logo = PNG.sync.write(png);
    for (const [inv, storedLogo, variant] of [
      [invoice(), null, 'letter'],
      [invoice(), logo, 'letter'],
      [invoice(samples.creditoFiscal()), logo, 'ticket'],
    ] as const) {
      const [here, there] = await Promise.all([
        renderInvoicePdf(inv, storedLogo, variant),
        renderInvoicePdfOffThread(inv, storedLogo, variant),
      ]);
      expect(Buffer.isBuffer(there)).toBe(true);
      expect(there.subarray(0, 5).toString()).toBe('%PDF-');
      expect(withoutDates(there)).toBe(withoutDates(here));
    }
  });

  it('a document that cannot be rendered fails with the same DocumentRenderError', async () => {
    const document = samples.factura();
    delete (document as { identificacion?: unknown }).identificacion;
    const here = await renderInvoicePdf(invoice(document), null, 'letter').catch((e: unknown) => e);
    const there = await renderInvoicePdfOffThread(invoice(document), null, 'letter').catch((e: unknown) => e);
    expect(here).toBeInstanceOf(DocumentRenderError);
    expect(there).toBeInstanceOf(DocumentRenderError);
    expect({ ...(there as DocumentRenderError), message: (there as Error).message }).toEqual({
      ...(here as DocumentRenderError),
      message: (here as Error).message,
    });
  });

  it('renders asked together come back each to its own caller, a failing one among them alone failing', async () => {
    const broken = samples.factura();
    delete (broken as { identificacion?: unknown }).identificacion;
    const documents = [samples.factura(), broken, samples.creditoFiscal(), samples.sujetoExcluido()];
    const expected = await Promise.all(
      documents.map((d) => renderInvoicePdf(invoice(d), null, 'letter').catch((e: unknown) => e)),
    );
    // asked in one turn of the event loop: they go to the thread together
    const results = await Promise.all(
      documents.map((d) => renderInvoicePdfOffThread(invoice(d), null, 'letter').catch((e: unknown) => e)),
    );
    expect(results[1]).toBeInstanceOf(DocumentRenderError);
    expect((results[1] as Error).message).toBe((expected[1] as Error).message);
    for (const n of [0, 2, 3]) expect(withoutDates(results[n] as Buffer)).toBe(withoutDates(expected[n] as Buffer));
  });
});
