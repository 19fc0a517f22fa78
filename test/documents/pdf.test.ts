import { createRequire } from 'node:module';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  consultaPublicaUrl,
  CONTINGENCY_NOTICE,
  DocumentRenderError,
  renderDtePdf,
  renderQrPng,
  type DteJson,
  type DteStatus,
} from '../../src/modules/documents/index.js';
import * as samples from './samples.js';

// jsqr is a CommonJS bundle whose typings declare an ES default export; require() gives the function itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

const SELLO = '2026D04751ECD4324D039CEAFD9A3516AAA7JESF';

async function render(
  document: DteJson,
  opts: { status?: DteStatus; sello?: string | null; variant?: 'letter' | 'ticket'; logo?: Buffer } = {},
) {
  const sello = opts.sello === undefined ? SELLO : opts.sello;
  return renderDtePdf({
    document,
    status: opts.status ?? 'PROCESSED',
    selloRecibido: sello,
    fhProcesamiento: sello ? '05/03/2026 10:15:33' : null,
    variant: opts.variant ?? 'letter',
    logo: opts.logo ?? null,
  });
}

async function parse(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo({ parsePageInfo: true });
    const images = await parser.getImage({ imageThreshold: 0 });
    return { text: text.text, pages: info.total, pageInfo: info.pages, images: images.pages.flatMap((p) => p.images) };
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

function ident(doc: DteJson, key: string): string {
  return String(doc.identificacion[key]);
}

function receptorName(doc: DteJson): string {
  return String((doc['receptor'] as Record<string, unknown>)['nombre']);
}

// [sample, title, amount due as printed, an amount line that must appear]
const CASES: [string, () => DteJson, string, string, string][] = [
  ['01 factura', samples.factura, 'FACTURA', 'TOTAL A PAGAR $51.50', 'Total operaciones gravadas $51.50'],
  [
    '03 CCF',
    samples.creditoFiscal,
    'COMPROBANTE DE CRÉDITO FISCAL',
    'TOTAL A PAGAR $2,240.00',
    'Impuesto al Valor Agregado 13% $260.00',
  ],
  [
    '05 nota de crédito',
    samples.notaCredito,
    'NOTA DE CRÉDITO',
    'TOTAL A PAGAR $113.00',
    'Monto total de la operación $113.00',
  ],
  [
    '07 retención',
    samples.retencion,
    'COMPROBANTE DE RETENCIÓN',
    'TOTAL IVA RETENIDO $5.00',
    'Total monto sujeto a retención $500.00',
  ],
  [
    '09 DCL',
    samples.liquidacionContable,
    'DOCUMENTO CONTABLE DE',
    'LÍQUIDO A PAGAR $9,484.01',
    'IVA percibido $176.99',
  ],
  [
    '11 exportación',
    samples.exportacion,
    'FACTURA DE EXPORTACIÓN',
    'TOTAL A PAGAR $360.00',
    'Total operaciones gravadas $360.00',
  ],
  [
    '14 sujeto excluido',
    samples.sujetoExcluido,
    'FACTURA DE SUJETO EXCLUIDO',
    'TOTAL A PAGAR $135.00',
    'Retención de renta $15.00',
  ],
  ['15 donación', samples.donacion, 'COMPROBANTE DE DONACIÓN', 'VALOR TOTAL $1,000.00', 'Donación en efectivo'],
];

describe('renderDtePdf — letter', () => {
  for (const [name, build, title, due, line] of CASES) {
    it(`prints the legible version of ${name}`, async () => {
      const doc = build();
      const { text, pages } = await parse(await render(doc));
      expect(pages).toBe(1);
      expect(text).toContain(title);
      expect(text).toContain(ident(doc, 'numeroControl'));
      expect(text).toContain(ident(doc, 'codigoGeneracion'));
      expect(text).toContain(SELLO);
      expect(text).toContain(receptorName(doc));
      expect(text).toContain(due);
      expect(text).toContain(line);
      expect(text).toContain('Procesado por el Ministerio de Hacienda');
      expect(text).not.toContain(CONTINGENCY_NOTICE);
    });
  }

  it('renders Spanish accents and signs with the standard fonts', async () => {
    const doc = samples.factura();
    (doc['receptor'] as Record<string, unknown>)['nombre'] = '¿Ñandú? ¡Sí! áéíóú ÁÉÍÓÚ ü ñ';
    const { text } = await parse(await render(doc));
    expect(text).toContain('¿Ñandú? ¡Sí! áéíóú ÁÉÍÓÚ ü ñ');
    expect(text).toContain('CINCUENTA Y UNO 50/100 DÓLARES');
  });

  it('prints items, the médico of otrosDocumentos, payments and the apéndice', async () => {
    const { text } = await parse(await render(samples.factura()));
    expect(text).toContain('Consulta médica general — revisión de presión y diagnóstico');
    expect(text).toMatch(/MED-77 Ibuprofeno 400 mg, caja de 10 tabletas \$3\.50 \$0\.50 \$6\.50/);
    expect(text).toContain('Médico: Dra. María Ángeles Ibáñez · NIT 06141506861234 · Servicio: Tratamiento médico');
    expect(text).toContain('Pago: Tarjeta débito · $51.50 · ref. 4321');
    expect(text).toContain('Expediente: EXP-2026-0042');
    // zero resumen fields are left out
    expect(text).not.toContain('Total operaciones exentas');
  });

  it('prints the related document of a nota de crédito', async () => {
    const { text } = await parse(await render(samples.notaCredito()));
    expect(text).toContain('DOCUMENTOS RELACIONADOS');
    expect(text).toContain(
      'COMPROBANTE DE CRÉDITO FISCAL · Electrónico · N° B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E · 05/03/2026',
    );
  });

  it('says the document has no sello yet when it was issued in contingency', async () => {
    const doc = samples.factura();
    doc.identificacion['tipoModelo'] = 2;
    doc.identificacion['tipoOperacion'] = 2;
    doc.identificacion['tipoContingencia'] = 1;
    const { text } = await parse(await render(doc, { status: 'CONTINGENCY', sello: null }));
    expect(text).toContain(CONTINGENCY_NOTICE);
    expect(text).toContain('Tipo de transmisión: Contingencia');
    expect(text).toContain('No disponibilidad de sistema del MH');
    expect(text).not.toContain('Sello de recepción:');
  });

  it('says PENDIENTE while the document waits for MH', async () => {
    const { text } = await parse(await render(samples.factura(), { status: 'QUEUED', sello: null }));
    expect(text).toContain('PENDIENTE — SIN SELLO DE RECEPCIÓN');
    expect(text).not.toContain(CONTINGENCY_NOTICE);
  });

  it('marks an invalidated document as ANULADO', async () => {
    const { text } = await parse(await render(samples.creditoFiscal(), { status: 'INVALIDATED' }));
    expect(text).toContain('ANULADO');
    expect(text).toContain('Invalidado (anulado)');
    const processed = await parse(await render(samples.creditoFiscal()));
    expect(processed.text).not.toContain('ANULADO');
  });

  it('paginates long item lists and repeats the table header', async () => {
    const { text, pages } = await parse(await render(samples.longFactura(150)));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Servicio número 1 ');
    expect(text).toContain('Servicio número 150');
    // every page that holds items starts with the column header; only the totals may spill onto a last page
    const headers = text.match(/N° Cant\. Código Descripción/g)?.length ?? 0;
    expect(headers).toBeGreaterThanOrEqual(pages - 1);
    expect(headers).toBeLessThanOrEqual(pages);
    expect(text).toContain(`Página 1 de ${pages}`);
  });

  it('embeds a QR image that decodes to the consulta pública URL (extracted from the PDF)', async () => {
    const doc = samples.creditoFiscal();
    const { images } = await parse(await render(doc));
    expect(images.length).toBe(1);
    expect(decodeQr(images[0]!.data)).toBe(
      'https://admin.factura.gob.sv/consultaPublica?ambiente=00' +
        '&codGen=B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E&fechaEmi=2026-03-05',
    );
  });

  it('builds the consulta pública URL for production', () => {
    const doc = samples.factura();
    doc.identificacion['ambiente'] = '01';
    expect(consultaPublicaUrl(doc)).toBe(
      'https://admin.factura.gob.sv/consultaPublica?ambiente=01' +
        '&codGen=A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D&fechaEmi=2026-03-05',
    );
  });

  it('embeds the logo when given', async () => {
    const logo = new PNG({ width: 120, height: 40 });
    logo.data.fill(0x80);
    const { images } = await parse(await render(samples.factura(), { logo: PNG.sync.write(logo) }));
    expect(images.map((i) => `${i.width}x${i.height}`)).toContain('120x40');
    expect(images.length).toBe(2);
  });

  it('renders a document the same whatever was rendered before it in the process', async () => {
    // Font metrics and the logo's prepared image are shared between documents: nothing else may carry over.
    const logo = new PNG({ width: 30, height: 20 });
    logo.data.fill(0x40);
    const png = PNG.sync.write(logo);
    // The creation date and the file ID derived from it are the only bytes that may differ.
    const stable = (pdf: Buffer) =>
      pdf
        .toString('latin1')
        .replace(/\(D:\d+Z\)/, '(D)')
        .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');
    const first = await render(samples.factura(), { logo: png });
    await render(samples.longFactura(60), { status: 'INVALIDATED', variant: 'ticket' });
    await render(samples.creditoFiscal(), { logo: png });
    const again = await render(samples.factura(), { logo: png });
    expect(stable(again)).toBe(stable(first));
    // each document carries its own font objects
    for (const face of ['Helvetica', 'Helvetica-Bold']) expect(stable(again)).toContain(`/BaseFont /${face}\n`);
    const { text } = await parse(again);
    expect(text).toContain('FACTURA');
    expect(text).not.toContain('ANULADO');
  });

  it('rejects input it cannot render with typed errors naming the field', async () => {
    const unknownType = samples.factura();
    unknownType.identificacion['tipoDte'] = '99';
    await expect(render(unknownType)).rejects.toMatchObject({
      code: 'UNSUPPORTED_TIPO_DTE',
      field: 'identificacion.tipoDte',
    });
    const noCode = samples.factura();
    delete noCode.identificacion['codigoGeneracion'];
    await expect(render(noCode)).rejects.toBeInstanceOf(DocumentRenderError);
    await expect(render(noCode)).rejects.toMatchObject({
      code: 'MISSING_FIELD',
      field: 'identificacion.codigoGeneracion',
    });
    await expect(render(samples.factura(), { logo: Buffer.from('not an image') })).rejects.toMatchObject({
      code: 'INVALID_LOGO',
    });
  });
});

describe('renderDtePdf — 80 mm ticket', () => {
  it('is 226.77 pt wide, one page fitted to the content, with the same data', async () => {
    const doc = samples.factura();
    const pdf = await render(doc, { variant: 'ticket' });
    const { text, pages, pageInfo, images } = await parse(pdf);
    expect(pages).toBe(1);
    expect(pageInfo[0]!.width).toBeCloseTo(226.77, 1);
    expect(pageInfo[0]!.height).toBeGreaterThan(300);
    expect(pageInfo[0]!.height).toBeLessThan(900);
    for (const needle of [
      ident(doc, 'numeroControl'),
      ident(doc, 'codigoGeneracion'),
      SELLO,
      receptorName(doc),
      'TOTAL A PAGAR',
      '$51.50',
    ]) {
      expect(text).toContain(needle);
    }
    expect(decodeQr(images[0]!.data)).toBe(consultaPublicaUrl(doc));
  });

  it('grows with the number of items', async () => {
    const short = await parse(await render(samples.longFactura(2), { variant: 'ticket' }));
    const long = await parse(await render(samples.longFactura(40), { variant: 'ticket' }));
    expect(long.pages).toBe(1);
    expect(long.pageInfo[0]!.height).toBeGreaterThan(short.pageInfo[0]!.height + 38 * 15);
    expect(long.text).toContain('Servicio número 40');
  });

  it('shows the contingency notice without a sello', async () => {
    const { text } = await parse(
      await render(samples.sujetoExcluido(), { variant: 'ticket', status: 'CONTINGENCY', sello: null }),
    );
    expect(text).toContain(CONTINGENCY_NOTICE);
    expect(text).toContain('Ramón Ávila Cañas');
  });
});

describe('renderQrPng', () => {
  it('encodes the given text', async () => {
    expect(decodeQr(await renderQrPng('https://example.test/ñ?a=1'))).toBe('https://example.test/ñ?a=1');
  });
});
