import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { flatText } from '../../src/modules/documents/pdf-fonts.js';
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

/**
 * The PDF without its creation date and the file ID derived from it, with its streams inflated: the page's content is
 * deflated at another level than pdfkit's (pdf-kit.ts), so the compressed bytes, the streams' lengths and the
 * cross-reference offsets differ while every object and operator is the same.
 */
const stable = (pdf: Buffer) => {
  const text = pdf.toString('latin1');
  const parts: string[] = [];
  let from = 0;
  for (let at = text.indexOf('>>\nstream\n'); at >= 0; at = text.indexOf('>>\nstream\n', from)) {
    const start = at + '>>\nstream\n'.length;
    const end = text.indexOf('\nendstream', start);
    const head = text.slice(from, start);
    const data = pdf.subarray(start, end);
    const flate = head.slice(head.lastIndexOf('<<')).includes('/Filter /FlateDecode');
    parts.push(head.replace(/\/Length \d+/g, '/Length'), (flate ? inflateSync(data) : data).toString('latin1'));
    from = end;
  }
  parts.push(text.slice(from).replace(/\nxref\n[\s\S]*$/, ''));
  return parts
    .join('')
    .replace(/\(D:\d+Z\)/, '(D)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');
};

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

describe('a kept content operator', () => {
  it('is kept flat with the same characters, whatever it holds', () => {
    let built = 'q\n1 0 0 -1 0 792 cm\nBT\n';
    for (let i = 0; i < 50; i += 1) built += `[<4f62736572> -30 <76${i}> 20] TJ\n`;
    const texts = [
      '',
      'Q',
      '/F1 7.5 Tf',
      built,
      `${built}Clínica Peña · ¿Sí? ¡Ñandú!`,
      `${built} — €`, // beyond latin1: left as it is
      'x'.repeat(70_000),
    ];
    for (const text of texts) expect(flatText(text)).toBe(text);
  });
});
