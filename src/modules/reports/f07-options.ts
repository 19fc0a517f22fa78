/**
 * Options of the F-07 annexes. The defaults follow MH's own manual for the annex upload ("Manual de Usuario para Carga
 * de Archivo de los Anexos F-07"); where known uploaders read a column differently, the other reading is an option.
 */
import type { FieldIssue } from '../../core/errors.js';

export interface F07Options {
  /**
   * UTF-8 byte-order mark at the start of each file (the manual does not state an encoding; known uploaders use it).
   */
  bom: boolean;
  /** Anexo 1 column P: `manual` = exentas + no sujetas + gravadas + terceros; `withDebito` also adds both débitos. */
  anexo1Total: 'manual' | 'withDebito';
  /** Anexo 2 columns F–I: `manual` = nº documento DEL/AL then control interno DEL/AL; `controlFirst` swaps them. */
  anexo2Order: 'manual' | 'controlFirst';
  /** Anexo 2 rows: one per day and type (manual: "los documentos se agruparán por día"), or also per point of sale. */
  anexo2Grouping: 'day' | 'dayAndPointOfSale';
  /** Invalidated-documents annex column J: the código de generación as 36 characters (manual) or 32 without hyphens. */
  anuladosCodigo: 'uuid36' | 'hex32';
  /** Anexo 5 column G (monto de la operación): the FSE's totalCompra (before the renta withholding) or totalPagar. */
  anexo5Monto: 'totalCompra' | 'totalPagar';
  /** Renta "tipo de ingreso" code of annexes 1 and 2 (periods from January 2025; before, 0). */
  tipoIngreso: string;
  /**
   * Anexo 5 classification (periods from February 2024): tipo de operación, clasificación, sector, tipo de costo/gasto.
   */
  compras: { tipoOperacion: string; clasificacion: string; sector: string; tipoCostoGasto: string };
}

export const F07_DEFAULTS: F07Options = {
  bom: true,
  anexo1Total: 'manual',
  anexo2Order: 'manual',
  anexo2Grouping: 'day',
  anuladosCodigo: 'uuid36',
  anexo5Monto: 'totalCompra',
  tipoIngreso: '3',
  compras: { tipoOperacion: '1', clasificacion: '2', sector: '4', tipoCostoGasto: '2' },
};

const CHOICES: Record<string, readonly string[]> = {
  anexo1Total: ['manual', 'withDebito'],
  anexo2Order: ['manual', 'controlFirst'],
  anexo2Grouping: ['day', 'dayAndPointOfSale'],
  anuladosCodigo: ['uuid36', 'hex32'],
  anexo5Monto: ['totalCompra', 'totalPagar'],
};
const INGRESO = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '12', '13'];

/** Merges the caller's options over the defaults; unknown values are field issues. */
export function f07Options(raw: Record<string, unknown> | null | undefined): {
  options: F07Options;
  issues: FieldIssue[];
} {
  const issues: FieldIssue[] = [];
  const o: Record<string, unknown> = { ...F07_DEFAULTS, compras: { ...F07_DEFAULTS.compras } };
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v === null || v === undefined) continue;
    const path = `options.${k}`;
    if (k === 'bom') {
      if (typeof v === 'boolean') o.bom = v;
      else issues.push({ path, code: 'INVALID_TYPE', message: 'bom must be true or false' });
    } else if (k === 'tipoIngreso') {
      if (INGRESO.includes(String(v))) o.tipoIngreso = String(v);
      else issues.push({ path, code: 'NOT_ALLOWED', message: `tipoIngreso must be one of ${INGRESO.join(', ')}` });
    } else if (k === 'compras') {
      comprasOption(v, o.compras as F07Options['compras'], issues);
    } else if (CHOICES[k]) {
      if (CHOICES[k].includes(String(v))) o[k] = v;
      else issues.push({ path, code: 'NOT_ALLOWED', message: `${k} must be one of ${CHOICES[k].join(', ')}` });
    } else issues.push({ path, code: 'UNKNOWN_FIELD', message: `unknown option ${k}` });
  }
  return { options: o as unknown as F07Options, issues };
}

const QUARTET: Record<string, readonly string[]> = {
  tipoOperacion: ['1', '2', '3', '4'],
  clasificacion: ['1', '2'],
  sector: ['1', '2', '3', '4'],
  tipoCostoGasto: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
};
function comprasOption(v: unknown, into: F07Options['compras'], issues: FieldIssue[]): void {
  if (!v || typeof v !== 'object')
    return void issues.push({ path: 'options.compras', code: 'INVALID_TYPE', message: 'compras must be an object' });
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null || x === undefined) continue;
    const allowed = QUARTET[k];
    if (!allowed) issues.push({ path: `options.compras.${k}`, code: 'UNKNOWN_FIELD', message: `unknown option ${k}` });
    else if (!allowed.includes(String(x))) {
      issues.push({
        path: `options.compras.${k}`,
        code: 'NOT_ALLOWED',
        message: `${k} must be one of ${allowed.join(', ')}`,
      });
    } else into[k as keyof F07Options['compras']] = String(x);
  }
}
