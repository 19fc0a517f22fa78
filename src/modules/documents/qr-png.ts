/**
 * Encodes a QR module matrix as an 8-bit grayscale PNG without alpha. qrcode's own PNG output is RGBA, which
 * pdfkit must inflate and split into colour + soft mask on every embed; a grayscale PNG is copied into the PDF
 * as-is (Flate + PNG predictor), which made the QR the cheap part of a render instead of half of it.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export interface ModuleMatrix {
  size: number;
  /** Row-major, truthy = dark module. */
  get(row: number, col: number): boolean | number;
}

/** `scale` pixels per module, `margin` light modules of quiet zone on each side. */
export function matrixToPng(matrix: ModuleMatrix, scale: number, margin: number): Buffer {
  const modules = matrix.size + margin * 2;
  const side = modules * scale;
  const stride = side + 1; // one filter byte (0 = None) per scanline
  const raw = Buffer.alloc(stride * side, 0xff);
  for (let y = 0; y < side; y += 1) {
    raw[y * stride] = 0;
    const row = Math.floor(y / scale) - margin;
    if (row < 0 || row >= matrix.size) continue;
    for (let col = 0; col < matrix.size; col += 1) {
      if (!matrix.get(row, col)) continue;
      raw.fill(0x00, y * stride + 1 + (col + margin) * scale, y * stride + 1 + (col + margin + 1) * scale);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: grayscale
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
