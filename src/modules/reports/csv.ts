/**
 * The cell rules of MH's F-07 annex upload: `;`-separated, no header row, dates DD/MM/AAAA, amounts with at most two
 * decimals, `.` as decimal point, no thousands separator and `0.00` for nil (a blank amount is refused), hyphens
 * removed from identifiers. Text cells never carry the separator or a line break.
 */
import { D, type Dec, ZERO } from '../../dte/money.js';

export const SEP = ';';
export const CRLF = '\r\n';
export const BOM = '\uFEFF';

export function money(v: Dec | null | undefined): string {
  return (v ?? ZERO).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
}

/** A document's number as a Decimal (null / missing → 0). */
export function amount(v: unknown): Dec {
  if (typeof v === 'number' && Number.isFinite(v)) return new D(String(v));
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return new D(v);
  return ZERO;
}

/** YYYY-MM-DD → DD/MM/AAAA. */
export function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export const noHyphens = (s: string | null | undefined): string => (s ?? '').replace(/-/g, '');

export function text(s: unknown, max?: number): string {
  const clean = String(s ?? '')
    .replace(/[;\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return max ? clean.slice(0, max) : clean;
}

export interface CsvOptions {
  /** UTF-8 byte-order mark first (what Excel and the portal's known uploaders use). */
  bom: boolean;
}

export function csvFile(rows: readonly (readonly string[])[], opts: CsvOptions, sep = SEP): Buffer {
  const body = rows.map((r) => r.join(sep)).join(CRLF) + (rows.length ? CRLF : '');
  return Buffer.from((opts.bom ? BOM : '') + body, 'utf8');
}
