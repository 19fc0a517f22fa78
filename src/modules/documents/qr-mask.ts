/**
 * The QR mask the qrcode library would choose, found in a fraction of its time.
 *
 * qrcode picks the mask by applying each of the 8 patterns to the symbol and scoring it with the four penalty rules of
 * ISO/IEC 18004 — through a function call per module read, which made the choice 9/10 of a QR's cost. The same scoring
 * runs here on plain arrays, two rules per pass, each module's points looked up in a table rather than branched on:
 * the library's rules as it implements them (mask-pattern.js in qrcode 1.5; test/documents/qr.test.ts compares the
 * scores), the lowest score winning and the first of equals kept. The symbol itself is the library's, built once.
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
 * Rule 1's points as a line's modules arrive, indexed by the last six modules read (the newest in the lowest bit):
 * five equal modules score 3 when they start a run (the module before them differs) and 1 more for each module that
 * extends it, so a run of n ≥ 5 modules scores 3 + (n − 5), the rule's points. Looked up rather than branched on: which
 * way a data module goes is a coin toss, and a mispredicted branch per module was most of the mask's cost.
 */
const RUN_POINTS = new Uint8Array(64);
for (let last6 = 0; last6 < 64; last6 += 1) {
  const five = last6 & 0b11111;
  if (five === 0 || five === 0b11111) RUN_POINTS[last6] = last6 >> 5 === (last6 & 1) ? 1 : 3;
}

/** Rule 3: 1 for the 11 modules 10111010000 and 00001011101 (a finder-like 1011101 with four light modules). */
const FINDER_LIKE = new Uint8Array(0x800);
FINDER_LIKE[0x5d0] = 1;
FINDER_LIKE[0x05d] = 1;

/** Rule 2: a 2×2 block of one colour, by the number of its dark modules. */
const SAME_BLOCK = Uint8Array.of(1, 0, 0, 0, 1);

/**
 * Rules 1 and 3 in one pass over the rows and the columns at once (row a and column a side by side). Rule 1: runs of
 * 5 or more equal modules in a line, 3 points plus 1 per module past 5. Rule 3: the finder-like pattern 1011101 with
 * four light modules on one side (the 11 modules 10111010000 or 00001011101), 40 points each, counted from the 11th
 * module of a line on, as the library counts it. Each line's last 11 modules are kept in a register; before its first
 * module the register holds the opposite of that module (so that a run at the start of a line counts as starting),
 * which has left the 11 bits by the time rule 3 reads them.
 */
export function penaltyN1N3(m: Uint8Array, size: number): number {
  let runs = 0;
  let finders = 0;
  for (let a = 0; a < size; a += 1) {
    const line = a * size;
    let row = m[line]! ^ 1;
    let col = m[a]! ^ 1;
    let b = 0;
    for (; b < 4; b += 1) {
      row = (row << 1) | m[line + b]!;
      col = (col << 1) | m[b * size + a]!;
    }
    for (; b < 10; b += 1) {
      row = ((row << 1) & 0x7ff) | m[line + b]!;
      col = ((col << 1) & 0x7ff) | m[b * size + a]!;
      runs += RUN_POINTS[row & 63]! + RUN_POINTS[col & 63]!;
    }
    for (; b < size; b += 1) {
      row = ((row << 1) & 0x7ff) | m[line + b]!;
      col = ((col << 1) & 0x7ff) | m[b * size + a]!;
      runs += RUN_POINTS[row & 63]! + RUN_POINTS[col & 63]!;
      finders += FINDER_LIKE[row]! + FINDER_LIKE[col]!;
    }
  }
  return runs + finders * 40;
}

/**
 * Rules 2 and 4. Rule 2: 2×2 blocks of one colour, 3 points each (each block read as two vertical pairs, the left one
 * the right one of the block before). Rule 4: dark modules away from half, 10 points per 5 % step.
 */
export function penaltyN2N4(m: Uint8Array, size: number): number {
  let blocks = 0;
  let dark = 0;
  for (let i = 0; i < m.length; i += 1) dark += m[i]!;
  for (let row = 0; row < size - 1; row += 1) {
    const line = row * size;
    let left = m[line]! + m[line + size]!;
    for (let col = 1; col < size; col += 1) {
      const right = m[line + col]! + m[line + size + col]!;
      blocks += SAME_BLOCK[left + right]!;
      left = right;
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
