/**
 * The QR symbol's error correction codewords, computed without qrcode's allocations.
 *
 * qrcode computes a block's Reed-Solomon codewords as the remainder of a polynomial division that copies the
 * remaining dividend into a new array for every data codeword (≈ 130 arrays for the consulta pública URL's symbol), and
 * builds the generator polynomial again for every symbol. The remainder of a division is unique, so a shift register
 * over the same generator gives the same codewords: the generator is built once per degree (by qrcode itself) and
 * each block is divided in one array. qrcode's encoder is given these two methods when this module is loaded; the
 * symbols are the same (test/documents/qr-rs.test.ts compares both encoders' codewords and the symbols).
 */
import { createRequire } from 'node:module';

interface Encoder {
  degree: number;
  genPoly: Uint8Array | undefined;
  initialize(degree: number): void;
  encode(data: Uint8Array): Uint8Array;
}
interface EncoderClass {
  new (degree?: number): Encoder;
  prototype: Encoder;
}

const require = createRequire(import.meta.url);
const ReedSolomonEncoder = require('qrcode/lib/core/reed-solomon-encoder') as EncoderClass;
const Polynomial = require('qrcode/lib/core/polynomial') as { generateECPolynomial(degree: number): Uint8Array };

/** GF(256) over x⁸ + x⁴ + x³ + x² + 1 (0x11d), the QR code's field: powers of α and their logarithms. */
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i += 1) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i += 1) EXP[i] = EXP[i - 255]!;

interface Generator {
  poly: Uint8Array;
  /** log α of each coefficient after the leading 1, or -1 for a zero coefficient. */
  logs: Int16Array;
}
const generators = new Map<number, Generator>();

function generator(degree: number): Generator {
  let g = generators.get(degree);
  if (!g) {
    const poly = Polynomial.generateECPolynomial(degree);
    const logs = new Int16Array(degree);
    for (let i = 0; i < degree; i += 1) logs[i] = poly[i + 1] ? LOG[poly[i + 1]!]! : -1;
    g = { poly, logs };
    generators.set(degree, g);
  }
  return g;
}

/** The remainder of data·x^degree divided by the generator: `degree` codewords, highest power first. */
export function reedSolomonRemainder(data: Uint8Array, degree: number): Uint8Array {
  const { logs } = generator(degree);
  const rem = new Uint8Array(degree);
  for (let k = 0; k < data.length; k += 1) {
    const factor = data[k]! ^ rem[0]!;
    rem.copyWithin(0, 1);
    rem[degree - 1] = 0;
    if (factor === 0) continue;
    const lf = LOG[factor]!;
    for (let i = 0; i < degree; i += 1) {
      const lg = logs[i]!;
      if (lg >= 0) rem[i]! ^= EXP[lg + lf]!;
    }
  }
  return rem;
}

const original = {
  initialize: ReedSolomonEncoder.prototype.initialize,
  encode: ReedSolomonEncoder.prototype.encode,
};

/** qrcode's own encoder, as it was before this module replaced its methods (for the tests). */
export function originalRemainder(data: Uint8Array, degree: number): Uint8Array {
  const e = Object.create(ReedSolomonEncoder.prototype) as Encoder;
  original.initialize.call(e, degree);
  return original.encode.call(e, data);
}

ReedSolomonEncoder.prototype.initialize = function initialize(this: Encoder, degree: number): void {
  this.degree = degree;
  this.genPoly = generator(degree).poly;
};
ReedSolomonEncoder.prototype.encode = function encode(this: Encoder, data: Uint8Array): Uint8Array {
  if (!this.genPoly) throw new Error('Encoder not initialized');
  return reedSolomonRemainder(data, this.degree);
};
