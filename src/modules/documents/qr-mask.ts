/**
 * The QR mask the qrcode library would choose, found in a fraction of its time.
 *
 * qrcode picks the mask by applying each of the 8 patterns to the symbol and scoring it with the four penalty rules of
 * ISO/IEC 18004 — through a function call per module read, which made the choice 9/10 of a QR's cost. The same scoring
 * runs here on the symbol's rows and columns packed eight modules a byte, each byte's points looked up in a table
 * rather than counted module by module: the library's rules as it implements them (mask-pattern.js in qrcode 1.5;
 * test/documents/qr.test.ts compares the scores), the lowest score winning and the first of equals kept. The symbol
 * itself is built once (qr-symbol.ts), unmasked. The patterns' flips are made in qr-mask-patterns.ts, the format
 * information in qr-format.ts.
 */
import { formatBits, setFormat } from './qr-format.js';
import { levelMasks, sizeMasks, xorAt } from './qr-mask-patterns.js';
import { lineBytes, packLines } from './qr-packed-lines.js';

export { ECL_BITS, formatBits } from './qr-format.js';

/** A symbol's modules (row-major, 1 = dark) and its function patterns (1 = reserved), as in qrcode's BitMatrix. */
export interface MaskableModules {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
}

/**
 * Rule 1 as a line's modules arrive eight at a time (the first module in the high bit). A state is where the line
 * stands: 0 before its first module, else 1 + 5 × colour + (length of the current run − 1), a run of five or more
 * counting as five. Five equal modules score 3 when they make the run five long and 1 more for each module that extends
 * it, so a run of n ≥ 5 modules scores 3 + (n − 5), the rule's points. RUN_STEP takes one module, runTable(n) the first
 * n of a byte: by state and modules, the points (above the low four bits) and the state after them.
 */
const RUN_STATES = 11;
const RUN_STEP = new Uint8Array(RUN_STATES * 2);
for (let state = 0; state < RUN_STATES; state += 1) {
  for (let module = 0; module < 2; module += 1) {
    const colour = state === 0 ? -1 : Math.floor((state - 1) / 5);
    const length = state === 0 ? 0 : ((state - 1) % 5) + 1;
    let next = 1 + 5 * module;
    let points = 0;
    if (module === colour) {
      next = 1 + 5 * colour + Math.min(length + 1, 5) - 1;
      points = length + 1 === 5 ? 3 : length + 1 > 5 ? 1 : 0;
    }
    RUN_STEP[state * 2 + module] = (points << 4) | next;
  }
}
/** By state and byte, rule 1 over the byte's first `modules` modules (RUN_STEP `modules` times); made once each. */
const runTables: Uint16Array[] = [];
function runTable(modules: number): Uint16Array {
  const known = runTables[modules];
  if (known) return known;
  const table = new Uint16Array(RUN_STATES * 256);
  for (let state = 0; state < RUN_STATES; state += 1) {
    for (let byte = 0; byte < 256; byte += 1) {
      let at = state;
      let points = 0;
      for (let bit = 7; bit > 7 - modules; bit -= 1) {
        const step = RUN_STEP[at * 2 + ((byte >> bit) & 1)]!;
        points += step >> 4;
        at = step & 15;
      }
      table[(state << 8) | byte] = (points << 4) | at;
    }
  }
  return (runTables[modules] = table);
}
const RUN_BYTE = runTable(8);

/** Rule 3: 1 for the 11 modules 10111010000 and 00001011101 (a finder-like 1011101 with four light modules). */
const FINDER_LIKE = new Uint8Array(0x800);
FINDER_LIKE[0x5d0] = 1;
FINDER_LIKE[0x05d] = 1;

/**
 * Rule 3 four modules at a time: by a line's last 14 modules (the newest in the lowest bit), how many of the 11-module
 * windows ending at its last 4 are finder-like. (16 KiB: a table of eight modules at a time would take 256 KiB, too
 * large to stay in the processor's nearest caches beside everything else the worker does.)
 */
const FINDER_4 = new Uint8Array(1 << 14);
for (let last14 = 0; last14 < 1 << 14; last14 += 1) {
  for (let shift = 0; shift < 4; shift += 1) FINDER_4[last14]! += FINDER_LIKE[(last14 >> shift) & 0x7ff]!;
}

/**
 * Rules 1 and 3 over one packed line, its bytes `lines[from + k] ^ flips[from + k]` (a pattern's flips applied as the
 * line is read). Rule 1: runs of 5 or more equal modules in a line, 3 points plus 1 per module past 5. Rule 3: the
 * finder-like pattern 1011101 with four light modules on one side (the 11 modules 10111010000 or 00001011101), 40
 * points each, counted in windows that end at the 11th module of a line or later, as the library counts them.
 */
