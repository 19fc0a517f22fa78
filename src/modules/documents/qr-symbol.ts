/**
 * The QR symbol of a text (ISO/IEC 18004): one byte-mode segment, error correction M — the symbol the qrcode library
 * builds for `QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: 'M' })`, module for module (same version,
 * same codewords and placement, same mask: test/documents/qr.test.ts compares them at every version).
 *
 * The library builds every symbol from scratch, a module at a time through method calls: the bit stream a bit at a
 * time, a Reed-Solomon generator polynomial per symbol, the function patterns and the data's zigzag path walked anew.
 * Here what depends only on the version is made once — the function patterns and which modules they reserve, the
 * order in which data bits fill the others, the generator polynomial — and a symbol is its codewords written along
 * that order; the mask is chosen as the library chooses it (qr-mask.ts).
 */
import { applyBestMask, ECL_BITS } from './qr-mask.js';

/** A symbol's modules: row-major, 1 = dark; `reservedBit` marks the function patterns (as qrcode's BitMatrix). */
export interface QrMatrix {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
  get(row: number, col: number): number;
}

export interface QrSymbol {
  version: number;
  maskPattern: number;
  modules: QrMatrix;
}

/** Error correction M per version 1…40: blocks, and error correction codewords in all (ISO/IEC 18004 table 9). */
const EC_BLOCKS_M = [
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35,
  37, 38, 40, 43, 45, 47, 49,
];
const EC_CODEWORDS_M = [
  10, 16, 26, 36, 48, 64, 72, 88, 110, 130, 150, 176, 198, 216, 240, 280, 308, 338, 364, 416, 442, 476, 504, 560, 588,
  644, 700, 728, 784, 812, 868, 924, 980, 1036, 1064, 1120, 1204, 1260, 1316, 1372,
];

/** Codewords a symbol of `version` holds (its modules less the function patterns and format/version information). */
function totalCodewords(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const alignments = Math.floor(version / 7) + 2;
    modules -= (25 * alignments - 10) * alignments - 55;
    if (version >= 7) modules -= 36;
  }
  return Math.floor(modules / 8);
}

function dataCodewords(version: number): number {
  return totalCodewords(version) - EC_CODEWORDS_M[version - 1]!;
}

/** Bits of the character count in byte mode. */
function countBits(version: number): number {
  return version < 10 ? 8 : 16;
}

/** The smallest version whose data codewords hold `length` bytes in one byte-mode segment (the library's choice). */
function versionFor(length: number): number {
  for (let version = 1; version <= 40; version += 1) {
    const usable = dataCodewords(version) * 8 - 4 - countBits(version);
    if (length <= Math.floor(usable / 8)) return version;
  }
  throw new Error('The amount of data is too big to be stored in a QR Code');
}

// GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i += 1) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i += 1) EXP[i] = EXP[i - 255]!;
}

/** The generator polynomial of `degree` (∏ (x − αⁱ), i < degree) as the logs of its coefficients, highest first. */
const generators = new Map<number, Uint8Array>();
function generatorLogs(degree: number): Uint8Array {
  let logs = generators.get(degree);
  if (logs) return logs;
  let poly = [1];
  for (let i = 0; i < degree; i += 1) {
    const next = Array<number>(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j += 1) {
      next[j]! ^= poly[j]!;
      if (poly[j]) next[j + 1]! ^= EXP[LOG[poly[j]!]! + i]!;
    }
    poly = next;
  }
  logs = Uint8Array.from(poly.slice(1), (c) => LOG[c]!);
  generators.set(degree, logs);
  return logs;
}

/** The error correction codewords of `data[from, to)`: its remainder by the generator, into `out` at `at`. */
function reedSolomon(data: Uint8Array, from: number, to: number, logs: Uint8Array, out: Uint8Array, at: number): void {
  const degree = logs.length;
  const rem = new Uint8Array(degree);
  for (let k = from; k < to; k += 1) {
    const factor = data[k]! ^ rem[0]!;
    rem.copyWithin(0, 1);
    rem[degree - 1] = 0;
    if (factor === 0) continue;
    const f = LOG[factor]!;
    for (let i = 0; i < degree; i += 1) rem[i]! ^= EXP[logs[i]! + f]!;
  }
  out.set(rem, at);
}

/** What a version's symbols share: function patterns (format areas left light), reserved modules, data order. */
interface Template {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
  /** The module of each data bit, in the order codewords fill them (most significant bit first). */
  order: Uint32Array;
}

function alignmentCoords(version: number, size: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const interval = size === 145 ? 26 : Math.ceil((size - 13) / (2 * count - 2)) * 2;
  const coords = [size - 7];
  for (let i = 1; i < count - 1; i += 1) coords[i] = coords[i - 1]! - interval;
  coords.push(6);
  return coords.reverse();
}

/** The 18 version bits (BCH(18, 6)) for versions 7 and above. */
function versionBits(version: number): number {
  const G18 = 0x1f25;
  const digits = (n: number) => 32 - Math.clz32(n);
  let d = version << 12;
  while (digits(d) - digits(G18) >= 0) d ^= G18 << (digits(d) - digits(G18));
  return (version << 12) | d;
}

