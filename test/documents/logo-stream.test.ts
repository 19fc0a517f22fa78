import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { normalizeLogo } from '../../src/modules/tenants/logo-image.js';

function png(width: number, height: number, colorType: 0 | 2 | 4 | 6 = 6, bitDepth: 8 | 16 = 8): Buffer {
  const p = new PNG({ width, height, colorType, inputColorType: 6, bitDepth });
  for (let i = 0; i < p.data.length; i++) p.data[i] = (i * 37) & 0xff;
  return PNG.sync.write(p, { colorType, inputColorType: 6, bitDepth });
}

/** `b` with its (single) IDAT chunk's data replaced by `data`, CRC recomputed. */
function withIdat(b: Buffer, data: Buffer): Buffer {
  let at = 8;
  while (b.toString('latin1', at + 4, at + 8) !== 'IDAT') at += 12 + b.readUInt32BE(at);
  const len = b.readUInt32BE(at);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('IDAT', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return Buffer.concat([b.subarray(0, at), chunk, b.subarray(at + 12 + len)]);
}

/** Leaves freed memory full of bytes that are valid PNG filter types, where a decoder reading past its data lands. */
function churn(): void {
  for (let i = 0; i < 8; i++) Buffer.allocUnsafe(4096).fill(i % 5);
}

describe('a logo whose compressed pixels are broken is refused every time', () => {
  it('garbage pixels, a stream that stops early, one with fewer rows: refused on every one of many tries', () => {
    const good = png(24, 24);
    const raw = Buffer.alloc(24 * (1 + 24 * 4), 0);
    const cases = [
      withIdat(good, Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(60, 0xa5)])),
      withIdat(good, deflateSync(raw).subarray(0, 20)),
      withIdat(good, deflateSync(raw.subarray(0, raw.length - 97))),
    ];
    for (let i = 0; i < 300; i++) {
      for (const bad of cases) {
        churn();
        const r = normalizeLogo(bad);
        expect('code' in r && r.code).toBe('INVALID_IMAGE');
      }
    }
  });

  it('real PNGs of every colour type and depth the decoder reads are accepted', () => {
    for (const [colorType, bitDepth] of [
      [6, 8],
      [2, 8],
      [0, 8],
      [4, 8],
      [6, 16],
      [2, 16],
    ] as const) {
      for (const [w, h] of [
        [1, 1],
        [7, 3],
        [24, 24],
      ]) {
        const r = normalizeLogo(png(w, h, colorType, bitDepth));
        expect('png' in r && [r.width, r.height]).toEqual([w, h]);
      }
    }
  });
});
