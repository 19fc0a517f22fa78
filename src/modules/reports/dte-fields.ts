/** Reading the fields the annexes and books need from a stored DTE JSON (MH's own field names). */
import { type Dec, ZERO } from '../../dte/money.js';
import { amount } from './csv.js';
import type { MonthDocument } from './month-documents.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export const resumen = (d: MonthDocument): Obj => obj(d.document.resumen);
export const receptor = (d: MonthDocument): Obj => obj(d.document.receptor);
export const emisor = (d: MonthDocument): Obj => obj(d.document.emisor);
export const lines = (d: MonthDocument): Obj[] =>
  Array.isArray(d.document.cuerpoDocumento) ? (d.document.cuerpoDocumento as unknown[]).map(obj) : [];

export const num = (d: MonthDocument, key: string): Dec => amount(resumen(d)[key]);

/** IVA débito fiscal of a CCF / NC / ND: the resumen tributo with code 20. */
export function debitoFiscal(d: MonthDocument): Dec {
  const tributos = Array.isArray(resumen(d).tributos) ? (resumen(d).tributos as unknown[]).map(obj) : [];
  return tributos.filter((t) => t.codigo === '20').reduce((a, t) => a.plus(amount(t.valor)), ZERO);
}

/** IVA percibido / retenido in a resumen: Normativa 2.0 names (ivaPerci, ivaRete) or the legacy ones (…1). */
export const ivaPerci = (d: MonthDocument): Dec => amount(resumen(d).ivaPerci ?? resumen(d).ivaPerci1);
export const ivaRete = (d: MonthDocument): Dec => amount(resumen(d).ivaRete ?? resumen(d).ivaRete1);

export interface Party {
  nombre: string;
  /** NIT (14 digits) or null. */
  nit: string | null;
  /** DUI (9 digits) or null: since 2021 a DUI is the NIT of a natural person, so a 9-digit NIT is reported as DUI. */
  dui: string | null;
  nrc: string | null;
  tipoDocumento: string | null;
  numDocumento: string | null;
}

export function party(r: Obj): Party {
  const clean = (v: unknown) => (typeof v === 'string' && v ? v.replace(/-/g, '') : null);
  const tipo = typeof r.tipoDocumento === 'string' ? r.tipoDocumento : null;
  const id = clean(r.nit) ?? (tipo === '36' || tipo === '13' ? clean(r.numDocumento) : null);
  return {
    nombre: typeof r.nombre === 'string' ? r.nombre : '',
    nit: id && id.length === 14 ? id : null,
    dui: id && id.length === 9 ? id : null,
    nrc: clean(r.nrc),
    tipoDocumento: tipo ?? (r.nit ? '36' : null),
    numDocumento: clean(r.numDocumento) ?? clean(r.nit),
  };
}

/** Sealed by MH and not invalidated: what annexes 1–12 and the books report. */
export const isReportable = (d: MonthDocument): boolean => d.status === 'PROCESSED' && !!d.selloRecibido;
/** Documents not yet sealed (queued, in contingency, rejected…): listed apart so the accountant knows. */
export const isPending = (d: MonthDocument): boolean => d.status !== 'PROCESSED' && d.status !== 'INVALIDATED';