const templates = new Map<number, Template>();
function template(version: number): Template {
  const known = templates.get(version);
  if (known) return known;
  const size = version * 4 + 17;
  const data = new Uint8Array(size * size);
  const reservedBit = new Uint8Array(size * size);
  const set = (row: number, col: number, dark: boolean) => {
    data[row * size + col] = dark ? 1 : 0;
    reservedBit[row * size + col] = 1;
  };
  // finder patterns with their separators
  for (const [row, col] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ] as const) {
    for (let r = -1; r <= 7; r += 1) {
      if (row + r <= -1 || size <= row + r) continue;
      for (let c = -1; c <= 7; c += 1) {
        if (col + c <= -1 || size <= col + c) continue;
        const dark =
          (r >= 0 && r <= 6 && (c === 0 || c === 6)) ||
          (c >= 0 && c <= 6 && (r === 0 || r === 6)) ||
          (r >= 2 && r <= 4 && c >= 2 && c <= 4);
        set(row + r, col + c, dark);
      }
    }
  }
  // timing patterns
  for (let r = 8; r < size - 8; r += 1) {
    set(r, 6, r % 2 === 0);
    set(6, r, r % 2 === 0);
  }
  // alignment patterns (not over the finders)
  const coords = alignmentCoords(version, size);
  const last = coords.length - 1;
  for (let i = 0; i < coords.length; i += 1) {
    for (let j = 0; j < coords.length; j += 1) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      const row = coords[i]!;
      const col = coords[j]!;
      for (let r = -2; r <= 2; r += 1) {
        for (let c = -2; c <= 2; c += 1) {
          set(row + r, col + c, r === -2 || r === 2 || c === -2 || c === 2 || (r === 0 && c === 0));
        }
      }
    }
  }
  // format information areas (written with the mask) and the dark module
  for (let i = 0; i < 15; i += 1) {
    set(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, 8, false);
    set(8, i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1, false);
  }
  set(size - 8, 8, true);
  // version information
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i += 1) {
      const row = Math.floor(i / 3);
      const col = (i % 3) + size - 11;
      const dark = ((bits >> i) & 1) === 1;
      set(row, col, dark);
      set(col, row, dark);
    }
  }
  // the data's path: two-module columns from the right, upwards then downwards, skipping the timing column
  const order: number[] = [];
  let row = size - 1;
  let step = -1;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col -= 1;
    for (;;) {
      for (let c = 0; c < 2; c += 1) if (!reservedBit[row * size + col - c]) order.push(row * size + col - c);
      row += step;
      if (row < 0 || size <= row) {
        row -= step;
        step = -step;
        break;
      }
    }
  }
  const made = { size, data, reservedBit, order: Uint32Array.from(order) };
  templates.set(version, made);
  return made;
}

/** The data codewords: mode, count, the bytes, terminator and padding (0xEC, 0x11 …). */
function dataStream(bytes: Uint8Array, version: number): Uint8Array {
  const capacity = dataCodewords(version);
  const out = new Uint8Array(capacity);
  let bits = 0;
  const put = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i -= 1) {
      if ((value >>> i) & 1) out[bits >>> 3]! |= 0x80 >>> (bits & 7);
      bits += 1;
    }
  };
  put(0b0100, 4); // byte mode
  put(bytes.length, countBits(version));
  for (let i = 0; i < bytes.length; i += 1) put(bytes[i]!, 8);
  if (bits + 4 <= capacity * 8) bits += 4; // terminator
  let at = Math.ceil(bits / 8);
  for (let pad = 0; at < capacity; pad += 1) out[at++] = pad % 2 ? 0x11 : 0xec;
  return out;
}

/** The codewords in the order they are placed: blocks' data interleaved, then their error correction interleaved. */
function codewords(data: Uint8Array, version: number): Uint8Array {
  const total = totalCodewords(version);
  const blocks = EC_BLOCKS_M[version - 1]!;
  const inGroup2 = total % blocks;
  const inGroup1 = blocks - inGroup2;
  const dataInGroup1 = Math.floor(data.length / blocks);
  const ecCount = Math.floor(total / blocks) - dataInGroup1;
  const logs = generatorLogs(ecCount);
  const ec = new Uint8Array(blocks * ecCount);
  const starts: number[] = [];
  let offset = 0;
  for (let b = 0; b < blocks; b += 1) {
    const size = b < inGroup1 ? dataInGroup1 : dataInGroup1 + 1;
    starts.push(offset);
    reedSolomon(data, offset, offset + size, logs, ec, b * ecCount);
    offset += size;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i <= dataInGroup1; i += 1) {
    for (let b = 0; b < blocks; b += 1) {
      const size = b < inGroup1 ? dataInGroup1 : dataInGroup1 + 1;
      if (i < size) out[at++] = data[starts[b]! + i]!;
    }
  }
  for (let i = 0; i < ecCount; i += 1) for (let b = 0; b < blocks; b += 1) out[at++] = ec[b * ecCount + i]!;
  return out;
}

/** The QR symbol of `text` (UTF-8, byte mode, error correction M), its mask chosen by the library's rules. */
export function encodeQr(text: string): QrSymbol {
  const bytes = Buffer.from(text, 'utf8');
  const version = versionFor(bytes.length);
  const t = template(version);
  const cw = codewords(dataStream(bytes, version), version);
  const data = t.data.slice();
  const { order } = t;
  const bitCount = Math.min(order.length, cw.length * 8);
  for (let k = 0; k < bitCount; k += 1) if ((cw[k >>> 3]! >>> (7 - (k & 7))) & 1) data[order[k]!] = 1;
  const size = t.size;
  const modules: QrMatrix = {
    size,
    data,
    reservedBit: t.reservedBit,
    get: (row, col) => data[row * size + col]!,
  };
  const maskPattern = applyBestMask(modules, null, ECL_BITS.M);
  return { version, maskPattern, modules };
}
