/**
 * The QR mask the qrcode library would choose, found in a fraction of its time.
 *
 * qrcode picks the mask by applying each of the 8 patterns to the symbol and scoring it with the four penalty rules of
 * ISO/IEC 18004 — through a function call per module read, which made the choice 9/10 of a QR's cost. The same scoring
 * runs here on plain arrays, two rules per pass: the library's rules as it implements them (mask-pattern.js in qrcode
 * 1.5), the lowest score winning and the first of equals kept. The symbol itself is the library's, built once.
 */
import type { BitMatrix } from 'qrcode';

/** Error correction levels' format-information bits (ISO/IEC 18004 table 12). */
export const ECL_BITS = { L: 1, M: 0, Q: 3, H: 2 } as const;

const G15 = 0b10100110111;
const G15_MASK = 0b101010000010010;

function bchDigit(n: number): number {
  let digit = 0;
  while (n !== 0) {
    digit += 1;
    n >>>= 1;
  }
  return digit;
}

/** The 15 format bits: error correction level and mask, with their BCH(15, 5) check bits. */
export function formatBits(eclBits: number, mask: number): number {
  const data = (eclBits << 3) | mask;
  let d = data << 10;
  while (bchDigit(d) - bchDigit(G15) >= 0) d ^= G15 << (bchDigit(d) - bchDigit(G15));
  return ((data << 10) | d) ^ G15_MASK;
}

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

/** Writes the format bits where the library places them (both copies, and the fixed dark module). */
function setFormat(m: Uint8Array, size: number, bits: number): void {
  for (let i = 0; i < 15; i += 1) {
    const mod = (bits >> i) & 1;
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    m[vRow * size + 8] = mod;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * size + hCol] = mod;
  }
  m[(size - 8) * size + 8] = 1;
}

/**
 * Rules 1 and 3 in one pass over the rows and one over the columns. Rule 1: runs of 5 or more equal modules in a
 * line, 3 points plus 1 per module past 5. Rule 3: the finder-like pattern 1011101 with four light modules on one side
 * (the 11 modules 10111010000 or 00001011101), 40 points each.
 */
function penaltyN1N3(m: Uint8Array, size: number): number {
  let runs = 0;
  let finders = 0;
  for (let a = 0; a < size; a += 1) {
    let rowRun = 0;
    let colRun = 0;
    let rowLast = -1;
    let colLast = -1;
    let row = 0;
    let col = 0;
    for (let b = 0; b < size; b += 1) {
      const r = m[a * size + b]!;
      if (r === rowLast) rowRun += 1;
      else {
        if (rowRun >= 5) runs += rowRun - 2;
        rowLast = r;
        rowRun = 1;
      }
      row = ((row << 1) & 0x7ff) | r;
      const c = m[b * size + a]!;
      if (c === colLast) colRun += 1;
      else {
        if (colRun >= 5) runs += colRun - 2;
        colLast = c;
        colRun = 1;
      }
      col = ((col << 1) & 0x7ff) | c;
      if (b >= 10) {
        if (row === 0x5d0 || row === 0x05d) finders += 1;
        if (col === 0x5d0 || col === 0x05d) finders += 1;
      }
    }
    if (rowRun >= 5) runs += rowRun - 2;
    if (colRun >= 5) runs += colRun - 2;
  }
  return runs + finders * 40;
}

/**
 * Rules 2 and 4 in one pass. Rule 2: 2×2 blocks of one colour, 3 points each. Rule 4: dark modules away from half,
 * 10 points per 5 % step.
 */
function penaltyN2N4(m: Uint8Array, size: number): number {
  let blocks = 0;
  let dark = 0;
  for (let row = 0; row < size; row += 1) {
    const line = row * size;
    for (let col = 0; col < size; col += 1) {
      const i = line + col;
      dark += m[i]!;
      if (row < size - 1 && col < size - 1) {
        const sum = m[i]! + m[i + 1]! + m[i + size]! + m[i + size + 1]!;
        if (sum === 4 || sum === 0) blocks += 1;
      }
    }
  }
  return blocks * 3 + Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * 10;
}

/** Per symbol size: its reserved (function) modules and, for each pattern, the data modules the pattern flips. */
const flipsBySize = new Map<number, { reserved: Uint8Array; flips: Uint32Array[] }>();

function maskFlips(size: number, reserved: Uint8Array): Uint32Array[] {
  const known = flipsBySize.get(size);
  // the reserved modules follow from the version, which the size names; compared anyway, it is cheap
  if (known && Buffer.compare(known.reserved, reserved) === 0) return known.flips;
  const flips: Uint32Array[] = [];
  for (let p = 0; p < 8; p += 1) {
    const list: number[] = [];
    for (let row = 0; row < size; row += 1) {
      for (let col = 0; col < size; col += 1) {
        if (!reserved[row * size + col] && maskAt(p, row, col)) list.push(row * size + col);
      }
    }
    flips.push(Uint32Array.from(list));
  }
  flipsBySize.set(size, { reserved: Uint8Array.from(reserved), flips });
  return flips;
}

function xorAt(m: Uint8Array, indexes: Uint32Array): void {
  for (let k = 0; k < indexes.length; k += 1) m[indexes[k]!]! ^= 1;
}

/**
 * The best mask for a symbol the library built with mask `built` (its modules as returned, format bits included):
 * the data is unmasked, then each pattern is scored as the library scores it. The modules are left as the library
 * builds them with the winning mask — the winner's data modules flipped by its pattern and its format bits written,
 * exactly what was scored — so the symbol need not be built a second time.
 */
export function applyBestMask(modules: BitMatrix, built: number, eclBits: number): number {
  const { size, data, reservedBit } = modules;
  const flips = maskFlips(size, reservedBit);
  const plain = Uint8Array.from(data);
  xorAt(plain, flips[built]!);
  let m = new Uint8Array(plain.length);
  let winner = new Uint8Array(plain.length);
  let best = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let p = 0; p < 8; p += 1) {
    m.set(plain);
    setFormat(m, size, formatBits(eclBits, p));
    xorAt(m, flips[p]!);
    // a pattern whose first rules already reach the lowest score cannot win (the first of equals is kept)
    const partial = penaltyN1N3(m, size);
    if (partial >= lowest) continue;
    const penalty = partial + penaltyN2N4(m, size);
    if (penalty < lowest) {
      lowest = penalty;
      best = p;
      [winner, m] = [m, winner];
    }
  }
  data.set(winner);
  return best;
}
