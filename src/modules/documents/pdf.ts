/**
 * renderDtePdf: the versión legible of any DTE (01…15) from MH's JSON, letter or 80 mm ticket.
 * No status is inferred here: the caller passes the invoice status and MH's sello as stored.
 */
import { buildDteView, type DteView, type RenderDteInput } from './dte-view.js';
import { createPdf, finish, stampPages, type Margins, type Pdf } from './pdf-kit.js';
import { pdfImage, type PdfImage } from './pdf-image.js';
import { drawLetter, LETTER, LETTER_MARGIN } from './pdf-letter.js';
import { drawTicket, TICKET_MARGIN, TICKET_WIDTH } from './pdf-ticket.js';
import { qrSymbol } from './qr.js';
import { qrImage, type QrImage } from './qr-image.js';

export type { RenderDteInput } from './dte-view.js';

/** PDF caps a page side at 14 400 pt (200 in); longer tickets continue on further pages of that height. */
const MAX_PAGE_HEIGHT = 14_400;
const MIN_TICKET_HEIGHT = 200;
/** ensureSpace asks for a little more room than a block finally takes; the fitted page keeps that slack. */
const TICKET_SLACK = 16;
const LETTER_MARGINS: Margins = {
  top: LETTER_MARGIN,
  bottom: LETTER_MARGIN,
  left: LETTER_MARGIN,
  right: LETTER_MARGIN,
};
/** The bottom margin holds a two-line footer (numeroControl, codigoGeneracion) on the narrow roll. */
const TICKET_MARGINS: Margins = { top: TICKET_MARGIN, bottom: 24, left: TICKET_MARGIN, right: TICKET_MARGIN };

function footerText(view: DteView): string {
  return `${view.numeroControl} · ${view.codigoGeneracion}`;
}

function pdfTitle(view: DteView): string {
  return `${view.title} ${view.numeroControl}`;
}

async function renderLetter(view: DteView, qr: QrImage, logo: PdfImage | null): Promise<Buffer> {
  const doc = createPdf(LETTER, LETTER_MARGINS, pdfTitle(view));
  drawLetter(doc, view, qr, logo);
  stampPages(doc, footerText(view), view.watermark, 7);
  return finish(doc);
}

function drawTicketDoc(view: DteView, qr: QrImage, logo: PdfImage | null, height: number): Pdf {
  const doc = createPdf([TICKET_WIDTH, height], TICKET_MARGINS, pdfTitle(view));
  drawTicket(doc, view, qr, logo);
  return doc;
}

/**
 * The ticket is laid out once on a maximal page to measure it, then again on a page exactly as tall as the
 * content (pdfkit fixes a page's size when the page is created).
 */
async function renderTicket(view: DteView, qr: QrImage, logo: PdfImage | null): Promise<Buffer> {
  let doc = drawTicketDoc(view, qr, logo, MAX_PAGE_HEIGHT);
  if (doc.bufferedPageRange().count === 1) {
    const height = Math.max(MIN_TICKET_HEIGHT, Math.ceil(doc.y + TICKET_SLACK + TICKET_MARGINS.bottom));
    doc = drawTicketDoc(view, qr, logo, height);
  }
  stampPages(doc, footerText(view), view.watermark, 5);
  return finish(doc);
}

export async function renderDtePdf(input: RenderDteInput): Promise<Buffer> {
  const view = buildDteView(input);
  const qr = qrImage(qrSymbol(view.qrUrl).modules);
  // A logo given as bytes is decoded and compressed once per distinct image (pdf-image.ts).
  const logo = !input.logo ? null : input.logo instanceof Uint8Array ? await pdfImage(input.logo) : input.logo;
  return input.variant === 'ticket' ? renderTicket(view, qr, logo) : renderLetter(view, qr, logo);
}