function lineN1N3(lines: Uint8Array, flips: Uint8Array, from: number, size: number): number {
  const whole = size >> 3;
  const tail = size & 7;
  // the first byte: no window of 11 ends in it
  let byte = lines[from]! ^ flips[from]!;
  let run = RUN_BYTE[byte]!;
  let runs = run >> 4;
  let last = byte;
  // the second: the windows ending at its first two modules reach before the line
  byte = lines[from + 1]! ^ flips[from + 1]!;
  run = RUN_BYTE[((run & 15) << 8) | byte]!;
  runs += run >> 4;
  last = (last << 8) | byte;
  let finders = FINDER_4[last & 0x3fff]! + FINDER_4[(last >> 4) & 0x3fff]!;
  finders -= FINDER_LIKE[(last >> 7) & 0x7ff]! + FINDER_LIKE[(last >> 6) & 0x7ff]!;
  for (let k = from + 2, end = from + whole; k < end; k += 1) {
    byte = lines[k]! ^ flips[k]!;
    run = RUN_BYTE[((run & 15) << 8) | byte]!;
    runs += run >> 4;
    last = ((last << 8) | byte) & 0x3ffff;
    finders += FINDER_4[last & 0x3fff]! + FINDER_4[(last >> 4) & 0x3fff]!;
  }
  if (tail !== 0) {
    // the last byte's `tail` modules (in its high bits)
    byte = lines[from + whole]! ^ flips[from + whole]!;
    runs += runTable(tail)[((run & 15) << 8) | byte]! >> 4;
    last = ((last << tail) | (byte >> (8 - tail))) & 0x3ffff;
    for (let shift = 0; shift < tail; shift += 1) finders += FINDER_LIKE[(last >> shift) & 0x7ff]!;
  }
  return runs + finders * 40;
}

/** Rules 1 and 3 over packed lines (the rows, or the columns: see lineN1N3). */
function packedN1N3(lines: Uint8Array, size: number): number {
  const stride = lineBytes(size);
  const none = new Uint8Array(lines.length);
  let points = 0;
  for (let a = 0; a < size; a += 1) points += lineN1N3(lines, none, a * stride, size);
  return points;
}

/** Rules 1 and 3 of a module matrix (row-major, 1 = dark; a QR symbol's: 21 modules a side or more). */
export function penaltyN1N3(m: Uint8Array, size: number): number {
  const lines = new Uint8Array(size * lineBytes(size));
  return packedN1N3(packLines(m, size, false, lines), size) + packedN1N3(packLines(m, size, true, lines), size);
}

/** Dark modules among eight (a byte's set bits). */
const DARK = new Uint8Array(256);
for (let byte = 1; byte < 256; byte += 1) DARK[byte] = (byte & 1) + DARK[byte >> 1]!;

/**
 * Rules 2 and 4 over packed rows. Rule 2: 2×2 blocks of one colour, 3 points each. Rule 4: dark modules away from
 * half, 10 points per 5 % step. Rule 2 reads two rows eight blocks at a time: with the next byte's first module beside
 * each, a block at (row, col) is of one colour when both rows repeat their module from col to col + 1 and the rows
 * agree at col + 1; blocks reaching past the last column are left out.
 */
function packedN2N4(rows: Uint8Array, size: number): number {
  const stride = lineBytes(size);
  let dark = 0;
  for (let k = 0; k < rows.length; k += 1) dark += DARK[rows[k]!]!;
  let blocks = 0;
  for (let row = 0; row < size - 1; row += 1) {
    const a = row * stride;
    const b = a + stride;
    for (let k = 0; k < stride; k += 1) {
      const last = k + 1 === stride;
      const top = (rows[a + k]! << 1) | (last ? 0 : rows[a + k + 1]! >> 7);
      const bottom = (rows[b + k]! << 1) | (last ? 0 : rows[b + k + 1]! >> 7);
      const pairs = Math.min(8, Math.max(0, size - 1 - 8 * k)); // blocks starting in this byte
      const same = ~(top ^ (top >> 1)) & ~(bottom ^ (bottom >> 1)) & ~(top ^ bottom) & ((0xff << (8 - pairs)) & 0xff);
      blocks += DARK[same]!;
    }
  }
  return blocks * 3 + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
}

