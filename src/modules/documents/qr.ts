import { requiredIdentificacion, type DteJson } from './dte-json.js';
import { matrixToPng } from './qr-png.js';
import { encodeQr, type QrSymbol } from './qr-symbol.js';

const CONSULTA_PUBLICA = 'https://admin.factura.gob.sv/consultaPublica';

/**
 * MH's public lookup for a DTE: ambiente 00 test / 01 production (CAT-001), the document's
 * codigoGeneracion and its fecEmi (YYYY-MM-DD).
 */
export function consultaPublicaUrl(doc: DteJson): string {
  const ambiente = requiredIdentificacion(doc, 'ambiente');
  const codGen = requiredIdentificacion(doc, 'codigoGeneracion');
  const fechaEmi = requiredIdentificacion(doc, 'fecEmi');
  const q = (v: string) => encodeURIComponent(v);
  return `${CONSULTA_PUBLICA}?ambiente=${q(ambiente)}&codGen=${q(codGen)}&fechaEmi=${q(fechaEmi)}`;
}

/**
 * The QR as a PNG (grayscale, see qr-png.ts): the pixels of the image the PDF embeds (qr-image.ts), error correction
 * M, 4-module quiet zone so phone cameras lock on, 4 px per module.
 */
export async function renderQrPng(text: string): Promise<Buffer> {
  return matrixToPng(qrSymbol(text).modules, 4, 4);
}

/**
 * The QR symbol of `text`: one byte-mode segment (the URL is mostly lowercase text, which byte mode holds anyway),
 * error correction M, the mask chosen by the library's rules — the symbol qrcode builds, built by qr-symbol.ts.
 */
export function qrSymbol(text: string): QrSymbol {
  return encodeQr(text);
}
