import { inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * A tenant logo is decoded to pixels and re-encoded as a clean PNG before it is stored: a file that only looks like
 * a PNG or JPEG (right signature, garbage after it) is refused at upload instead of breaking every PDF later, and the
 * PDF renderer only ever sees images this module produced.
 */
export const MAX_LOGO_SIDE = 2048;
export const MAX_LOGO_PIXELS = 2048 * 2048;

export type LogoImage = { png: Buffer; width: number; height: number };
export type LogoProblem = { code: 'INVALID_IMAGE' | 'IMAGE_TOO_LARGE'; message: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (b: Buffer) => b.subarray(0, 8).equals(PNG_SIGNATURE);
const isJpeg = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

function tooLarge(width: number, height: number): LogoProblem | null {
  if (width <= MAX_LOGO_SIDE && height <= MAX_LOGO_SIDE && width * height <= MAX_LOGO_PIXELS) return null;
  return {
    code: 'IMAGE_TOO_LARGE',
    message: `is ${width}×${height} pixels; at most ${MAX_LOGO_SIDE}×${MAX_LOGO_SIDE} is accepted`,
  };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7's passes: first column and row, then the step between columns and between rows. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/**
 * Why the compressed pixels (every IDAT chunk, in order) do not inflate to exactly the bytes IHDR announces, or null.
 * The PNG decoder does not check this itself: a stream that stops early left it reading memory it never wrote, so a
 * broken image could pass or fail from one upload to the next.
 */
function pixelStreamProblem(buf: Buffer): string | null {
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const channels = CHANNELS[buf[25]!];
  if (!channels) return `unknown colour type ${buf[25]}`;
  const bitsPerPixel = buf[24]! * channels;
  const rowBytes = (w: number) => (w === 0 ? 0 : 1 + Math.ceil((w * bitsPerPixel) / 8));
  let expected = 0;
  if (buf[28] === 1) {
    for (const [x0, y0, dx, dy] of ADAM7) {
      const w = Math.max(0, Math.ceil((width - x0!) / dx!));
      const h = Math.max(0, Math.ceil((height - y0!) / dy!));
      if (w > 0) expected += h * rowBytes(w);
    }
  } else expected = height * rowBytes(width);
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  try {
    const pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
    return pixels.length === expected ? null : `its pixels inflate to ${pixels.length} bytes, not ${expected}`;
  } catch (err) {
    return `its pixels do not inflate: ${(err as Error).message}`;
  }
}

function decodePng(buf: Buffer): { width: number; height: number; data: Buffer } | LogoProblem {
  if (buf.length < 24 || buf.toString('latin1', 12, 16) !== 'IHDR')
    return { code: 'INVALID_IMAGE', message: 'is not a readable PNG image (no IHDR header)' };
  // IHDR comes first: refuse huge dimensions before inflating anything.
  const big = tooLarge(buf.readUInt32BE(16), buf.readUInt32BE(20));
  if (big) return big;
  const stream = pixelStreamProblem(buf);
  if (stream) return { code: 'INVALID_IMAGE', message: `is not a readable PNG image (${stream})` };
  try {
    const png = PNG.sync.read(buf, { checkCRC: true });
    return { width: png.width, height: png.height, data: png.data };
  } catch (err) {
    return { code: 'INVALID_IMAGE', message: `is not a readable PNG image (${(err as Error).message})` };
  }
}

function decodeJpeg(buf: Buffer): { width: number; height: number; data: Buffer } | LogoProblem {
  try {
    const img = jpeg.decode(buf, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_LOGO_PIXELS / 1e6,
      maxMemoryUsageInMB: 64,
    });
    return tooLarge(img.width, img.height) ?? { width: img.width, height: img.height, data: Buffer.from(img.data) };
  } catch (err) {
    const msg = (err as Error).message;
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(msg))
      return { code: 'IMAGE_TOO_LARGE', message: `is too large (at most ${MAX_LOGO_SIDE}×${MAX_LOGO_SIDE} pixels)` };
    return { code: 'INVALID_IMAGE', message: `is not a readable JPEG image (${msg})` };
  }
}

/** Decodes a PNG or JPEG completely and re-encodes it as PNG (RGBA), or says why it cannot. */
export function normalizeLogo(buf: Buffer): LogoImage | LogoProblem {
  if (!isPng(buf) && !isJpeg(buf)) return { code: 'INVALID_IMAGE', message: 'must be a base64 PNG or JPEG image' };
  const decoded = isPng(buf) ? decodePng(buf) : decodeJpeg(buf);
  if ('code' in decoded) return decoded;
  if (decoded.width < 1 || decoded.height < 1) return { code: 'INVALID_IMAGE', message: 'has no pixels' };
  const out = new PNG({ width: decoded.width, height: decoded.height });
  decoded.data.copy(out.data);
  return { png: PNG.sync.write(out), width: decoded.width, height: decoded.height };
}

/** The logo as the renderer may use it: a stored logo that cannot be decoded (saved before this check) is left out. */
export function printableLogo(stored: Buffer | null | undefined): { logo: Buffer | null; problem: string | null } {
  if (!stored || stored.length === 0) return { logo: null, problem: null };
  const r = normalizeLogo(stored);
  return 'png' in r ? { logo: r.png, problem: null } : { logo: null, problem: `logo ${r.message}` };
}
