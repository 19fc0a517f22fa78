import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { applyBestMask, ECL_BITS, formatBits, penaltyN1N3, penaltyN2N4 } from '../../src/modules/documents/qr-mask.js';
import { qrImage, QR_MARGIN, QR_SCALE } from '../../src/modules/documents/qr-image.js';
import { matrixToPng } from '../../src/modules/documents/qr-png.js';
import { qrSymbol } from '../../src/modules/documents/qr.js';
import { xorshift } from '../helpers/xorshift.js';

/** Deterministic pseudo-random texts (xorshift), of every length up to a few hundred bytes: versions 1 to ~13. */
function texts(count: number): string[] {
  const next = xorshift(0x9e3779b9);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~:/?&=%ñáé€ 漢';
  return Array.from({ length: count }, (_, n) => {
    const length = 1 + (n % 7 === 0 ? next() % 300 : next() % 140);
    return Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  });
}

/** qrcode's own penalty rules (ISO/IEC 18004 §7.8.3 as the library implements them), each taking its BitMatrix. */
type Rule = (matrix: { size: number; data: Uint8Array; get(row: number, col: number): number }) => number;
const library = createRequire(import.meta.url)('qrcode/lib/core/mask-pattern.js') as Record<
  'getPenaltyN1' | 'getPenaltyN2' | 'getPenaltyN3' | 'getPenaltyN4',
  Rule
>;

/** Square matrices of QR sizes whose modules repeat the previous one with a chance from ½ to 1 (runs of any length). */
function matrices(count: number): { size: number; data: Uint8Array }[] {
  let x = 0x2545f491;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const out: { size: number; data: Uint8Array }[] = [];
  for (let n = 0; n < count; n += 1) {
    const size = 21 + 4 * Math.floor(next() * 40);
    const same = n < 2 ? 1 : 0.5 + next() / 2;
    const data = new Uint8Array(size * size);
    data[0] = n === 1 ? 1 : 0;
    for (let i = 1; i < data.length; i += 1) data[i] = next() < same ? data[i - 1]! : data[i - 1]! ^ 1;
    out.push({ size, data });
  }
  return out;
}

