/**
 * The eight mask patterns as the modules each one flips, made once per symbol size and per error correction level
 * (with the format bits each pattern writes), packed as rows and columns to be applied as they are read (qr-mask.ts).
 */
import { formatBits, formatModules } from './qr-format.js';
import { lineBytes, packLines } from './qr-packed-lines.js';

function maskAt(pattern: number, i: number, j: number): boolean {
  switch (pattern) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

/**
 * Per symbol size: its reserved (function) modules, the format information's modules and, for each pattern, the data
 * modules the pattern flips, as indexes. Per error correction level and pattern, what turns the symbol unmasked and
 * with its format area light (the dark module dark) into the masked symbol the pattern is scored on — the pattern's
 * flips and the dark format bits — as packed rows and packed columns (packLines), to be applied as they are read.
 */
interface SizeMasks {
  reserved: Uint8Array;
  format: Uint32Array;
  flips: Uint32Array[];
  byLevel: ({ rows: Uint8Array[]; cols: Uint8Array[] } | undefined)[];
}
const masksBySize = new Map<number, SizeMasks>();

export function sizeMasks(size: number, reserved: Uint8Array): SizeMasks {
  const known = masksBySize.get(size);
  // the reserved modules follow from the version, which the size names; compared anyway, it is cheap
  if (known && Buffer.compare(known.reserved, reserved) === 0) return known;
  const masks: SizeMasks = { reserved: Uint8Array.from(reserved), format: formatModules(size), flips: [], byLevel: [] };
  for (let p = 0; p < 8; p += 1) {
    const list: number[] = [];
    for (let row = 0; row < size; row += 1) {
      for (let col = 0; col < size; col += 1) {
        if (!reserved[row * size + col] && maskAt(p, row, col)) list.push(row * size + col);
      }
    }
    masks.flips.push(Uint32Array.from(list));
  }
  masksBySize.set(size, masks);
  return masks;
}

export function levelMasks(
  masks: SizeMasks,
  size: number,
  eclBits: number,
): { rows: Uint8Array[]; cols: Uint8Array[] } {
  const known = masks.byLevel[eclBits];
  if (known) return known;
  const packed = size * lineBytes(size);
  const made = { rows: [] as Uint8Array[], cols: [] as Uint8Array[] };
  for (let p = 0; p < 8; p += 1) {
    const flipped = new Uint8Array(size * size);
    xorAt(flipped, masks.flips[p]!);
    const bits = formatBits(eclBits, p);
    for (let i = 0; i < 15; i += 1) {
      const mod = (bits >> i) & 1;
      flipped[masks.format[i]!] = mod;
      flipped[masks.format[15 + i]!] = mod;
    }
    made.rows.push(packLines(flipped, size, false, new Uint8Array(packed)));
    made.cols.push(packLines(flipped, size, true, new Uint8Array(packed)));
  }
  return (masks.byLevel[eclBits] = made);
}

export function xorAt(m: Uint8Array, indexes: Uint32Array): void {
  for (let k = 0; k < indexes.length; k += 1) m[indexes[k]!]! ^= 1;
}
