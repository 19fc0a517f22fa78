import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DocumentRenderError } from '../../src/modules/documents/index.js';
import { imageFor, pdfImage, prepareImage } from '../../src/modules/documents/pdf-image.js';

const W = 37;
const H = 23;

function pixels(): Buffer {
  const rgba = Buffer.alloc(W * H * 4);
  for (let i = 0; i < W * H; i += 1) rgba.set([(i * 5) % 256, (i * 11) % 256, 200, i % 4 ? 255 : 60], i * 4);
  return rgba;
}

function png(colorType: 0 | 2 | 4 | 6, bitDepth: 8 | 16): Buffer {
  const opts = { width: W, height: H, colorType, bitDepth, inputColorType: 6, inputHasAlpha: true } as const;
  const image = new PNG(opts);
  pixels().copy(image.data);
  return PNG.sync.write(image, opts);
}

async function pdfBytes(draw: (doc: PDFKit.PDFDocument) => void | Promise<void>): Promise<string> {
  const doc = new PDFDocument({ size: [200, 200] });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  await draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks).toString('latin1');
}

/** The PDF's objects, numbering and creation date aside, sorted: equal when both files hold the same objects. */
function objects(pdf: string): string[] {
  return [...pdf.matchAll(/\d+ 0 obj\n([\s\S]*?)\nendobj/g)]
    .map((m) => m[1]!.replace(/\d+ 0 R/g, 'R').replace(/\(D:\d+Z\)/, '(D)'))
    .sort();
}

describe('images prepared once for many PDFs', () => {
  const cases: [string, () => Buffer][] = [
    ['an RGBA PNG (colour and soft mask)', () => png(6, 8)],
    ['a 16-bit RGBA PNG', () => png(6, 16)],
    ['a grayscale PNG with alpha', () => png(4, 8)],
    ['an RGB PNG', () => png(2, 8)],
    ['a grayscale PNG', () => png(0, 8)],
    ['a JPEG', () => Buffer.from(jpeg.encode({ data: pixels(), width: W, height: H }, 80).data)],
  ];
  for (const [name, bytes] of cases) {
    it(`embed ${name} as the same objects as pdfkit embedding it itself`, async () => {
      const image = bytes();
      const prepared = await prepareImage(image);
      const own = await pdfBytes((doc) => {
        doc.image(image, 10, 10, { width: 50 });
      });
      const ours = await pdfBytes((doc) => {
        doc.image(imageFor(doc, prepared) as unknown as Buffer, 10, 10, { width: 50 });
      });
      expect(objects(ours)).toEqual(objects(own));
      // and again in another document: nothing of the first one carries over
      const again = await pdfBytes((doc) => {
        doc.image(imageFor(doc, prepared) as unknown as Buffer, 10, 10, { width: 50 });
      });
      expect(objects(again)).toEqual(objects(own));
    });
  }

  it('prepares equal bytes once, and refuses what is not an image with a typed error', async () => {
    const a = await pdfImage(png(6, 8));
    expect(await pdfImage(png(6, 8))).toBe(a);
    expect(await pdfImage(png(2, 8))).not.toBe(a);
    await expect(pdfImage(Buffer.from('not an image'))).rejects.toBeInstanceOf(DocumentRenderError);
    await expect(pdfImage(Buffer.from('not an image'))).rejects.toMatchObject({ code: 'INVALID_LOGO', field: 'logo' });
  });
});