describe('the QR symbol of the versión legible', () => {
  it("scores a matrix with the library's four penalty rules, to the point", () => {
    for (const { size, data } of matrices(300)) {
      const bits = { size, data, get: (row: number, col: number) => data[row * size + col]! };
      expect({ size, n1n3: penaltyN1N3(data, size), n2n4: penaltyN2N4(data, size) }).toEqual({
        size,
        n1n3: library.getPenaltyN1(bits) + library.getPenaltyN3(bits),
        n2n4: library.getPenaltyN2(bits) + library.getPenaltyN4(bits),
      });
    }
  });

  it('is the very symbol qrcode builds choosing the mask itself (same version, mask and modules)', () => {
    const cases = [
      'https://admin.factura.gob.sv/consultaPublica?ambiente=00&codGen=0F1E2D3C-4B5A-4968-8776-655443322110' +
        '&fechaEmi=2026-03-05',
      ...texts(400),
    ];
    const masks = new Set<number>();
    for (const text of cases) {
      const ours = qrSymbol(text);
      const library = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
      expect({ text, version: ours.version, mask: ours.maskPattern }).toEqual({
        text,
        version: library.version,
        mask: library.maskPattern,
      });
      expect(Buffer.from(ours.modules.data).equals(Buffer.from(library.modules.data))).toBe(true);
      masks.add(ours.maskPattern!);
    }
    expect(masks.size).toBe(8); // every pattern won somewhere: the comparison covered them all
  });

  it('is the symbol qrcode builds at every version, 1 to 40 (codewords, blocks, patterns, version bits)', () => {
    const versions = new Set<number>();
    for (let length = 1; length <= 2331; length += length < 200 ? 5 : 29) {
      const text = 'consultaPublica?codGen=0F1E2D3C-ñ'.repeat(80).slice(0, length);
      if (Buffer.byteLength(text) > 2331) continue;
      const ours = qrSymbol(text);
      const library = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
      versions.add(library.version);
      expect({ length, version: ours.version, mask: ours.maskPattern }).toEqual({
        length,
        version: library.version,
        mask: library.maskPattern,
      });
      expect(Buffer.from(ours.modules.data).equals(Buffer.from(library.modules.data))).toBe(true);
    }
    expect(versions.size).toBe(40);
  });

  it('draws every module as its pixels in the PNG, at 4 pixels a module as at any other scale', () => {
    const symbol = qrSymbol(texts(1)[0]!);
    for (const [scale, margin] of [
      [4, 4],
      [3, 2],
      [5, 1],
    ] as const) {
      const png = matrixToPng(symbol.modules, scale, margin);
      const side = (symbol.modules.size + 2 * margin) * scale;
      expect(png.readUInt32BE(16)).toBe(side);
      const idat = png.indexOf('IDAT');
      const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
      const stride = Math.ceil(side / 4) + 1;
      const line = Buffer.alloc(stride - 1);
      for (let y = 0; y < side; y += 1) {
        const filter = raw[y * stride]!;
        expect([0, 2]).toContain(filter);
        const bytes = raw.subarray(y * stride + 1, (y + 1) * stride);
        if (filter === 0) bytes.copy(line);
        else for (let i = 0; i < line.length; i += 1) line[i] = (line[i]! + bytes[i]!) & 0xff;
        for (let x = 0; x < side; x += 1) {
          const pixel = (line[x >> 2]! >> (6 - 2 * (x & 3))) & 3;
          const row = Math.floor(y / scale) - margin;
          const col = Math.floor(x / scale) - margin;
          const inside = row >= 0 && col >= 0 && row < symbol.modules.size && col < symbol.modules.size;
          expect(pixel).toBe(inside && symbol.modules.get(row, col) ? 0 : 3);
        }
      }
    }
  });

  it("draws every module as its pixels in the PDF's image (2 bits a pixel, 0 dark, 3 light), at every version", () => {
    const versions = new Set<number>();
    // one text per few bytes of length: every version from 1 to 40 (byte mode, error correction M)
    for (let length = 1; length <= 2331; length += length < 200 ? 5 : 29) {
      const symbol = qrSymbol('consultaPublica?codGen=0F1E2D3C'.repeat(80).slice(0, length));
      versions.add(symbol.version);
      const { side, stream } = qrImage(symbol.modules);
      const size = symbol.modules.size;
      expect(side).toBe((size + 2 * QR_MARGIN) * QR_SCALE);
      const rowBytes = side / 4;
      const raw = inflateSync(stream); // zlib's own inflater: a valid stream, its Adler-32 checked
      expect(raw.length).toBe(rowBytes * side);
      let wrong = 0;
      for (let y = 0; y < side; y += 1) {
        for (let x = 0; x < side; x += 1) {
          const pixel = (raw[y * rowBytes + (x >> 2)]! >> (6 - 2 * (x & 3))) & 3;
          const row = Math.floor(y / QR_SCALE) - QR_MARGIN;
          const col = Math.floor(x / QR_SCALE) - QR_MARGIN;
          const dark = row >= 0 && col >= 0 && row < size && col < size && symbol.modules.get(row, col);
          if (pixel !== (dark ? 0 : 3)) wrong += 1;
        }
      }
      expect({ version: symbol.version, wrong }).toEqual({ version: symbol.version, wrong: 0 });
    }
    expect(versions.size).toBe(40);
  });

  it('writes the same image stream as when each module was written one at a time, at every version', () => {
    // the SHA-256 of these 114 streams (versions 1 to 40) as the image was first written, a module's code at a time:
    // the PDFs hold these exact bytes
    const digest = createHash('sha256');
    for (let length = 1; length <= 2331; length += length < 200 ? 5 : 29) {
      digest.update(qrImage(qrSymbol('consultaPublica?codGen=0F1E2D3C'.repeat(80).slice(0, length)).modules).stream);
    }
    expect(digest.digest('hex')).toBe('e58409559d3351c35db38d5c88714e638064044a45d49e7f6f1d118c1fe3ccd8');
  });

  it('chooses the same mask and modules as it always has: 4,000 lookup URLs, every version, every level', () => {
    // the SHA-256 of every symbol's version, mask and modules, and of the mask chosen again for it at each error
    // correction level (the symbol given with its mask applied), as the mask was chosen when these digests were taken
    const next = xorshift(0x6d2b79f5);
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[next() % 16]).join('');
    const two = (n: number) => String(n).padStart(2, '0');
    const urls = Array.from({ length: 4000 }, () => {
      const codGen = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
      const fecha = `${2000 + (next() % 100)}-${two(1 + (next() % 12))}-${two(1 + (next() % 28))}`;
      return `https://admin.factura.gob.sv/consultaPublica?ambiente=0${next() % 2}&codGen=${codGen}&fechaEmi=${fecha}`;
    });
    const lengths: string[] = [];
    for (let length = 1; length <= 2331; length += length < 200 ? 1 : 7) {
      const text = 'consultaPublica?codGen=0F1E2D3C-ñ&fechaEmi=2026'.repeat(60).slice(0, length);
      if (Buffer.byteLength(text) <= 2331) lengths.push(text);
    }
    const digest = (list: string[], levels: boolean) => {
      const hash = createHash('sha256');
      for (const text of list) {
        const symbol = qrSymbol(text);
        const { size, data, reservedBit } = symbol.modules;
        hash.update(Uint8Array.of(symbol.version, symbol.maskPattern)).update(data);
        if (!levels) continue;
        for (const level of [ECL_BITS.L, ECL_BITS.M, ECL_BITS.Q, ECL_BITS.H]) {
          const again = { size, data: data.slice(), reservedBit };
          hash.update(Uint8Array.of(applyBestMask(again, symbol.maskPattern, level))).update(again.data);
        }
      }
      return hash.digest('hex');
    };
    expect({
      urls: digest(urls, false),
      levels: digest(urls.slice(0, 500), true),
      lengths: digest(lengths, true),
    }).toEqual({
      urls: 'c96ea92f4f8d17696a63073a3f3e46a6ed1f5aef5185228e42e292b24d859997',
      levels: 'c09cb04e7783ea37e6f2c993de85a9d95040b6094cb4592663362a6446f4ad72',
      lengths: '3d9eac05ec7374778ac53ef7ac4aaeb849a918766f55aa4fc8040633fb21daea',
    });
  });

  it('writes the format bits of ISO/IEC 18004 (error correction M, mask 0 → 101010000010010)', () => {
    expect(formatBits(ECL_BITS.M, 0).toString(2).padStart(15, '0')).toBe('101010000010010');
    expect(formatBits(ECL_BITS.L, 4).toString(2).padStart(15, '0')).toBe('110011000101111');
  });
});
