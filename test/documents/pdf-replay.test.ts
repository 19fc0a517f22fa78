import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderDtePdf, type DteJson, type DteStatus } from '../../src/modules/documents/index.js';
import { createPdf, finish, FONT, FONT_BOLD } from '../../src/modules/documents/pdf-kit.js';
import { forgetReplayedBlocks, replayedBlock } from '../../src/modules/documents/pdf-replay.js';
import { textLine } from '../../src/modules/documents/pdf-text-line.js';
import * as samples from './samples.js';

/** The creation date and the file ID derived from it are the only bytes two renders may differ in. */
const stable = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d+Z\)/, '(D)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');

const render = (document: DteJson, status: DteStatus, logo: Buffer | null) =>
  renderDtePdf({
    document,
    status,
    selloRecibido: status === 'PROCESSED' ? '2026D04751ECD4324D039CEAFD9A3516AAA7JESF' : null,
    fhProcesamiento: status === 'PROCESSED' ? '05/03/2026 10:15:33' : null,
    variant: 'letter',
    logo,
  });

describe('replayedBlock', () => {
  it('a letter whose emisor block is replayed is the letter drawn afresh, byte for byte', async () => {
    const png = new PNG({ width: 30, height: 20 });
    png.data.fill(0x40);
    const logo = PNG.sync.write(png);
    const cases: [() => DteJson, DteStatus, Buffer | null][] = [
      [samples.factura, 'PROCESSED', null],
      [samples.factura, 'CONTINGENCY', logo],
      [samples.creditoFiscal, 'INVALIDATED', logo],
      [samples.sujetoExcluido, 'PROCESSED', null],
      [samples.retencion, 'REJECTED', null],
      [samples.donacion, 'PROCESSED', logo],
      [() => samples.longFactura(70), 'PROCESSED', null],
    ];
    for (const [sample, status, withLogo] of cases) {
      forgetReplayedBlocks();
      const drawn = await render(sample(), status, withLogo);
      const replayed = await render(sample(), status, withLogo);
      expect(stable(replayed)).toBe(stable(drawn));
    }
  });

  it('draws a block once, then writes its operators again without drawing it', async () => {
    forgetReplayedBlocks();
    let draws = 0;
    const pdfs: Buffer[] = [];
    for (let n = 0; n < 3; n += 1) {
      const doc = createPdf([612, 792], { top: 36, bottom: 36, left: 36, right: 36 }, 'block');
      const bottom = replayedBlock(doc, 'a block', () => {
        draws += 1;
        textLine(doc.font(FONT_BOLD).fontSize(10).fillColor('#444444'), 'Clínica Santa Lucía', 36, 36, { width: 200 });
        doc.font(FONT).fontSize(7.5).fillColor('#000000');
        doc.text('Dirección: Colonia Escalón, Calle El Mirador #12, San Salvador, Mun. 23, Dist. 01', 36, doc.y + 1, {
          width: 120,
        });
        return doc.y;
      });
      expect(bottom).toBe(doc.y);
      expect(doc.y).toBeGreaterThan(60); // the address took several lines
      textLine(doc, 'after the block', 36, doc.y, { width: 200 });
      pdfs.push(await finish(doc));
    }
    expect(draws).toBe(1);
    expect(stable(pdfs[1]!)).toBe(stable(pdfs[0]!));
    expect(stable(pdfs[2]!)).toBe(stable(pdfs[0]!));
  });

  it('does not keep a block that opened another page or used other resources', async () => {
    forgetReplayedBlocks();
    for (const [key, draw] of [
      ['new page', (doc: PDFKit.PDFDocument) => doc.addPage()],
      ['opacity', (doc: PDFKit.PDFDocument) => doc.fillColor('#c00000', 0.5)],
    ] as const) {
      let draws = 0;
      for (let n = 0; n < 2; n += 1) {
        const doc = createPdf([612, 792], { top: 36, bottom: 36, left: 36, right: 36 }, 'block');
        replayedBlock(doc, key, () => {
          draws += 1;
          textLine(doc.font(FONT).fontSize(8).fillColor('#000000'), 'text', 36, 36, { width: 200 });
          draw(doc);
          return doc.y;
        });
        await finish(doc);
      }
      expect(draws).toBe(2);
    }
  });
});
