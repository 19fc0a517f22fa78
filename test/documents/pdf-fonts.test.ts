import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { createPdf, finish, FONT, FONT_BOLD, type Pdf } from '../../src/modules/documents/pdf-kit.js';

// Kerning pairs, Spanish letters, WinAnsi characters above U+00FF (— € ‘ ’ “ ” …) and text WinAnsi cannot hold.
const TEXTS = [
  'AVAWAY To Ty Yo LT P. F, V. W. y.',
  'José Peña Núñez — ¿Ñandú? ¡Sí! áéíóú ÁÉÍÓÚ ü',
  '€ 1,234.56 “comillas” ‘simples’ … • ™ ƒ Œ œ Š ž',
  'Ωmega 漢字 😀 ő ł',
  '',
  ' ',
];

function draw(doc: Pdf): void {
  doc.font(FONT).fontSize(9);
  for (const t of TEXTS) doc.text(t, { width: 120 });
  doc.font(FONT_BOLD).fontSize(13);
  for (const t of TEXTS) doc.text(t, { width: 300, align: 'right' });
  doc.font(FONT).text(TEXTS.join(' '), { width: 90, align: 'justify' });
}

/** The PDF without its creation date and the file ID derived from it. */
const stable = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d+Z\)/, '(D)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');

describe('standard fonts shared between documents', () => {
  it('measure and place text exactly as pdfkit opening its fonts itself', async () => {
    const info = { Title: 't', Creator: 'FacturaXpress', Producer: 'FacturaXpress' };
    const margins = { top: 20, bottom: 20, left: 20, right: 20 };
    const own = new PDFDocument({ size: [400, 600], margins, bufferPages: true, info });
    const ours = createPdf([400, 600], margins, 't');
    for (const doc of [own, ours]) {
      for (const face of [FONT, FONT_BOLD]) {
        doc.font(face);
        for (const t of TEXTS) expect(doc.widthOfString(t)).toBeTypeOf('number');
      }
    }
    for (const face of [FONT, FONT_BOLD]) {
      own.font(face);
      ours.font(face);
      for (const t of TEXTS) expect(ours.widthOfString(t)).toBe(own.widthOfString(t));
    }
    draw(own);
    draw(ours);
    expect(stable(await finish(ours))).toBe(stable(await finish(own)));
    // a second document gets the same text the same way
    const again = createPdf([400, 600], margins, 't');
    draw(again);
    const fresh = new PDFDocument({ size: [400, 600], margins, bufferPages: true, info });
    draw(fresh);
    expect(stable(await finish(again))).toBe(stable(await finish(fresh)));
  });
});
