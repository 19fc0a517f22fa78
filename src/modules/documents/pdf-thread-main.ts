import { parentPort } from 'node:worker_threads';
import { DocumentRenderError } from './dte-json.js';
import type { PdfThreadAnswer, PdfThreadRequest } from './pdf-thread.js';
import { renderInvoicePdf, type PrintableInvoice } from './store.js';

/** One render of renderInvoicePdfOffThread, and what it hands over without a copy. */
async function render(m: PdfThreadRequest): Promise<{ answer: PdfThreadAnswer; transfer: ArrayBuffer | null }> {
  try {
    const logo = m.storedLogo
      ? Buffer.from(m.storedLogo.buffer, m.storedLogo.byteOffset, m.storedLogo.byteLength)
      : null;
    const { documentJson, ...rest } = m.invoice;
    const invoice = { ...rest, document: JSON.parse(documentJson) as unknown } as PrintableInvoice;
    const pdf = await renderInvoicePdf(invoice, logo, m.variant);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    // a Buffer of its own (not a slice of node's shared pool) is handed over without a copy
    const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
    return { answer: { id: m.id, pdf: bytes }, transfer: own ? (pdf.buffer as ArrayBuffer) : null };
  } catch (err) {
    const answer: PdfThreadAnswer =
      err instanceof DocumentRenderError
        ? {
            id: m.id,
            renderError: { code: err.code, field: err.field, detail: err.message.slice(err.field.length + 2) },
          }
        : { id: m.id, error: err instanceof Error ? err.message : String(err) };
    return { answer, transfer: null };
  }
}

/**
 * The thread of renderInvoicePdfOffThread: renders the PDFs of one message in order and answers them together (one
 * message back, one wake-up of the asking thread).
 */
const port = parentPort!;
port.on('message', (requests: PdfThreadRequest[]) => {
  void (async () => {
    const answers: PdfThreadAnswer[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const m of requests) {
      const r = await render(m);
      answers.push(r.answer);
      if (r.transfer) transfer.push(r.transfer);
    }
    port.postMessage(answers, transfer);
  })();
});
