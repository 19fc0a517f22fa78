// Parsing shared by the sale documents (FE, CCF, NR, NC, ND, FEX): items, global discounts, retention flags,
// related and other documents, third-party sale.
import { ZERO } from '../money.js';
import { join, type Obj, type Reader } from './reader.js';
import { checkNitValue } from './rules.js';
import { parseDocumentosRelacionados, parseOtrosDocumentos, parseReceptor, parseSaleItems } from './sections.js';
import type { EmissionInput } from './types.js';

export function parseDescuentoGlobal(r: Reader, body: Obj, input: EmissionInput): void {
  const g = r.object(body, 'descuentoGlobal', '', false);
  if (!g) return;
  const p = 'descuentoGlobal';
  input.descuentoGlobal = {
    noSujeto: r.decimal(g, 'noSujeto', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
    exento: r.decimal(g, 'exento', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
    gravado: r.decimal(g, 'gravado', p, { fallback: '0', min: '0', maxDecimals: 2 }) ?? ZERO,
  };
}

export function parseVentaTercero(r: Reader, body: Obj, input: EmissionInput): void {
  const v = r.object(body, 'ventaTercero', '', false);
  if (!v) return;
  const nit = r.str(v, 'nit', 'ventaTercero', { required: true }) ?? '';
  if (nit) checkNitValue(r, nit, 'ventaTercero.nit');
  input.ventaTercero = {
    nit,
    nombre: r.str(v, 'nombre', 'ventaTercero', { required: true, max: 250 }) ?? '',
    codDomiciliado: r.int(v, 'codDomiciliado', 'ventaTercero', { allowed: [1, 2], fallback: 1 }),
  };
}

export interface VentaParseOptions {
  relacionado: 'required' | 'optional' | 'none';
  otrosDocumentos: number; // max lines, 0 = not allowed
  descuentoGlobal: boolean;
  retencion: boolean;
  percepcion: boolean;
}

export function parseVentaCommon(r: Reader, body: Obj, input: EmissionInput, o: VentaParseOptions): void {
  input.receptor = parseReceptor(r, body, input.tipoDte);
  input.items = parseSaleItems(r, body);
  if (o.descuentoGlobal) parseDescuentoGlobal(r, body, input);
  if (o.retencion) input.retencionIva = r.bool(body, 'retencionIva', '');
  if (o.percepcion) input.percepcionIva = r.bool(body, 'percepcionIva', '');
  if (o.relacionado !== 'none')
    input.documentoRelacionado = parseDocumentosRelacionados(r, body, o.relacionado === 'required');
  if (o.relacionado === 'optional') checkItemRelated(r, input);
  if (o.otrosDocumentos > 0) input.otrosDocumentos = parseOtrosDocumentos(r, body, o.otrosDocumentos);
  parseVentaTercero(r, body, input);
  checkNoGravadoOrder(r, input);
}

/**
 * A line's numeroDocumento names one of the document's related documents (an electronic one in uppercase). With
 * `firstWhenNone`, a line that names none takes the first related document's number.
 */
export function checkItemRelated(r: Reader, input: EmissionInput, firstWhenNone = false): void {
  const numbers = (input.documentoRelacionado ?? []).map((d) => d.numeroDocumento);
  input.items.forEach((it, i) => {
    if (it.numeroDocumento === null) {
      if (firstWhenNone) it.numeroDocumento = numbers[0] ?? null;
      return;
    }
    const match = numbers.find((n) => n.toUpperCase() === it.numeroDocumento!.toUpperCase());
    if (match) it.numeroDocumento = match;
    else
      r.add(
        join(join('items', i), 'numeroDocumento'),
        'UNKNOWN_RELATED_DOCUMENT',
        'numeroDocumento must be one of documentoRelacionado[].numeroDocumento',
      );
  });
}

/** Cargos/abonos only after at least one line with a positive sale. */
function checkNoGravadoOrder(r: Reader, input: EmissionInput): void {
  let seenSale = false;
  input.items.forEach((it, i) => {
    if (it.tipo === 'noGravado') {
      if (!seenSale)
        r.add(
          join('items', i),
          'NO_GRAVADO_FIRST',
          'a noGravado (cargo/abono) line must follow at least one sale line (MH rule for cargos and abonos)',
        );
      if (!it.cantidad.eq(1))
        r.add(
          join(join('items', i), 'cantidad'),
          'NOT_ALLOWED',
          'noGravado lines use cantidad 1 (MH rule for cargos and abonos)',
        );
    } else {
      // A negative price is its own error; comparing the discount with a negative amount would only add noise.
      if (it.precio.lt(0))
        r.add(
          join(join('items', i), 'precio'),
          'TOO_SMALL',
          'precio must be ≥ 0 (only noGravado lines may be negative)',
        );
      else if (it.descuento.gt(it.cantidad.times(it.precio)))
        r.add(join(join('items', i), 'descuento'), 'DISCOUNT_TOO_LARGE', 'descuento exceeds cantidad × precio');
      seenSale = true;
    }
  });
}
