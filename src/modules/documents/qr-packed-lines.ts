/** A module matrix's rows or columns packed eight modules a byte (the first module in the high bit). */

/** Bytes per packed line of a symbol of `size` modules: eight modules a byte, the first in the high bit. */
export const lineBytes = (size: number): number => (size + 7) >> 3;

/** The rows (`transposed` false) or the columns of a module matrix, each packed into lineBytes(size) bytes. */
export function packLines(m: Uint8Array, size: number, transposed: boolean, out: Uint8Array): Uint8Array {
  const stride = lineBytes(size);
  const whole = size >> 3;
  const tail = size & 7;
  // along a line: the next module is 1 further (a row) or `size` further (a column); the next line starts accordingly
  const d = transposed ? size : 1;
  const across = transposed ? 1 : size;
  for (let a = 0; a < size; a += 1) {
    let at = a * across;
    let k = a * stride;
    for (let b = 0; b < whole; b += 1) {
      out[k++] =
        (m[at]! << 7) |
        (m[at + d]! << 6) |
        (m[at + 2 * d]! << 5) |
        (m[at + 3 * d]! << 4) |
        (m[at + 4 * d]! << 3) |
        (m[at + 5 * d]! << 2) |
        (m[at + 6 * d]! << 1) |
        m[at + 7 * d]!;
      at += 8 * d;
    }
    if (tail === 0) continue;
    let byte = 0;
    for (let b = 0; b < tail; b += 1) {
      byte = (byte << 1) | m[at]!;
      at += d;
    }
    out[k] = byte << (8 - tail);
  }
  return out;
}
