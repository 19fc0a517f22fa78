import { parentPort } from 'node:worker_threads';
import { DocumentRenderError } from './dte-json.js';
import type { PdfThreadAnswer, PdfThreadRequest } from './pdf-thread.js';
import { renderInvoicePdf, type PrintableInvoice } from './store.js';

/** The thread of renderInvoicePdfOffThread: renders one PDF per message, in order. */
const port = parentPort!;
port.on('message', (m: PdfThreadRequest) => {
  const logo = m.storedLogo ? Buffer.from(m.storedLogo.buffer, m.storedLogo.byteOffset, m.storedLogo.byteLength) : null;
  renderInvoicePdf(m.invoice as PrintableInvoice, logo, m.variant).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      // a Buffer of its own (not a slice of node's shared pool) is handed over without a copy
      const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
      port.postMessage({ id: m.id, pdf: bytes } satisfies PdfThreadAnswer, own ? [pdf.buffer as ArrayBuffer] : []);
    },
    (err: unknown) => {
      const answer: PdfThreadAnswer =
        err instanceof DocumentRenderError
          ? {
              id: m.id,
              renderError: { code: err.code, field: err.field, detail: err.message.slice(err.field.length + 2) },
            }
          : { id: m.id, error: err instanceof Error ? err.message : String(err) };
      port.postMessage(answer);
    },
  );
});
