/**
 * The QR symbol as the PDF's image object itself: DeviceGray, two bits a pixel (0 dark, 3 light) and 4 pixels a
 * module, so that each module of a pixel row is one byte (0x00 or 0xFF) and a row is whole bytes — the same image the
 * PNG of qr-png.ts held, compressed here into a zlib stream the PDF reads with its FlateDecode filter.
 *
 * The PNG had to be assembled (chunks and their CRCs), deflated by zlib (a stream object and its state set up for
 * each image) and then taken apart again by pdfkit to be copied into the PDF. The symbol needs none of that: each
 * module row is its first pixel row repeated three more times, and a pixel row holds two byte values. So the stream is
 * written directly: the first pixel row of each module row as literals, the rest of the module row (and any module row
 * equal to the one above, such as the quiet zone) as one copy of the row above, with a Huffman code fixed once for
 * these few symbols (a light module in one bit, a dark one in two). A letter's QR (version 7) takes ≈ 0.55 KB where
 * the PNG took ≈ 0.7 KB, in a fraction of the time. The block's codes and its bit writer are in qr-image-deflate.ts.
 */
import { nextLabel } from './pdf-image.js';
import { BitWriter, DARK, HEADER, LIGHT, LITERAL_CODES, LITERAL_LENGTHS, putCopy } from './qr-image-deflate.js';

type Pdf = PDFKit.PDFDocument;

/** Pixels per module: enough that viewers scale the image up without smoothing the modules' edges. */
export const QR_SCALE = 4;
/** Light modules on each side (ISO/IEC 18004's quiet zone), so phone cameras lock on. */
export const QR_MARGIN = 4;

/** A QR symbol's modules, row-major, truthy = dark (qrcode's BitMatrix). */
export interface QrModules {
  size: number;
  data: ArrayLike<number | boolean>;
}

/** The symbol's image: its side in pixels and the zlib stream of its pixel rows. */
export interface QrImage {
  readonly side: number;
  readonly stream: Uint8Array;
}

const ADLER_MOD = 65521;

/**
 * A module row's literals eight modules at a time: by a byte of modules (the first in the high bit, 1 = dark), the
 * bits that write them (a light module's code, then a dark one's … least significant first, as BitWriter takes them)
 * and how many; and for the image's Adler-32, how many of the eight are dark and the sum of their places (0 to 7).
 */
const BYTE_CODES = new Uint32Array(256);
const BYTE_CODE_LENGTHS = new Uint8Array(256);
const BYTE_DARK = new Uint8Array(256);
const BYTE_PLACES = new Uint8Array(256);
for (let byte = 0; byte < 256; byte += 1) {
  let bits = 0;
  let length = 0;
  for (let place = 0; place < 8; place += 1) {
    const dark = (byte >> (7 - place)) & 1;
    const code = dark ? LITERAL_CODES[DARK]! : LITERAL_CODES[LIGHT]!;
    bits |= code << length;
    length += dark ? LITERAL_LENGTHS[DARK]! : LITERAL_LENGTHS[LIGHT]!;
    BYTE_DARK[byte]! += dark;
    BYTE_PLACES[byte]! += dark * place;
  }
  BYTE_CODES[byte] = bits;
  BYTE_CODE_LENGTHS[byte] = length;
}

/** The quiet zone's QR_MARGIN light modules on either side of a module row: their codes, and how many bits. */
let MARGIN_CODES = 0;
for (let m = 0; m < QR_MARGIN; m += 1) MARGIN_CODES |= LITERAL_CODES[LIGHT]! << (m * LITERAL_LENGTHS[LIGHT]!);
const MARGIN_CODE_LENGTH = QR_MARGIN * LITERAL_LENGTHS[LIGHT]!;

