import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { ECL_BITS, formatBits } from '../../src/modules/documents/qr-mask.js';
import { qrSymbol } from '../../src/modules/documents/qr.js';

/** Deterministic pseudo-random texts (xorshift), of every length up to a few hundred bytes: versions 1 to ~13. */
function texts(count: number): string[] {
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~:/?&=%ñáé€ 漢';
  return Array.from({ length: count }, (_, n) => {
    const length = 1 + (n % 7 === 0 ? next() % 300 : next() % 140);
    return Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  });
}

describe('the QR symbol of the versión legible', () => {
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

  it('writes the format bits of ISO/IEC 18004 (error correction M, mask 0 → 101010000010010)', () => {
    expect(formatBits(ECL_BITS.M, 0).toString(2).padStart(15, '0')).toBe('101010000010010');
    expect(formatBits(ECL_BITS.L, 4).toString(2).padStart(15, '0')).toBe('110011000101111');
  });
});
