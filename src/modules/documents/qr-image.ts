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
 * the PNG took ≈ 0.7 KB, in a fraction of the time.
 */
import { nextLabel } from './pdf-image.js';

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

// --- deflate (RFC 1951) pieces: a dynamic Huffman block whose codes are the same for every symbol ---

/** Length codes 257…285: base length and extra bits. */
const LENGTH_BASE: number[] = [];
const LENGTH_EXTRA: number[] = [];
/** Distance codes 0…29: base distance and extra bits. */
const DIST_BASE: number[] = [];
const DIST_EXTRA: number[] = [];
{
  let base = 3;
  for (let code = 0; code < 28; code += 1) {
    const extra = code < 8 ? 0 : (code >> 2) - 1;
    LENGTH_BASE.push(base);
    LENGTH_EXTRA.push(extra);
    base += 1 << extra;
  }
  LENGTH_BASE.push(258);
  LENGTH_EXTRA.push(0);
  base = 1;
  for (let code = 0; code < 30; code += 1) {
    const extra = code < 4 ? 0 : (code >> 1) - 1;
    DIST_BASE.push(base);
    DIST_EXTRA.push(extra);
    base += 1 << extra;
  }
}

/** A module's byte in a pixel row. */
const DARK = 0x00;
const LIGHT = 0xff;
/**
 * Code lengths of the literal/length alphabet: the two bytes a pixel row is made of, then the end of block and every
 * length code. Complete (Kraft sum exactly 1: ½ + ¼ + 2/64 + 28/128), as inflaters require.
 */
const LITERAL_LENGTHS: number[] = Array<number>(286).fill(0);
LITERAL_LENGTHS[LIGHT] = 1;
LITERAL_LENGTHS[DARK] = 2;
for (let symbol = 256; symbol < 286; symbol += 1) LITERAL_LENGTHS[symbol] = symbol < 258 ? 6 : 7;
/** Every distance code: two of 4 bits, 28 of 5 (complete). */
const DIST_LENGTHS: number[] = Array.from({ length: 30 }, (_, code) => (code < 2 ? 4 : 5));

/** Canonical Huffman codes for `lengths`, bit-reversed as deflate writes them (least significant bit first). */
function canonicalCodes(lengths: readonly number[]): number[] {
  const count = Array<number>(16).fill(0);
  for (const length of lengths) if (length) count[length]! += 1;
  const next = Array<number>(16).fill(0);
  let code = 0;
  for (let bits = 1; bits < 16; bits += 1) {
    code = (code + count[bits - 1]!) << 1;
    next[bits] = code;
  }
  return lengths.map((length) => {
    if (!length) return 0;
    const c = next[length]!;
    next[length] = c + 1;
    let reversed = 0;
    for (let i = 0; i < length; i += 1) reversed |= ((c >> i) & 1) << (length - 1 - i);
    return reversed;
  });
}

/** Bits written least significant first, as deflate packs them. */
class BitWriter {
  private bits = 0;
  private count = 0;
  length = 0;
  constructor(readonly out: Uint8Array) {}
  put(value: number, count: number): void {
    this.bits |= value << this.count;
    this.count += count;
    while (this.count >= 8) {
      this.out[this.length++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }
  /** Pads the last byte with zeros. */
  align(): void {
    if (this.count > 0) this.put(0, 8 - this.count);
  }
}

/** The order in which a dynamic block lists its code-length code's lengths. */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * The dynamic block's header (BFINAL and BTYPE included) for the two alphabets above: the code lengths run-length
 * coded with the code-length alphabet (zeros as runs, symbols 17 and 18), which has its own complete code.
 */
function blockHeader(): { bits: number[]; counts: number[] } {
  const sequence = [...LITERAL_LENGTHS, ...DIST_LENGTHS];
  const symbols: [number, number, number][] = []; // code-length symbol, extra value, extra bits
  for (let i = 0; i < sequence.length; ) {
    const length = sequence[i]!;
    let run = 1;
    while (i + run < sequence.length && sequence[i + run] === length) run += 1;
    if (length === 0 && run >= 11) {
      const n = Math.min(run, 138);
      symbols.push([18, n - 11, 7]);
      i += n;
    } else if (length === 0 && run >= 3) {
      const n = Math.min(run, 10);
      symbols.push([17, n - 3, 3]);
      i += n;
    } else {
      symbols.push([length, 0, 0]);
      i += 1;
    }
  }
  // the code-length alphabet's own code, complete: of n symbols, 2^L − n get L − 1 bits and the rest L (2^L ≥ n)
  const used = [...new Set(symbols.map(([s]) => s))].sort((x, y) => x - y);
  const longest = Math.max(1, Math.ceil(Math.log2(used.length)));
  const shorter = 2 ** longest - used.length;
  const clLengths = Array<number>(19).fill(0);
  for (const [i, s] of used.entries()) clLengths[s] = i < shorter ? longest - 1 : longest;
  const clCodes = canonicalCodes(clLengths);
  let hclen = CL_ORDER.length;
  while (clLengths[CL_ORDER[hclen - 1]!] === 0) hclen -= 1;
  const bits: number[] = [];
  const counts: number[] = [];
  const put = (value: number, count: number) => {
    bits.push(value);
    counts.push(count);
  };
  put(1, 1); // BFINAL: the only block
  put(2, 2); // BTYPE 10: dynamic Huffman codes
  put(LITERAL_LENGTHS.length - 257, 5);
  put(DIST_LENGTHS.length - 1, 5);
  put(hclen - 4, 4);
  for (let i = 0; i < hclen; i += 1) put(clLengths[CL_ORDER[i]!]!, 3);
  for (const [symbol, extra, extraBits] of symbols) {
    put(clCodes[symbol]!, clLengths[symbol]!);
    if (extraBits) put(extra, extraBits);
  }
  return { bits, counts };
}

const HEADER = blockHeader();
const LITERAL_CODES = canonicalCodes(LITERAL_LENGTHS);
const DIST_CODES = canonicalCodes(DIST_LENGTHS);
const ADLER_MOD = 65521;

/** Writes a copy of `length` bytes from `distance` back (any length ≥ 3, as several matches when over 258). */
function putCopy(w: BitWriter, length: number, distance: number): void {
  let dcode = 0;
  while (dcode < 29 && DIST_BASE[dcode + 1]! <= distance) dcode += 1;
  while (length > 0) {
    // a last piece shorter than 3 cannot be a match: shorten this one instead
    const piece = length > 258 ? (length - 258 < 3 ? length - 3 : 258) : length;
    let lcode = 0;
    while (lcode < 28 && LENGTH_BASE[lcode + 1]! <= piece) lcode += 1;
    w.put(LITERAL_CODES[257 + lcode]!, LITERAL_LENGTHS[257 + lcode]!);
    if (LENGTH_EXTRA[lcode]) w.put(piece - LENGTH_BASE[lcode]!, LENGTH_EXTRA[lcode]!);
    w.put(DIST_CODES[dcode]!, DIST_LENGTHS[dcode]!);
    if (DIST_EXTRA[dcode]) w.put(distance - DIST_BASE[dcode]!, DIST_EXTRA[dcode]!);
    length -= piece;
  }
}

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