/** Scratch rows for rule 2: the previous masked row and the current one (a symbol is at most 177 modules a side). */
const rowA = new Uint8Array(32);
const rowB = new Uint8Array(32);

/**
 * A pattern's score: `columns` (rules 1 and 3 over its columns) plus rules 1, 2 and 3 over its rows and rule 4 — or,
 * as soon as the points counted so far reach `limit`, a score of at least `limit` (every rule's points are ≥ 0, so
 * such a pattern cannot score below it). The masked rows are `rows[k] ^ flips[k]`, read once each.
 */
function rowsScore(rows: Uint8Array, flips: Uint8Array, size: number, columns: number, limit: number): number {
  const stride = lineBytes(size);
  const last = stride - 1;
  // blocks starting in a row's last byte (those of the other bytes: 8), as a mask of its high bits
  const lastPairs = (0xff << (8 - (size - 1 - 8 * last))) & 0xff;
  let points = columns;
  let dark = 0;
  let prev = rowA;
  let cur = rowB;
  for (let a = 0; a < size; a += 1) {
    const from = a * stride;
    for (let k = 0; k < stride; k += 1) {
      const byte = rows[from + k]! ^ flips[from + k]!;
      cur[k] = byte;
      dark += DARK[byte]!;
    }
    points += lineN1N3(rows, flips, from, size);
    if (a > 0) {
      // rule 2 between the previous row and this one (see packedN2N4)
      let count = 0;
      for (let k = 0; k < last; k += 1) {
        const top = (prev[k]! << 1) | (prev[k + 1]! >> 7);
        const bottom = (cur[k]! << 1) | (cur[k + 1]! >> 7);
        count += DARK[~((top ^ (top >> 1)) | (bottom ^ (bottom >> 1)) | (top ^ bottom)) & 0xff]!;
      }
      const top = prev[last]! << 1;
      const bottom = cur[last]! << 1;
      count += DARK[~((top ^ (top >> 1)) | (bottom ^ (bottom >> 1)) | (top ^ bottom)) & lastPairs]!;
      points += count * 3;
    }
    if (points >= limit) return points;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return points + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
}

/**
 * The best mask for a symbol built with mask `built` (its modules as returned, format bits included), or not masked
 * yet (`built` null): the data is unmasked, then each pattern is scored as the library scores it, on the symbol's
 * rows and columns packed eight modules a byte (the unmasked ones packed once, with the format area light; each
 * pattern's flips and format bits applied a byte at a time as they are read): its columns' rules 1 and 3, then its
 * rows' rules 1, 2 and 3 a row at a time and rule 4 — a pattern stopped as soon as its points reach the lowest score
 * so far (it cannot win: the first of equals is kept). The modules are left as the library builds them with the
 * winning mask — the winner's data modules flipped by its pattern and its format bits written, exactly what was
 * scored — so the symbol need not be built a second time.
 */
export function applyBestMask(modules: MaskableModules, built: number | null, eclBits: number): number {
  const { size, data, reservedBit } = modules;
  const masks = sizeMasks(size, reservedBit);
  const { flips, format } = masks;
  const level = levelMasks(masks, size, eclBits);
  const plain = data.slice();
  if (built !== null) xorAt(plain, flips[built]!);
  // the format area as the patterns' flips expect it: light, the dark module dark (each pattern writes all of it)
  for (let i = 0; i < 30; i += 1) plain[format[i]!] = 0;
  plain[format[30]!] = 1;
  const packed = size * lineBytes(size);
  const stride = lineBytes(size);
  const plainRows = packLines(plain, size, false, new Uint8Array(packed));
  const plainCols = packLines(plain, size, true, new Uint8Array(packed));
  let best = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let p = 0; p < 8; p += 1) {
    const colFlips = level.cols[p]!;
    let columns = 0;
    for (let a = 0; a < size && columns < lowest; a += 1) columns += lineN1N3(plainCols, colFlips, a * stride, size);
    if (columns >= lowest) continue;
    const penalty = rowsScore(plainRows, level.rows[p]!, size, columns, lowest);
    if (penalty < lowest) {
      lowest = penalty;
      best = p;
    }
  }
  data.set(plain);
  setFormat(data, size, formatBits(eclBits, best));
  xorAt(data, flips[best]!);
  return best;
}

/** Rules 2 and 4 of a module matrix (row-major, 1 = dark; a QR symbol's). */
export function penaltyN2N4(m: Uint8Array, size: number): number {
  return packedN2N4(packLines(m, size, false, new Uint8Array(size * lineBytes(size))), size);
}
