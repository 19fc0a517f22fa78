/**
 * The deflate (RFC 1951) pieces of the QR image's stream (qr-image.ts): a dynamic Huffman block whose codes are the
 * same for every symbol — its header, the codes of the two bytes a pixel row is made of, the bits written least
 * significant first, and copies of what was written before.
 */

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
export const DARK = 0x00;
export const LIGHT = 0xff;
/**
 * Code lengths of the literal/length alphabet: the two bytes a pixel row is made of, then the end of block and every
 * length code. Complete (Kraft sum exactly 1: ½ + ¼ + 2/64 + 28/128), as inflaters require.
 */
export const LITERAL_LENGTHS: number[] = Array<number>(286).fill(0);
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
export class BitWriter {
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

export const HEADER = blockHeader();
export const LITERAL_CODES = canonicalCodes(LITERAL_LENGTHS);
const DIST_CODES = canonicalCodes(DIST_LENGTHS);

/** Writes a copy of `length` bytes from `distance` back (any length ≥ 3, as several matches when over 258). */
export function putCopy(w: BitWriter, length: number, distance: number): void {
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
