/**
 * Totals block: every non-zero money field of resumen (or of DCL's single cuerpoDocumento), in the JSON's own
 * order (which follows MH's schema), with resumen.tributos expanded in place, and the amount due last — always
 * printed, even when zero. The amount due is `totalPagar` on most types, `total` on CL, `valorTotal` on CD,
 * `totalIvaRetenido` on CR, `liquidoApagar` on DCL (MH's rules).
 */
import { arrayAt, isObject, numberAt, objectAt, textAt, type DteJson, type JsonObject } from './dte-json.js';
import { isZero, money, percent } from './format.js';
import {
  CAT_016_CONDICION,
  CAT_017_FORMA_PAGO,
  CAT_018_PLAZO,
  label,
  MONEY_FIELD_LABEL,
  TOTAL_FIELDS,
} from './labels.js';
import { singleBody } from './view-items.js';

export interface TotalLine {
  label: string;
  value: string;
  strong?: boolean;
}

export interface TotalsView {
  lines: TotalLine[];
  totalLetras: string;
  /** Condición de la operación, pagos, incoterms, observaciones… as printable lines. */
  notes: string[];
}

/** Fields of resumen that are numbers but not money. */
const NOT_MONEY = new Set(['condicionOperacion', 'porcentajeDescuento', 'porcentComision', 'cantidadDoc']);

function totalsSource(doc: DteJson): JsonObject | null {
  return objectAt(doc, 'resumen') ?? singleBody(doc);
}

function tributoLines(source: JsonObject): TotalLine[] {
  return arrayAt(source, 'tributos')
    .filter((t) => typeof t['valor'] === 'number')
    .map((t) => ({
      label: textAt(t, 'descripcion') || `Tributo ${textAt(t, 'codigo')}`,
      value: money(numberAt(t, 'valor')!),
    }));
}

function pagoNotes(source: JsonObject): string[] {
  return arrayAt(source, 'pagos').map((p) => {
    const parts = [label(CAT_017_FORMA_PAGO, textAt(p, 'codigo'))];
    const monto = numberAt(p, 'montoPago');
    if (monto !== null) parts.push(money(monto));
    const referencia = textAt(p, 'referencia');
    if (referencia) parts.push(`ref. ${referencia}`);
    const periodo = textAt(p, 'periodo');
    if (periodo) parts.push(`plazo ${periodo} ${label(CAT_018_PLAZO, textAt(p, 'plazo'))}`);
    return `Pago: ${parts.join(' · ')}`;
  });
}

function notes(source: JsonObject): string[] {
  const out: string[] = [];
  const condicion = textAt(source, 'condicionOperacion');
  if (condicion) out.push(`Condición de la operación: ${label(CAT_016_CONDICION, condicion)}`);
  out.push(...pagoNotes(source));
  const numPago = textAt(source, 'numPagoElectronico');
  if (numPago) out.push(`N° de pago electrónico: ${numPago}`);
  const incoterms = [textAt(source, 'codIncoterms'), textAt(source, 'descIncoterms')].filter(Boolean).join(' - ');
  if (incoterms) out.push(`Incoterms: ${incoterms}`);
  const retencion = textAt(source, 'codigoRetencionMH');
  if (retencion) out.push(`Código de retención MH: ${retencion}`);
  const observaciones = textAt(source, 'observaciones');
  if (observaciones) out.push(`Observaciones: ${observaciones}`);
  return out;
}

export function totalsView(doc: DteJson): TotalsView {
  const source = totalsSource(doc);
  if (!source) return { lines: [], totalLetras: '', notes: [] };
  const totalField = TOTAL_FIELDS.find((f) => typeof source[f] === 'number');
  const lines: TotalLine[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (key === 'tributos' && Array.isArray(value)) lines.push(...tributoLines(source));
    if (typeof value !== 'number' || key === totalField || isZero(value)) continue;
    if (key === 'porcentajeDescuento') lines.push({ label: 'Porcentaje de descuento', value: percent(value) });
    else if (key === 'porcentComision') lines.push({ label: 'Porcentaje de comisión', value: percent(value) });
    else if (!NOT_MONEY.has(key)) lines.push({ label: MONEY_FIELD_LABEL[key] ?? key, value: money(value) });
  }
  if (totalField) {
    lines.push({
      label: MONEY_FIELD_LABEL[totalField]!.toUpperCase(),
      value: money(source[totalField] as number),
      strong: true,
    });
  }
  return { lines, totalLetras: textAt(source, 'totalLetras'), notes: isObject(source) ? notes(source) : [] };
}
