/**
 * cuerpoDocumento as a table. Item fields differ per type (MH's rules: sales docs carry ventaNoSuj/Exenta/
 * Gravada, FSE `compra`, CD `valorUni`/`valor`, CR/CL list related documents), so columns are chosen from the
 * fields the items actually carry, in one fixed reading order; money columns that are zero on every item drop out.
 */
import { Decimal } from 'decimal.js';
import { arrayAt, isObject, numberAt, textAt, type DteJson, type JsonObject } from './dte-json.js';
import { dateEs, itemMoney, quantity } from './format.js';
import { CAT_026_DONACION, label } from './labels.js';

type ColumnKind = 'text' | 'qty' | 'money';

export interface ColumnView {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Relative width; the description column takes what is left. */
  weight: number;
}

export interface ItemsTableView {
  columns: ColumnView[];
  rows: string[][];
}

/** One line of the ticket variant: what was bought and the line amount. */
export interface TicketItemView {
  description: string;
  detail: string;
  amount: string;
}

const CANDIDATES: ColumnView[] = [
  { key: 'numItem', header: 'N°', kind: 'text', weight: 0.5 },
  { key: 'tipoDte', header: 'Tipo doc.', kind: 'text', weight: 1.4 },
  { key: 'tipoDonacion', header: 'Tipo', kind: 'text', weight: 1 },
  { key: 'numeroDocumento', header: 'N° documento', kind: 'text', weight: 2.2 },
  { key: 'numDocumento', header: 'N° documento', kind: 'text', weight: 2.2 },
  { key: 'fechaEmision', header: 'Fecha', kind: 'text', weight: 1.1 },
  { key: 'cantidad', header: 'Cant.', kind: 'qty', weight: 0.8 },
  { key: 'codigo', header: 'Código', kind: 'text', weight: 1 },
  { key: 'descripcion', header: 'Descripción', kind: 'text', weight: 0 },
  { key: 'precioUni', header: 'Precio unit.', kind: 'money', weight: 1.1 },
  { key: 'valorUni', header: 'Valor unit.', kind: 'money', weight: 1.1 },
  { key: 'montoDescu', header: 'Descuento', kind: 'money', weight: 1 },
  { key: 'ventaNoSuj', header: 'No sujetas', kind: 'money', weight: 1 },
  { key: 'ventaExenta', header: 'Exentas', kind: 'money', weight: 1 },
  { key: 'ventaGravada', header: 'Gravadas', kind: 'money', weight: 1.1 },
  { key: 'exportaciones', header: 'Exportaciones', kind: 'money', weight: 1.1 },
  { key: 'montoSujetoGrav', header: 'Monto sujeto', kind: 'money', weight: 1.1 },
  { key: 'ivaRetenido', header: 'IVA retenido', kind: 'money', weight: 1 },
  { key: 'ivaItem', header: 'IVA', kind: 'money', weight: 1 },
  { key: 'compra', header: 'Compra', kind: 'money', weight: 1.1 },
  { key: 'valor', header: 'Valor', kind: 'money', weight: 1.1 },
  { key: 'noGravado', header: 'No gravado', kind: 'money', weight: 1 },
];

/** Per-item IVA is informative on FE (prices include it, MH's rules); only CL prints it as a column. */
const HIDDEN_BY_TYPE: Record<string, string[]> = { '01': ['ivaItem'] };

export function items(doc: DteJson): JsonObject[] {
  return arrayAt(doc, 'cuerpoDocumento');
}

function cell(item: JsonObject, column: ColumnView): string {
  const raw = item[column.key];
  if (column.kind === 'money' || column.kind === 'qty') {
    if (typeof raw !== 'number') return '';
    return column.kind === 'money' ? itemMoney(raw) : quantity(raw);
  }
  const text = textAt(item, column.key);
  if (column.key === 'tipoDonacion') return label(CAT_026_DONACION, text);
  if (column.key === 'fechaEmision') return dateEs(text);
  return text;
}

function columnUsed(rows: JsonObject[], column: ColumnView): boolean {
  if (column.kind === 'money') return rows.some((r) => typeof r[column.key] === 'number' && r[column.key] !== 0);
  return rows.some((r) => r[column.key] !== undefined && r[column.key] !== null && r[column.key] !== '');
}

export function itemsTable(doc: DteJson, tipoDte: string): ItemsTableView | null {
  const rows = items(doc);
  if (rows.length === 0) return null;
  const hidden = HIDDEN_BY_TYPE[tipoDte] ?? [];
  const columns = CANDIDATES.filter((c) => !hidden.includes(c.key) && columnUsed(rows, c));
  return { columns, rows: rows.map((r) => columns.map((c) => cell(r, c))) };
}

const LINE_AMOUNT_FIELDS = ['ventaNoSuj', 'ventaExenta', 'ventaGravada', 'exportaciones', 'noGravado'];
const SINGLE_AMOUNT_FIELDS = ['compra', 'valor', 'ivaRetenido'];

/** The amount a ticket prints per line: the sum of the sale columns, else the type's single amount field. */
function lineAmount(item: JsonObject): Decimal | null {
  const present = LINE_AMOUNT_FIELDS.filter((k) => typeof item[k] === 'number');
  if (present.length > 0) return present.reduce((sum, k) => sum.plus(numberAt(item, k)!), new Decimal(0));
  const single = SINGLE_AMOUNT_FIELDS.find((k) => typeof item[k] === 'number');
  return single ? new Decimal(numberAt(item, single)!) : null;
}

export function ticketItems(doc: DteJson): TicketItemView[] {
  return items(doc).map((item) => {
    const description = textAt(item, 'descripcion') || textAt(item, 'numeroDocumento') || textAt(item, 'numDocumento');
    const cantidad = numberAt(item, 'cantidad');
    const unit = numberAt(item, 'precioUni') ?? numberAt(item, 'valorUni');
    const descu = numberAt(item, 'montoDescu');
    const parts: string[] = [];
    if (cantidad !== null && unit !== null) parts.push(`${quantity(cantidad)} x ${itemMoney(unit)}`);
    if (descu) parts.push(`desc. ${itemMoney(descu)}`);
    const amount = lineAmount(item);
    return { description, detail: parts.join('  '), amount: amount ? itemMoney(amount) : '' };
  });
}

/** DCL (09) carries one object, not an array, in cuerpoDocumento (fe-dcl-v2). */
export function singleBody(doc: DteJson): JsonObject | null {
  const body = doc['cuerpoDocumento'];
  return isObject(body) ? body : null;
}
