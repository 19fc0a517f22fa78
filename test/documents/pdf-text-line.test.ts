import { describe, expect, it, vi } from 'vitest';
import { createPdf, finish, FONT, FONT_BOLD, type Pdf } from '../../src/modules/documents/pdf-kit.js';
import { heightOfLine, labelled, type LineOptions, textLine } from '../../src/modules/documents/pdf-text-line.js';

/** The PDF without its creation date and the file ID derived from it. */
const stable = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d+Z\)/, '(D)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');

// Kerning pairs (also across words: "A V", "T o"), Spanish letters, WinAnsi signs, codes, amounts, an empty text and
// texts that wrap or end a line, at widths from roomy to just too narrow.
const TEXTS = [
  'AVAWAY To Ty Yo LT P. F, V. W. y.',
  'José Peña Núñez — ¿Ñandú? ¡Sí! áéíóú ÁÉÍÓÚ ü',
  'DOCUMENTO TRIBUTARIO ELECTRÓNICO',
  'Consulta médica especializada número 12',
  'DTE-01-M001P001-000000000000001',
  // a footer: hyphens (a break after one before a letter, none before a digit) and a middle dot
  'Página 1 de 2 · DTE-01-M001P001-000000000000001 · 0F1E2D3C-4B5A-4968-8776-655443322110',
  'A-1 B-C x-Y 12-34 -5 a--b AV-AV Ta-To 1.5-2 (x)-y $3-4 50%-6 «a»-b ¿Sí?-No',
  '$1,234.56',
  'A V A T o Y o',
  'línea uno\nlínea dos',
  '',
  'Texto largo que no cabe en una sola línea de la celda y se parte en varias',
  // a notice that wraps (the sandbox's), a wrapped address with a long code in it
  'SANDBOX — SIN VALIDEZ FISCAL (sello simulado 2026D04751ECD4324D039CEAFD9A3516AAA7JESF)',
  'Colonia Escalón, Calle El Mirador #12, San Salvador, Mun. 23, Dist. 01 — AVAWAY-To 0F1E2D3C-4B5A-4968',
];
const WIDTHS = [400, 160, 90, 60, 30];
const ALIGNS: LineOptions['align'][] = ['left', 'right', 'center'];

type Draw = (doc: Pdf, text: string, x: number, y: number, options: LineOptions) => void;

function page(doc: Pdf, draw: Draw, label: (l: string, v: string, x: number, w: number) => void): void {
  for (const [f, face] of [FONT, FONT_BOLD].entries()) {
    for (const text of TEXTS) {
      for (const width of WIDTHS) {
        for (const align of ALIGNS) {
          doc.font(face).fontSize(7 + f * 3);
          draw(doc, text, 40, doc.y + 1, { width, align });
          doc.fontSize(7);
          doc.y += heightOfLine(doc, text || ' ', width) - doc.heightOfString(text || ' ', { width });
        }
      }
      label('Código de generación', text, 40, 200);
      label('Sello', text, 40, 90);
    }
    // widths at the edge of each text's own: where the width bound is too wide and pdfkit's word-by-word measure
    // decides (a sello or a code that just fits, or just does not)
    for (const text of TEXTS.filter((t) => t && !t.includes('\n'))) {
      for (const delta of [-0.01, -1e-9, 0, 1e-9, 0.0005, 0.01]) {
        for (const align of ALIGNS) {
          doc.font(face).fontSize(7 + f * 3);
          const width = doc.widthOfString(text) + delta;
          draw(doc, text, 40, doc.y + 1, { width, align });
          doc.fontSize(7);
        }
        doc.font(FONT_BOLD).fontSize(7);
        const labelWidth = doc.widthOfString('Sello de recepción: ');
        doc.font(FONT);
        label('Sello de recepción', text, 40, labelWidth + doc.widthOfString(text) + delta);
      }
    }
  }
  // a line just above the end of the page, and one that does not fit there any more (pdfkit opens a page)
  doc.font(FONT).fontSize(9);
  draw(doc, 'penúltima', 40, doc.page.height - doc.page.margins.bottom - 12, { width: 200 });
  draw(doc, 'última', 40, doc.page.height - doc.page.margins.bottom - 4, { width: 200 });
}

function pdfkitLabelled(doc: Pdf, label: string, value: string, x: number, width: number): void {
  doc.font(FONT_BOLD).fontSize(7);
  const labelWidth = doc.widthOfString(`${label}: `);
  doc.font(FONT);
  const fits = labelWidth + doc.widthOfString(value) <= width;
  doc.font(FONT_BOLD).text(`${label}:${fits ? ' ' : ''}`, x, doc.y + 1, { width, continued: fits });
  if (fits) doc.font(FONT).text(value);
  else doc.font(FONT).text(value, x, doc.y, { width });
}

describe('one-line texts without pdfkit line wrapper', () => {
  it('draws exactly what pdfkit draws (operators, positions, cursor, page breaks)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-05T10:00:00Z') });
    try {
      const fast = createPdf([612, 792], { top: 36, bottom: 36, left: 36, right: 36 }, 't');
      const text = vi.spyOn(fast, 'text');
      page(
        fast,
        (doc, t, x, y, o) => textLine(doc, t, x, y, o),
        (l, v, x, w) => labelled(fast, l, v, x, w, 7),
      );
      const fastCalls = text.mock.calls.length;
      const reference = createPdf([612, 792], { top: 36, bottom: 36, left: 36, right: 36 }, 't');
      page(
        reference,
        (doc, t, x, y, o) => doc.text(t, x, y, o),
        (l, v, x, w) => pdfkitLabelled(reference, l, v, x, w),
      );
      expect(fast.bufferedPageRange().count).toBeGreaterThan(1);
      expect(stable(await finish(fast))).toBe(stable(await finish(reference)));
      // the texts that fit went around pdfkit's own text(); the others through it
      const edge = TEXTS.filter((t) => t && !t.includes('\n')).length * 6 * (ALIGNS.length + 1);
      const drawn = 2 * (TEXTS.length * (WIDTHS.length * ALIGNS.length + 2) + edge) + 2;
      expect(fastCalls).toBeGreaterThan(0);
      expect(fastCalls).toBeLessThan(drawn);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws a text that fits without going through pdfkit text()', () => {
    const doc = createPdf([612, 792], { top: 36, bottom: 36, left: 36, right: 36 }, 't');
    const text = vi.spyOn(doc, 'text');
    doc.font(FONT).fontSize(7);
    for (const align of ALIGNS)
      textLine(doc, 'Consulta médica especializada número 12', 40, doc.y, { width: 300, align });
    labelled(doc, 'Código de generación', '0F1E2D3C-4B5A-4968-8776-655443322110', 40, 300, 7);
    textLine(doc, 'DTE-01-M001P001-000000000000001 · 0F1E2D3C-4B5A-4968-8776-655443322110', 40, doc.y, {
      width: 540,
      align: 'center',
    });
    expect(text).not.toHaveBeenCalled();
    expect(doc.y).toBeGreaterThan(36 + 3 * 7);
  });
});