/** The symbol's image: (size + 2 × QR_MARGIN) × QR_SCALE pixels a side, two bits each. */
export function qrImage(modules: QrModules): QrImage {
  const { size, data } = modules;
  const span = size + QR_MARGIN * 2; // modules a row, quiet zone included: a pixel row's bytes
  const out = new Uint8Array(64 + span * Math.ceil((span * 2 + 128) / 8));
  out[0] = 0x78; // zlib: deflate, 32 KB window
  out[1] = 0x01; // no dictionary, (0x7801 % 31 === 0)
  const w = new BitWriter(out);
  w.length = 2;
  for (let i = 0; i < HEADER.bits.length; i += 1) w.put(HEADER.bits[i]!, HEADER.counts[i]!);
  const lightCode = LITERAL_CODES[LIGHT]!;
  const lightLength = LITERAL_LENGTHS[LIGHT]!;
  // the rows packed eight modules a byte, the first in the high bit (the last byte's unused low bits light)
  const stride = (size + 7) >> 3;
  const rows = new Uint8Array(stride * size);
  for (let row = 0, at = 0; row < size; row += 1) {
    for (let k = 0, col = 0; k < stride; k += 1) {
      let byte = 0;
      for (let bit = 7; bit >= 0; bit -= 1, col += 1) if (col < size && data[at + col]) byte |= 1 << bit;
      rows[row * stride + k] = byte;
    }
    at += size;
  }
  // the last byte's light modules past the symbol's edge, written by its code but not in the image
  const extra = stride * 8 - size;
  // Adler-32 of the image's bytes: per pixel row, its sum and its bytes weighted by their distance from its end
  let a = 1;
  let b = 0;
  const rowLight = LIGHT * span;
  const weightedLight = (LIGHT * span * (span + 1)) / 2;
  let pending = 0; // bytes still to copy from the row above
  let previous = -1; // the module row last written as literals (-1: a row of the quiet zone)
  for (let r = 0; r < span; r += 1) {
    const row = r - QR_MARGIN;
    const inside = row >= 0 && row < size;
    let sum = rowLight;
    let weighted = weightedLight;
    let same = r > 0 && !inside && previous === -1;
    const first = row * stride;
    if (inside) {
      same = previous >= 0;
      let dark = 0;
      let places = 0; // the dark modules' columns, summed
      for (let k = 0; k < stride; k += 1) {
        const byte = rows[first + k]!;
        dark += BYTE_DARK[byte]!;
        places += BYTE_DARK[byte]! * 8 * k + BYTE_PLACES[byte]!;
        if (same && byte !== rows[previous * stride + k]) same = false;
      }
      // a dark module at column col takes LIGHT from the sum, LIGHT × (its distance from the row's end) from weighted
      sum -= LIGHT * dark;
      weighted -= LIGHT * ((span - QR_MARGIN) * dark - places);
    }
    for (let copy = 0; copy < QR_SCALE; copy += 1) {
      b = (b + span * a + weighted) % ADLER_MOD;
      a = (a + sum) % ADLER_MOD;
    }
    if (same) {
      pending += span * QR_SCALE;
      continue;
    }
    if (pending) putCopy(w, pending, span);
    if (inside) {
      w.put(MARGIN_CODES, MARGIN_CODE_LENGTH);
      for (let k = 0; k < stride; k += 1) {
        const byte = rows[first + k]!;
        // the last byte's unused modules are light: their codes are the bits past the ones kept
        const length = k + 1 === stride ? BYTE_CODE_LENGTHS[byte]! - extra * lightLength : BYTE_CODE_LENGTHS[byte]!;
        w.put(BYTE_CODES[byte]! & ((1 << length) - 1), length);
      }
      w.put(MARGIN_CODES, MARGIN_CODE_LENGTH);
    } else {
      for (let m = 0; m < span; m += 1) w.put(lightCode, lightLength);
    }
    pending = span * (QR_SCALE - 1);
    previous = inside ? row : -1;
  }
  if (pending) putCopy(w, pending, span);
  w.put(LITERAL_CODES[256]!, LITERAL_LENGTHS[256]!); // end of block
  w.align();
  const adler = ((b << 16) | a) >>> 0;
  out[w.length++] = adler >>> 24;
  out[w.length++] = (adler >>> 16) & 0xff;
  out[w.length++] = (adler >>> 8) & 0xff;
  out[w.length++] = adler & 0xff;
  return { side: span * QR_SCALE, stream: out.subarray(0, w.length) };
}

/** The part of pdfkit's PDF object (`doc.ref()`) used here. */
interface DocumentRef {
  end(chunk: Uint8Array): void;
}

/**
 * Draws the QR image in the box (x, y, size × size), through `doc.image()` with an image object pdfkit did not open
 * (a size, a name and embed(), which writes the image dictionary and its stream, already compressed: it carries its
 * Filter, so pdfkit does not compress it again).
 */
export function drawQr(doc: Pdf, qr: QrImage, x: number, y: number, size: number): void {
  const image = {
    width: qr.side,
    height: qr.side,
    label: nextLabel(doc),
    obj: null as unknown,
    embed(this: { obj: unknown }, target: Pdf) {
      const ref = target.ref({
        Type: 'XObject',
        Subtype: 'Image',
        Width: qr.side,
        Height: qr.side,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 2,
        Filter: 'FlateDecode',
      }) as unknown as DocumentRef;
      ref.end(qr.stream);
      this.obj = ref;
    },
  };
  doc.image(image as unknown as PDFKit.Mixins.ImageSrc, x, y, { width: size, height: size });
}
