/**
 * Images decoded and compressed once per process, embedded in any number of PDFs.
 *
 * pdfkit embeds a PNG with transparency by inflating it, splitting colour from alpha and deflating both again, for
 * every document: with a tenant's logo (stored as an RGBA PNG) that was most of a PDF's cost — ≈ 20 ms against ≈ 4 ms
 * for the rest of a letter. Here pdfkit's own image code runs once per distinct image, against a recording stand-in
 * for a document; each PDF then gets the recorded objects (the image dictionary and its streams, the soft mask)
 * written as they are, through pdfkit's public `doc.ref()`. The PDF holds the same objects as when pdfkit embeds the
 * image itself; only their numbering may differ.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { DocumentRenderError } from './dte-json.js';

type Pdf = PDFKit.PDFDocument;

/** One PDF object as pdfkit's image code made it: its dictionary and the stream chunks written to it. */
class RecordedRef {
  readonly chunks: Uint8Array[] = [];
  ended = false;
  constructor(
    readonly data: Record<string, unknown>,
    private readonly onEnd: () => void,
  ) {}
  write(chunk: Uint8Array): void {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('image streams are binary');
    this.chunks.push(chunk);
  }
  end(chunk?: Uint8Array): void {
    if (chunk) this.write(chunk);
    this.ended = true;
    this.onEnd();
  }
}

/** An image ready to embed: its size and the PDF objects that make it, the image itself first. */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly refs: readonly RecordedRef[];
  readonly bytes: number;
}

type PdfkitImage = { width: number; height: number; embed(doc: unknown): unknown };

function invalid(err: unknown): DocumentRenderError {
  if (err instanceof DocumentRenderError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new DocumentRenderError('INVALID_LOGO', 'logo', `cannot be embedded (PNG or JPEG expected): ${message}`);
}

/** pdfkit decodes PNGs with alpha asynchronously; an image it never finishes is refused rather than awaited forever. */
const PREPARE_TIMEOUT_MS = 30_000;

/**
 * Runs pdfkit's embedding of the image (PNG or JPEG) once, recording the objects it makes; a typed error naming the
 * logo when pdfkit cannot read it.
 */
export function prepareImage(bytes: Buffer): Promise<PdfImage> {
  return new Promise<PdfImage>((resolve, reject) => {
    const scratch = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    const image = (scratch as unknown as { openImage(src: Buffer): PdfkitImage }).openImage(bytes);
    const refs: RecordedRef[] = [];
    const timer = setTimeout(() => reject(invalid(new Error('its pixels could not be decoded'))), PREPARE_TIMEOUT_MS);
    timer.unref();
    const settle = () => {
      // The image's own object is ended last, once its streams and soft mask are written.
      if (refs.some((r) => !r.ended)) return;
      clearTimeout(timer);
      const size = refs.reduce((n, r) => n + r.chunks.reduce((m, c) => m + c.length, 0), 0);
      resolve({ width: image.width, height: image.height, refs, bytes: size });
    };
    try {
      image.embed({
        ref(data: Record<string, unknown> = {}) {
          const ref = new RecordedRef(data, settle);
          refs.push(ref);
          return ref;
        },
      });
    } catch (err) {
      clearTimeout(timer);
      throw err;
    }
  }).catch((err: unknown) => {
    throw invalid(err);
  });
}

/** The part of pdfkit's PDF object (`doc.ref()`) used here. */
interface DocumentRef {
  data: Record<string, unknown>;
  write(chunk: Uint8Array): void;
  end(): void;
}

/** Replaces the recorded objects inside a dictionary value by the document's own. */
function mapRefs(value: unknown, real: Map<RecordedRef, DocumentRef>): unknown {
  if (value instanceof RecordedRef) return real.get(value);
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, real));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapRefs(v, real)]));
  }
  return value;
}

/** The document's private image counter, so the image gets the name pdfkit would give it (I1, I2…). */
export function nextLabel(doc: Pdf): string {
  const counted = doc as unknown as { _imageCount?: unknown };
  if (typeof counted._imageCount === 'number') return `I${++counted._imageCount}`;
  return `FxI${Math.random().toString(36).slice(2)}`;
}

/**
 * What `doc.image()` takes for an image it has not opened itself: width, height, a name, and `embed()`, which writes
 * the prepared objects into this document (dictionaries as recorded, streams already compressed, so pdfkit does not
 * compress them again: each carries its Filter).
 */
export function imageFor(doc: Pdf, image: PdfImage): object {
  return {
    width: image.width,
    height: image.height,
    label: nextLabel(doc),
    obj: null as unknown,
    embed(this: { obj: unknown }, target: Pdf) {
      const real = new Map<RecordedRef, DocumentRef>();
      // Created in pdfkit's order, each with its final dictionary (pdfkit decides on compression at creation).
      for (const r of image.refs) real.set(r, target.ref({ ...r.data }) as unknown as DocumentRef);
      for (const r of image.refs) {
        const ref = real.get(r)!;
        for (const [k, v] of Object.entries(r.data)) ref.data[k] = mapRefs(v, real);
        for (const chunk of r.chunks) ref.write(chunk);
      }
      // pdfkit's order too: the image's own object (first made) is ended last.
      for (const r of [...image.refs].reverse()) real.get(r)!.end();
      this.obj = real.get(image.refs[0]!);
    },
  };
}

/**
 * Prepared images by key (the content's SHA-256, so equal bytes share one entry whichever tenant they come from),
 * least recently used first out; bounded in count and in bytes held.
 */
const MAX_ENTRIES = 64;
const MAX_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, { image: Promise<PdfImage | null>; bytes: number }>();
let held = 0;

export function contentKey(kind: string, bytes: Buffer): string {
  return `${kind}:${createHash('sha256').update(bytes).digest('base64')}`;
}

/** The cached result of `make()` under `key`; a failure is not kept (the next call tries again). */
export function cachedImage(key: string, make: () => Promise<PdfImage | null>): Promise<PdfImage | null> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.image;
  }
  const entry = { image: make(), bytes: 0 };
  cache.set(key, entry);
  entry.image.then(
    (image) => {
      if (cache.get(key) !== entry) return;
      entry.bytes = image?.bytes ?? 0;
      held += entry.bytes;
      while (cache.size > MAX_ENTRIES || (held > MAX_BYTES && cache.size > 1)) evict();
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return entry.image;
}

function evict(): void {
  const [key, oldest] = cache.entries().next().value!;
  cache.delete(key);
  held -= oldest.bytes;
}

/** The image for raw PNG or JPEG bytes, prepared once per distinct content. */
export function pdfImage(bytes: Buffer): Promise<PdfImage> {
  return cachedImage(contentKey('image', bytes), () => prepareImage(bytes)) as Promise<PdfImage>;
}
