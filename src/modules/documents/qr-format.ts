/**
 * A QR symbol's format information: the error correction level and mask as 15 bits with their BCH check bits, and the
 * modules they are written to, where the qrcode library places them.
 */

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

/** Writes the format bits where the library places them (both copies, and the fixed dark module). */
export function setFormat(m: Uint8Array, size: number, bits: number): void {
  for (let i = 0; i < 15; i += 1) {
    const mod = (bits >> i) & 1;
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    m[vRow * size + 8] = mod;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * size + hCol] = mod;
  }
  m[(size - 8) * size + 8] = 1;
}

/** The format information's 30 modules (setFormat writes bit i at [i] and at [15 + i]) and the dark module. */
export function formatModules(size: number): Uint32Array {
  const at = new Uint32Array(31);
  for (let i = 0; i < 15; i += 1) {
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    at[i] = vRow * size + 8;
    at[15 + i] = 8 * size + hCol;
  }
  at[30] = (size - 8) * size + 8;
  return at;
}
