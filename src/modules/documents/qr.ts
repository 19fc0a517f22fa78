import QRCode from 'qrcode';
import { requiredIdentificacion, type DteJson } from './dte-json.js';
import { applyBestMask, ECL_BITS } from './qr-mask.js';
import { matrixToPng } from './qr-png.js';

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
 * The QR image the PDF embeds: PNG (grayscale, see qr-png.ts), error correction M, 4-module quiet zone so phone
 * cameras lock on, 4 px per module (viewers scale it without smoothing; the PDF prints it at ~2.5 pt/module).
 */
export async function renderQrPng(text: string): Promise<Buffer> {
  return matrixToPng(qrSymbol(text).modules, 4, 4);
}

/**
 * The QR symbol of `text`: one byte-mode segment (the URL is mostly lowercase text, which byte mode holds anyway, and
 * qrcode's search for the optimal mix of modes cost half of the QR's time), error correction M. The version is the
 * library's; the mask is the one the library would choose (qr-mask.ts), applied to the symbol the library built.
 */
export function qrSymbol(text: string): QRCode.QRCode {
  const data = Buffer.from(text, 'utf8');
  const symbol = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 0 });
  symbol.maskPattern = applyBestMask(symbol.modules, 0, ECL_BITS.M) as QRCode.QRCodeMaskPattern;
  return symbol;
}
