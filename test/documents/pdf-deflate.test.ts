import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_DEFLATE_LEVEL, deflatePage } from '../../src/modules/documents/pdf-kit.js';

/** A page's operators as the layouts write them: text, moves, colours (compressible, like every real page). */
function operators(seed: number, lines: number): Buffer {
  let text = '';
  for (let i = 0; i < lines; i += 1) {
    const y = (700 - ((i * 13.7 + seed) % 650)).toFixed(3);
    text += `q\n1 0 0 -1 0 792 cm\nBT\n1 0 0 1 ${36 + (i % 5) * 57.25} ${y} Tm\n/F${1 + (i % 2)} 7.5 Tf\n`;
    text += `[<${((seed + i) * 2654435761).toString(16)}> ${i % 40} <6f6e> 0] TJ\nET\nQ\n`;
  }
  return Buffer.from(text, 'latin1');
}

describe('a page content stream deflated by the kept zlib stream', () => {
  it('is the bytes deflateSync writes at the same level, page after page', () => {
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('q\nQ\n'),
      ...Array.from({ length: 40 }, (_, i) => operators(i, 1 + i * 7)),
      operators(99, 2000), // several times zlib's output chunk
    ];
    for (const input of inputs) {
      const expected = deflateSync(input, { level: CONTENT_DEFLATE_LEVEL });
      expect(Buffer.compare(deflatePage(input), expected)).toBe(0);
    }
  });

  it('is right for bytes that do not compress (stored blocks), and for the pages after them', () => {
    // random bytes do not compress: the stored blocks take more than the input
    const noise = Buffer.alloc(70_000);
    for (let i = 0, x = 12345; i < noise.length; i += 1) {
      x = (x * 1103515245 + 12345) >>> 0;
      noise[i] = x >>> 24;
    }
    for (const input of [noise, operators(7, 300), noise.subarray(0, 999), operators(8, 30)]) {
      const out = deflatePage(input);
      expect(Buffer.compare(out, deflateSync(input, { level: CONTENT_DEFLATE_LEVEL }))).toBe(0);
      expect(Buffer.compare(inflateSync(out), input)).toBe(0);
    }
  });
});
