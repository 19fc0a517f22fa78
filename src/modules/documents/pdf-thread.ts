import { Worker } from 'node:worker_threads';
import { DocumentRenderError, type DocumentRenderErrorCode } from './dte-json.js';
import type { PdfVariant, PrintableInvoice } from './store.js';

/**
 * One render asked of the thread: plain data only. The document travels as its JSON text: a string is copied across
 * as it is, and JSON.parse reads it back in about half the time the structured clone of the object takes to be
 * rebuilt on the other side (the document is JSON already: it is read from a jsonb column).
 */
export interface PdfThreadRequest {
  id: number;
  invoice: Omit<PrintableInvoice, 'id' | 'document'> & { id: string; documentJson: string };
  storedLogo: Uint8Array | null;
  variant: PdfVariant;
}
export type PdfThreadAnswer =
  | { id: number; pdf: Uint8Array }
  | { id: number; renderError: { code: DocumentRenderErrorCode; field: string; detail: string } }
  | { id: number; error: string };

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (err: unknown) => void;
}

/** The thread's name (its `comm` on Linux, cut to 15 characters): the benchmarks tell its CPU apart by it. */
export const PDF_THREAD_NAME = 'fx-pdf';

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;
/** The renders asked in this turn of the event loop, sent together at its end (one message, one wake-up). */
let queued: PdfThreadRequest[] = [];

function settle(m: PdfThreadAnswer): void {
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if ('pdf' in m) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
  else if ('renderError' in m)
    p.reject(new DocumentRenderError(m.renderError.code, m.renderError.field, m.renderError.detail));
  else p.reject(new Error(`PDF thread: ${m.error}`));
}

function thread(): Worker {
  if (worker) return worker;
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './pdf-thread-main.ts' : './pdf-thread-main.js', here);
  // From TypeScript sources (tests, `npm run dev`) the thread registers the same loader as the main thread first.
  const w = here.endsWith('.ts')
    ? new Worker(`import('@swc-node/register/esm-register').then(() => import(${JSON.stringify(entry.href)}))`, {
        eval: true,
        name: PDF_THREAD_NAME,
      })
    : new Worker(entry, { name: PDF_THREAD_NAME });
  // The thread answers the renders of one message together, in the order they were asked.
  w.on('message', (answers: PdfThreadAnswer[]) => {
    for (const m of answers) settle(m);
    if (pending.size === 0) w.unref();
  });
  const fail = (err: unknown) => {
    // The thread died: what it held fails (the jobs retry) and the next render starts a new one.
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`PDF thread exited (${code})`)));
  w.unref();
  return (worker = w);
}

/** Sends the renders asked in this turn (the e-mail jobs of a claim ask theirs together) as one message. */
function send(): void {
  const requests = queued;
  queued = [];
  if (requests.length === 0) return;
  const w = thread();
  w.ref();
  w.postMessage(requests);
}

/**
 * renderInvoicePdf on a thread of its own (one per process, started on first use): a PDF takes a few milliseconds
 * of CPU, which on the worker's event loop would hold back the transmissions waiting behind it. The same function
 * renders it, from the same data, so the bytes are the same. `documentJson` is `JSON.stringify(inv.document)`, when
 * the caller has it already.
 */
export function renderInvoicePdfOffThread(
  inv: PrintableInvoice,
  storedLogo: Buffer | null,
  variant: PdfVariant,
  documentJson: string = JSON.stringify(inv.document),
): Promise<Buffer> {
  const id = nextId++;
  const request: PdfThreadRequest = {
    id,
    invoice: {
      id: inv.id,
      status: inv.status,
      documentJson,
      selloRecibido: inv.selloRecibido ?? null,
      fhProcesamiento: inv.fhProcesamiento ?? null,
      sandbox: inv.sandbox ?? false,
    },
    storedLogo,
    variant,
  };
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    if (queued.push(request) === 1) setImmediate(send);
  });
}

/** Stops the thread (tests, shutdown); a later render starts a new one. */
export async function closePdfThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
